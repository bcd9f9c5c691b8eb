using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary><c>help</c>: what the bot can do, for the sender's role.</summary>
public sealed class HelpIntent(AccessPolicy access) : IIntentHandler
{
    public Intent? RecognizeCommand(IntentInput input) =>
        input.Action == CardActions.Help || input.Text is "help" or "?" or "what can you do" or "commands" ? new Intent(this) : null;

    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var role = access.RoleOf(dc.Input.User.AadObjectId);
        dc.Show(HelpCard.Build(role == Role.LegalStaff, role == Role.AlspProfessional));
        return Task.CompletedTask;
    }
}
