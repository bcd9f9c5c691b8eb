using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

public sealed class HelpIntent(AccessPolicy access) : IIntentHandler
{
    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var role = access.RoleOf(dc.Input.User.AadObjectId);
        dc.Show(HelpCard.Build(role == Role.LegalStaff, role == Role.AlspProfessional));
        return Task.CompletedTask;
    }
}
