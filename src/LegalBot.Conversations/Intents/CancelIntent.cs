using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

public sealed class CancelIntent : IIntentHandler
{
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
