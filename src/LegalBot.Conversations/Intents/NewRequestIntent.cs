using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;

namespace LegalBot.Conversations.Intents;

/// <summary><c>new request</c> or an opener such as "I need an NDA": starts (or restarts) filing.</summary>
public sealed class NewRequestIntent : IIntentHandler
{
    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (dc.ActiveDialog is not null)
        {
            dc.Say("Starting a new request. The one you were filling in was not saved.");
            await dc.CancelAllDialogsAsync(cancellationToken);
        }

        await dc.BeginDialogAsync(IntakeDialog.DialogId, intent.Type, cancellationToken);
    }
}
