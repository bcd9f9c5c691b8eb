using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

public sealed class HelpIntent(AccessPolicy access) : IIntentHandler
{
    public Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        dc.Show(HelpCard.Build(access.RoleOf(dc.Input.User.AadObjectId) == Role.LegalStaff));
        return Task.CompletedTask;
    }
}
