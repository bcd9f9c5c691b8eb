using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

public sealed class UnknownIntent : IIntentHandler
{
    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        dc.Say(
            dc.Input.Text is null && dc.Input.Action is null
                ? "I can read text messages and my own cards. Type **help** to see what I can do."
                : "Sorry, I didn't understand that. Type new request to file a legal request, my requests to see yours, or help for everything else.",
            ["New request", "My requests", "Help"]);
        return Task.CompletedTask;
    }
}
