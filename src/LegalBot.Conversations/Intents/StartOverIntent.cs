using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary><c>start over</c>: the dialog in progress begins again from its first question, with nothing kept.</summary>
public sealed class StartOverIntent : IIntentHandler
{
    public IntentHelp Help => new("start over", "Throw away what you have typed so far and begin again");

    public IntentInterruption Interruption => IntentInterruption.TakeOver;

    public Intent? RecognizeCommand(IntentInput input) =>
        input.Text is "start over" or "restart" or "reset" or "start again" ? new Intent(this) : null;

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (dc.Stack.Count == 0)
        {
            dc.Say("There's nothing in progress to start over. Type **new request** to file one.");
            return;
        }

        var root = dc.Stack[0].Id;
        await dc.CancelAllDialogsAsync(cancellationToken);
        dc.Say("OK, let's start over. Nothing was saved.");
        await dc.BeginDialogAsync(root, null, cancellationToken);
    }
}
