using System.Text.Json;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Tests;

/// <summary>
/// The dialog stack and prompts on their own, with small dialogs written for the test. Between turns the
/// state goes through JSON, as the host saves it.
/// </summary>
public sealed class DialogStackTests
{
    /// <summary>Begins a child when asked to, says what it was resumed with, and ends with it.</summary>
    private sealed class Parent(string id, string childId) : LbDialog(id)
    {
        public List<(LbDialogReason Reason, object? Result)> Resumed { get; } = [];

        public override Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken)
        {
            dc.ActiveDialog!.State["began"] = Convert.ToString(options, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            return dc.BeginDialogAsync(childId, null, cancellationToken);
        }

        public override Task<LbDialogTurnResult> ResumeDialogAsync(LbDialogContext dc, LbDialogReason reason, object? result, CancellationToken cancellationToken)
        {
            Resumed.Add((reason, result));
            dc.Say(Id + " got " + result);
            return dc.EndDialogAsync(Id + ":" + result, cancellationToken);
        }
    }

    /// <summary>Waits for one message and ends with it.</summary>
    private sealed class Echo(string id) : LbDialog(id)
    {
        public override Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken)
        {
            dc.Say(Id + "?");
            return Task.FromResult(EndOfTurn);
        }

        public override Task<LbDialogTurnResult> ContinueDialogAsync(LbDialogContext dc, CancellationToken cancellationToken) =>
            dc.EndDialogAsync(dc.Input.Text, cancellationToken);

        public override Task RepromptDialogAsync(LbDialogContext dc, LbDialogInstance instance, string? reason, CancellationToken cancellationToken)
        {
            dc.Say((reason is null ? "" : reason + " ") + Id + "?");
            return Task.CompletedTask;
        }
    }

    private string stateJson = JsonSerializer.Serialize(new LbDialogState());

    private async Task<(LbDialogTurnResult Result, LbDialogContext Dc)> TurnAsync(LbDialogSet dialogs, string? text, Func<LbDialogContext, Task<LbDialogTurnResult>> act)
    {
        var state = JsonSerializer.Deserialize<LbDialogState>(stateJson)!;
        var dc = new LbDialogContext(dialogs, Input(text), state);
        var result = await act(dc);
        stateJson = JsonSerializer.Serialize(state);
        return (result, dc);
    }

    private LbDialogState Saved => JsonSerializer.Deserialize<LbDialogState>(stateJson)!;

    private static TurnInput Input(string? text) => new()
    {
        User = Conversation.User,
        ConversationId = "conversation-1",
        Text = text,
        Today = Conversation.Today,
        Now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Begin_PushesParentAndChild_TheChildsResultResumesTheParent_ThenTheStackCompletes()
    {
        var parent = new Parent("parent", "child");
        var dialogs = new LbDialogSet([parent, new Echo("child")]);

        var begun = await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("parent", 7));
        Assert.Equal(LbDialogTurnStatus.Waiting, begun.Result.Status);
        Assert.Equal(["parent", "child"], Saved.DialogStack.Select(i => i.Id));
        Assert.Equal("7", Saved.DialogStack[0].State["began"]);

        var answered = await TurnAsync(dialogs, "blue", dc => dc.ContinueDialogAsync());

        Assert.Equal([(LbDialogReason.EndCalled, (object?)"blue")], parent.Resumed);
        Assert.Equal(new LbDialogTurnResult(LbDialogTurnStatus.Complete, "parent:blue"), answered.Result);
        Assert.Contains("parent got blue", answered.Dc.Replies.OfType<TextReply>().Select(r => r.Text));
        Assert.Empty(Saved.DialogStack);
    }

    [Fact]
    public async Task Replace_SwapsTheActiveDialog_WithoutResumingItsParent()
    {
        var parent = new Parent("parent", "first");
        var dialogs = new LbDialogSet([parent, new Echo("first"), new Echo("second")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("parent"));

        var replaced = await TurnAsync(dialogs, null, dc => dc.ReplaceDialogAsync("second"));

        Assert.Equal(LbDialogTurnStatus.Waiting, replaced.Result.Status);
        Assert.Empty(parent.Resumed);
        Assert.Equal(["parent", "second"], Saved.DialogStack.Select(i => i.Id));
        var done = await TurnAsync(dialogs, "green", dc => dc.ContinueDialogAsync());
        Assert.Equal("parent:green", done.Result.Result);
    }

    [Fact]
    public async Task CancelAll_EmptiesTheStack_AndResumesNoOne()
    {
        var parent = new Parent("parent", "child");
        var dialogs = new LbDialogSet([parent, new Echo("child")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("parent"));

        var cancelled = await TurnAsync(dialogs, null, dc => dc.CancelAllDialogsAsync());

        Assert.Equal(LbDialogTurnStatus.Cancelled, cancelled.Result.Status);
        Assert.Empty(parent.Resumed);
        Assert.Empty(Saved.DialogStack);
        Assert.Equal(LbDialogTurnStatus.Empty, (await TurnAsync(dialogs, "x", dc => dc.ContinueDialogAsync())).Result.Status);
    }

    [Fact]
    public async Task Reprompt_AsksTheActiveDialogsQuestionAgain_WithTheReasonFirst()
    {
        var dialogs = new LbDialogSet([new Parent("parent", "child"), new Echo("child")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("parent"));

        var turn = await TurnAsync(dialogs, null, async dc =>
        {
            await dc.RepromptDialogAsync("Meanwhile:");
            return LbDialog.EndOfTurn;
        });

        Assert.Equal(["Meanwhile: child?"], turn.Dc.Replies.OfType<TextReply>().Select(r => r.Text));
        Assert.Equal(2, Saved.DialogStack.Count);
    }

    [Fact]
    public async Task AnUnknownDialogId_IsRefusedLoudly()
    {
        var dialogs = new LbDialogSet([new Echo("child")]);

        await Assert.ThrowsAsync<InvalidOperationException>(() => TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("missing")));
        Assert.Throws<InvalidOperationException>(() => new LbDialogSet([new Echo("same"), new Echo("same")]));
    }

    /// <summary>Begins a prompt with the options it was given and ends with the prompt's value.</summary>
    private sealed class Asker(string promptId, LbPromptOptions options) : LbDialog("asker")
    {
        public override Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? _, CancellationToken cancellationToken) =>
            dc.PromptAsync(promptId, options, cancellationToken);
    }

    private static LbPromptOptions Budget(int maxAttempts = 0) => new()
    {
        Prompt = "What is the budget?",
        RetryPrompt = "The budget, as a number?",
        Validations = new FieldDefinition { Name = "budget", Label = "Budget", Kind = FieldKind.Number, Required = true, Min = 0 },
        MaxAttempts = maxAttempts,
        GiveUpMessage = "Let's stop here.",
    };

    private async Task<LbDialogTurnResult> AnswerAsync(LbDialogSet dialogs, string text, List<string>? said = null)
    {
        var turn = await TurnAsync(dialogs, text, dc => dc.ContinueDialogAsync());
        said?.AddRange(turn.Dc.Replies.OfType<TextReply>().Select(r => r.Text));
        return turn.Result;
    }

    [Fact]
    public async Task NumberPrompt_ReturnsATypedValue_ToItsParent()
    {
        var dialogs = new LbDialogSet([new Asker("number", Budget()), new LbNumberPrompt("number")]);
        var asked = await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        Assert.Equal("What is the budget?", asked.Dc.Replies.OfType<TextReply>().Single().Text);

        var result = await AnswerAsync(dialogs, "$25,000");

        Assert.Equal(new LbDialogTurnResult(LbDialogTurnStatus.Complete, 25000m), result);
    }

    [Fact]
    public async Task ARefusedAnswer_GetsTheReasonAndTheRetryPrompt_AndTheQuestionStaysPending()
    {
        var dialogs = new LbDialogSet([new Asker("number", Budget()), new LbNumberPrompt("number")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        var said = new List<string>();

        var result = await AnswerAsync(dialogs, "lots", said);

        Assert.Equal(LbDialogTurnStatus.Waiting, result.Status);
        Assert.Equal(["Budget must be a number, like 25000. The budget, as a number?"], said);
        Assert.Equal(["asker", "number"], Saved.DialogStack.Select(i => i.Id));
    }

    [Fact]
    public async Task AValidator_RefusesWhatTheRecognizerRead_SaysWhy_AndSeesTheAttemptCount()
    {
        var attempts = new List<int>();
        var prompt = new LbNumberPrompt("number", (context, _) =>
        {
            attempts.Add(context.AttemptCount);
            if (context.Recognized.Value is > 100_000m)
            {
                context.Context.Say("That is over the approval limit.");
                return Task.FromResult(false);
            }

            return Task.FromResult(true);
        });
        var dialogs = new LbDialogSet([new Asker("number", Budget()), prompt]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        var said = new List<string>();

        var refused = await AnswerAsync(dialogs, "250000", said);
        var accepted = await AnswerAsync(dialogs, "90000");

        Assert.Equal(LbDialogTurnStatus.Waiting, refused.Status);
        Assert.Equal(["That is over the approval limit.", "The budget, as a number?"], said);
        Assert.Equal(90000m, accepted.Result);
        Assert.Equal([1, 2], attempts);
    }

    [Fact]
    public async Task AfterMaxAttempts_ThePromptGivesUp_SaysWhy_AndCancelsTheStack()
    {
        var dialogs = new LbDialogSet([new Asker("number", Budget(maxAttempts: 2)), new LbNumberPrompt("number")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        var said = new List<string>();

        Assert.Equal(LbDialogTurnStatus.Waiting, (await AnswerAsync(dialogs, "lots")).Status);
        var gaveUp = await AnswerAsync(dialogs, "heaps", said);

        Assert.Equal(LbDialogTurnStatus.Cancelled, gaveUp.Status);
        Assert.Equal(["Budget must be a number, like 25000. Let's stop here."], said);
        Assert.Empty(Saved.DialogStack);
    }

    [Fact]
    public async Task Synonyms_StandForAnswers_AndAnOptionalFieldCanBeSkipped()
    {
        var confirm = new LbPromptOptions
        {
            Prompt = "Submit?",
            Validations = new FieldDefinition { Name = "ok", Label = "Submit", Kind = FieldKind.YesNo, Required = true },
            Synonyms = new() { ["send it"] = "true" },
        };
        var dialogs = new LbDialogSet([new Asker("confirm", confirm), new LbConfirmPrompt("confirm")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        Assert.Equal(true, (await AnswerAsync(dialogs, "Send it!")).Result);

        var date = new LbPromptOptions
        {
            Prompt = "Due date?",
            Validations = new FieldDefinition { Name = "due", Label = "Due date", Kind = FieldKind.Date },
            Synonyms = new() { ["skip"] = "" },
        };
        dialogs = new LbDialogSet([new Asker("date", date), new LbDatePrompt("date")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        var skipped = await AnswerAsync(dialogs, "skip");
        Assert.Equal(new LbDialogTurnResult(LbDialogTurnStatus.Complete, null), skipped);

        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        Assert.Equal(new DateOnly(2026, 11, 27), (await AnswerAsync(dialogs, "tomorrow")).Result);
    }

    [Fact]
    public async Task ChoiceAndTextPrompts_OfferTheChoices_AndKeepTheirLimits()
    {
        var choice = new LbPromptOptions
        {
            Prompt = "Which unit?",
            Validations = new FieldDefinition { Name = "unit", Label = "Unit", Kind = FieldKind.Choice, Required = true, Choices = ["Sales", "Legal"] },
        };
        var dialogs = new LbDialogSet([new Asker("choice", choice), new LbChoicePrompt("choice")]);
        var asked = await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        Assert.Equal(["Sales", "Legal"], asked.Dc.Replies.OfType<TextReply>().Single().Suggestions);
        Assert.Equal("Legal", (await AnswerAsync(dialogs, "2")).Result);

        var text = new LbPromptOptions
        {
            Prompt = "Title?",
            Validations = new FieldDefinition { Name = "title", Label = "Title", Kind = FieldKind.Text, Required = true, MaxLength = 5 },
        };
        dialogs = new LbDialogSet([new Asker("text", text), new LbTextPrompt("text")]);
        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("asker"));
        var said = new List<string>();
        await AnswerAsync(dialogs, "far too long", said);
        Assert.Equal(["Title can be at most 5 characters (this one has 12). Title?"], said);
        Assert.Equal("short", (await AnswerAsync(dialogs, "  short ")).Result);
    }

    [Fact]
    public async Task AComponent_FindsItsChildren_AndIsResumedWithTheirResult()
    {
        var component = new Wrapper();
        var dialogs = new LbDialogSet([component]);

        await TurnAsync(dialogs, null, dc => dc.BeginDialogAsync("wrapper"));
        Assert.Equal(["wrapper", "wrapper.echo"], Saved.DialogStack.Select(i => i.Id));
        var done = await TurnAsync(dialogs, "hello", dc => dc.ContinueDialogAsync());

        Assert.Equal(new LbDialogTurnResult(LbDialogTurnStatus.Complete, "hello"), done.Result);
        Assert.Null(new LbDialogSet([new Echo("other")]).Find("wrapper.echo"));
    }

    private sealed class Wrapper : LbComponentDialog
    {
        public Wrapper()
            : base("wrapper")
        {
            AddDialog(new Echo("wrapper.echo"));
            InitialDialogId = "wrapper.echo";
        }
    }

    [Fact]
    public void TheStateIsPlainData_ThatReadsBackTheSame()
    {
        var state = new LbDialogState();
        state.DialogStack.Add(new LbDialogInstance { Id = "a", State = { ["k"] = "v" } });
        state.DialogStack.Add(LbPromptState.Instance("p", Budget(3), attempts: 2));

        var read = JsonSerializer.Deserialize<LbDialogState>(JsonSerializer.Serialize(state))!;

        Assert.Equal("v", read.DialogStack[0].State["k"]);
        Assert.Equal(2, LbPromptState.AttemptsOf(read.DialogStack[1]));
        Assert.Equal("Budget", LbPromptState.OptionsOf(read.DialogStack[1]).Validations.Label);
        Assert.False(read.HasLegacyShape());
    }
}
