using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;

namespace LegalBot.Conversations.Intents;

/// <summary><c>new request</c> or an opener such as "I need an NDA": starts (or restarts) filing.</summary>
public sealed class NewRequestIntent(IntakeDialog intake) : IIntentHandler
{
    public Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (dc.State.IsActive)
        {
            dc.Say("Starting a new request. The one you were filling in was not saved.");
        }

        return intake.BeginAsync(dc, intent.Type);
    }
}
