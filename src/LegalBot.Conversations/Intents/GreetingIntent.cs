using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

public sealed class GreetingIntent(AccessPolicy access) : IIntentHandler
{
    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        dc.Show(WelcomeCard.Build(dc.Input.User.Name, access.RoleOf(dc.Input.User.AadObjectId) == Role.LegalStaff));
        return Task.CompletedTask;
    }
}
