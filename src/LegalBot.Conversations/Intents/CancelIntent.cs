using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary><c>cancel</c>: drops the dialog in progress; nothing is saved.</summary>
public sealed class CancelIntent : IIntentHandler
{
    public IntentHelp Help => new("cancel", "Stop the request you are filling in");

    public IntentInterruption Interruption => IntentInterruption.TakeOver;

    public Intent? RecognizeCommand(IntentInput input) =>
        input.Text is "cancel" or "stop" or "quit" or "never mind" or "nevermind" or "exit" ? new Intent(this) : null;

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            await dc.CancelAllDialogsAsync(cancellationToken);
            dc.Say("Cancelled. Nothing was saved. Type **new request** whenever you're ready.");
        }
        else
        {
            dc.Say("There's nothing to cancel. Type **help** to see what I can do.");
        }
    }
}
