using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary><c>history LR-1042</c>: every change to the request, oldest first, to whoever may see it, as a card.</summary>
public sealed class HistoryIntent(RequestQueries queries) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var number = intent.Number!.Value;
        if (await queries.HistoryAsync(number, dc.Input.User.AadObjectId, cancellationToken) is not { } history)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        dc.Show(HistoryCard.Build(history));
    }
}
