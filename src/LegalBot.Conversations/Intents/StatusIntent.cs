using LegalBot.Application.Workflow;
using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary><c>status LR-1042</c>: the request's card, to its requester and to legal staff only.</summary>
public sealed class StatusIntent(VisibleRequests visible, RequestCards cards) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (intent.Number is not { } number)
        {
            dc.Say("Which request? Type **status** followed by its id, for example **status LR-1042**, or **my requests** to see yours.");
            return;
        }

        var request = await visible.FindAsync(number, dc.Input.User.AadObjectId, cancellationToken);
        if (request is null)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        // The card carries the buttons this person may use on the request now.
        dc.Show(await cards.ViewAsync(request, dc.Input.User.AadObjectId, cancellationToken: cancellationToken), request.Number);
    }
}
