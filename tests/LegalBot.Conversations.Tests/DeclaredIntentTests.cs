using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intents;

namespace LegalBot.Conversations.Tests;

/// <summary>
/// A command is one class and one registration: what it answers to, and whether it may interrupt a dialog, is
/// declared by the intent itself. These intents exist only in the test.
/// </summary>
public sealed class DeclaredIntentTests
{
    /// <summary>"office hours" at any time; answers, then the waiting question is asked again.</summary>
    private sealed class OfficeHoursIntent : IIntentHandler
    {
        public Intent? RecognizeCommand(IntentInput input) => input.Text == "office hours" ? new Intent(this) : null;

        public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
        {
            dc.Say("The legal team answers 9 to 5.");
            return Task.CompletedTask;
        }
    }

    /// <summary>"weather" only when no question waits.</summary>
    private sealed class WeatherIntent : IIntentHandler
    {
        public Intent? RecognizeWhenIdle(IntentInput input) => input.Text == "weather" ? new Intent(this) : null;

        public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
        {
            dc.Say("Sunny.");
            return Task.CompletedTask;
        }
    }

    /// <summary>"park it" at any time; takes the dialog over (ends it), so nothing is asked again.</summary>
    private sealed class ParkIntent : IIntentHandler
    {
        public IntentInterruption Interruption => IntentInterruption.TakeOver;

        public Intent? RecognizeCommand(IntentInput input) => input.Text == "park it" ? new Intent(this) : null;

        public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            dc.Say("Parked.");
        }
    }

    private static Conversation WithTestIntents() => new(configure: services =>
    {
        services.AddIntent<OfficeHoursIntent>();
        services.AddIntent<WeatherIntent>();
        services.AddIntent<ParkIntent>();
    });

    [Fact]
    public async Task ACommandDeclaredAsInterrupting_AnswersMidDialog_ThenTheQuestionIsAskedAgain()
    {
        var c = WithTestIntents();
        await c.SayAsync("I need an NDA");

        var turn = await c.SayAsync("Office hours!");

        Assert.Equal("The legal team answers 9 to 5.", turn.Texts[0]);
        Assert.Contains("Title", turn.LastText);
        Assert.Equal("title", c.PendingField!.Name);
    }

    [Fact]
    public async Task AnIdleOnlyCommand_MidDialog_IsTakenAsTheAnswer()
    {
        var c = WithTestIntents();
        await c.SayAsync("I need an NDA");

        var turn = await c.SayAsync("weather");

        Assert.DoesNotContain("Sunny.", turn.Texts);
        Assert.Equal("weather", c.Values["title"]);
        Assert.Contains("Description", turn.LastText);
        Assert.Equal("Sunny.", (await new Conversation(configure: s => s.AddIntent<WeatherIntent>()).SayAsync("weather")).LastText);
    }

    [Fact]
    public async Task ACommandThatTakesOver_IsNotFollowedByTheOldQuestion()
    {
        var c = WithTestIntents();
        await c.SayAsync("I need an NDA");

        var turn = await c.SayAsync("park it");

        Assert.Equal(["Parked."], turn.Texts);
        Assert.False(c.IsActive);
    }
}
