using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary>One command the bot understands; one class each.</summary>
public interface IIntentHandler
{
    Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken);
}
