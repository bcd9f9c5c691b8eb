using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary><c>my requests</c>: the sender's own requests, newest first, a page at a time.</summary>
public sealed class MyRequestsIntent(RequestQueries queries, IOptions<ConversationOptions> options) : IIntentHandler
{
    public IntentHelp Help => new("my requests", "List the requests you have filed");

    public Intent? RecognizeCommand(IntentInput input) => input.Action switch
    {
        CardActions.MyRequests => new Intent(this),
        CardActions.RequestsPage => new Intent(this, Page: IntentRecognizer.Page(input.Value)),
        null when input.Text is "my requests" or "my request" or "list requests" or "list my requests" => new Intent(this),
        _ => null,
    };

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken) =>
        dc.Show(MyRequestsCard.Build(await queries.MyRequestsAsync(dc.Input.User.AadObjectId, intent.Page ?? PagePosition.First, options.Value.PageSize, cancellationToken)));
}
