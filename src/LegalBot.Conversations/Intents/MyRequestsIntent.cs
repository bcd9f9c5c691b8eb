using LegalBot.Application;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary><c>my requests</c>: the sender's own requests, newest first, a page at a time.</summary>
public sealed class MyRequestsIntent(IRequestStore store, RequestTypeCatalog catalog, IOptions<ConversationOptions> options, ViewerTimeZones zones) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var page = await store.ListByRequesterAsync(dc.Input.User.AadObjectId, Math.Max(0, intent.Skip), options.Value.PageSize, cancellationToken);
        if (page.Items.Count == 0 && page.Total > 0)
        {
            // A stale "next page" button: the list shrank or the skip is out of range.
            page = await store.ListByRequesterAsync(dc.Input.User.AadObjectId, 0, options.Value.PageSize, cancellationToken);
        }

        dc.Show(MyRequestsCard.Build(new MyRequestsModel(page, key => catalog.Find(key)?.Name ?? key, TimeZone: await zones.ForAsync(dc.Input.User.AadObjectId, cancellationToken))));
    }
}
