using LegalBot.Application.Requests;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary><c>my requests</c>: the sender's own requests, newest first, a page at a time.</summary>
public sealed class MyRequestsIntent(RequestQueries queries, IOptions<ConversationOptions> options) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken) =>
        dc.Show(MyRequestsCard.Build(await queries.MyRequestsAsync(dc.Input.User.AadObjectId, intent.Skip, options.Value.PageSize, cancellationToken)));
}
