using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;
using Microsoft.Extensions.DependencyInjection;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// <c>help</c>: what the bot can do, for the sender's role. It lists what the registered intents declare
/// (<see cref="IIntentHandler.Help"/>), in registration order, so a new command appears here without a change here.
/// </summary>
/// <remarks>The intents are looked up when help is asked for: this intent is one of them.</remarks>
public sealed class HelpIntent(AccessPolicy access, IServiceProvider services) : IIntentHandler
{
    public IntentHelp Help => new("help", "Show this list");

    public Intent? RecognizeCommand(IntentInput input) =>
        input.Action == CardActions.Help || input.Text is "help" or "?" or "what can you do" or "commands" ? new Intent(this) : null;

    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var role = access.RoleOf(dc.Input.User.AadObjectId);
        var commands = services.GetServices<IIntentHandler>()
            .Select(i => i.Help)
            .OfType<IntentHelp>()
            .Where(h => h.IsFor(role))
            .Select(h => new HelpCommand(h.Example, h.Description))
            .ToList();
        dc.Show(HelpCard.Build(commands, role == Role.LegalStaff, role == Role.AlspProfessional));
        return Task.CompletedTask;
    }
}
