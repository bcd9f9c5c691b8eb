using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;

namespace LegalBot.Conversations.Intents;

public sealed class StartOverIntent(IntakeDialog intake) : IIntentHandler
{
    public Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (!dc.State.IsActive)
        {
            dc.Say("There's nothing in progress to start over. Type **new request** to file one.");
            return Task.CompletedTask;
        }

        return intake.RestartAsync(dc, cancellationToken);
    }
}
