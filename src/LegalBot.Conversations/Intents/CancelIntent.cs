using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

public sealed class CancelIntent : IIntentHandler
{
    public Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (dc.State.IsActive)
        {
            dc.State.Clear();
            dc.Say("Cancelled. Nothing was saved. Type **new request** whenever you're ready.");
        }
        else
        {
            dc.Say("There's nothing to cancel. Type **help** to see what I can do.");
        }

        return Task.CompletedTask;
    }
}
