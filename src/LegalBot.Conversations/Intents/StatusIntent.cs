using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Intents;

/// <summary><c>status LR-1042</c>: the request's card, to its requester and to legal staff only.</summary>
public sealed class StatusIntent(IRequestStore store, AccessPolicy access, RequestCards cards) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (intent.Number is not { } number)
        {
            dc.Say("Which request? Type **status** followed by its id, for example **status LR-1042**, or **my requests** to see yours.");
            return;
        }

        var request = await store.GetAsync(number, cancellationToken);
        if (request is null || !access.CanView(request, dc.Input.User.AadObjectId))
        {
            // The same answer for "unknown" and "not yours", so ids cannot be probed.
            dc.Say($"I couldn't find **{number}** among the requests you can see. Type **my requests** to list yours.");
            return;
        }

        // The card carries the buttons this person may use on the request now.
        dc.Show(await cards.RenderAsync(request, dc.Input.User.AadObjectId, cancellationToken: cancellationToken), request.Number);
    }
}
