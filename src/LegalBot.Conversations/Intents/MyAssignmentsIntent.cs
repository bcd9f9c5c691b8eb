using LegalBot.Application;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary><c>my assignments</c>: an ALSP professional's open work, newest first.</summary>
public sealed class MyAssignmentsIntent(IWorkflowStore store, AccessPolicy access, RequestTypeCatalog catalog, IOptions<ConversationOptions> options, ViewerTimeZones zones) : IIntentHandler
{
    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (access.RoleOf(dc.Input.User.AadObjectId) != Role.AlspProfessional)
        {
            dc.Say("My assignments is for ALSP professionals. Type my requests to see the requests you filed.");
            return;
        }

        var page = await store.ListByAssigneeAsync(dc.Input.User.AadObjectId, Math.Max(0, intent.Skip), options.Value.PageSize, cancellationToken);
        dc.Show(MyRequestsCard.Build(new MyRequestsModel(page, key => catalog.Find(key)?.Name ?? key, Assignments: true, TimeZone: await zones.ForAsync(dc.Input.User.AadObjectId, cancellationToken))));
    }
}
