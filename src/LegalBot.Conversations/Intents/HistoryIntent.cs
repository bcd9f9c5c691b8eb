using LegalBot.Application;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Intents;

/// <summary><c>history LR-1042</c>: every change to the request, oldest first, to whoever may see it, as a card.</summary>
public sealed class HistoryIntent(IRequestStore requests, VisibleRequests visible, ViewerTimeZones zones) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var number = intent.Number!.Value;
        var request = await visible.FindAsync(number, dc.Input.User.AadObjectId, cancellationToken);
        if (request is null)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        var history = await requests.GetHistoryAsync(number, cancellationToken);
        var zone = await zones.ForAsync(dc.Input.User.AadObjectId, cancellationToken);
        dc.Show(HistoryCard.Build(new HistoryModel(request, history, zone)));
    }
}
