using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Requests;

/// <summary>
/// The read side every entry point shares: a request's history, someone's requests, a professional's
/// assignments, each as its card's model in the viewer's time zone. What a viewer may not see reads as absent.
/// </summary>
public sealed class RequestQueries(
    IRequestStore requests,
    VisibleRequests visible,
    AccessPolicy access,
    RequestTypeCatalog catalog,
    ViewerTimeZones zones)
{
    /// <summary>Every change to the request, oldest first; null when it does not exist or the viewer may not see it.</summary>
    public async Task<HistoryModel?> HistoryAsync(Core.Requests.RequestNumber number, string viewer, CancellationToken cancellationToken)
    {
        var request = await visible.FindAsync(number, viewer, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var history = await requests.GetHistoryAsync(number, cancellationToken);
        return new HistoryModel(request, history, await zones.ForAsync(viewer, cancellationToken));
    }

    /// <summary>The viewer's own requests, newest first; a page past the end (a stale "next page") gives the first page.</summary>
    public async Task<MyRequestsModel> MyRequestsAsync(string viewer, int skip, int take, CancellationToken cancellationToken)
    {
        var page = await requests.ListByRequesterAsync(viewer, Math.Max(0, skip), take, cancellationToken);
        if (page.Items.Count == 0 && page.Total > 0)
        {
            page = await requests.ListByRequesterAsync(viewer, 0, take, cancellationToken);
        }

        return new MyRequestsModel(page, TypeName, TimeZone: await zones.ForAsync(viewer, cancellationToken));
    }

    /// <summary>An ALSP professional's open work, newest first; null for anyone who is not an ALSP professional.</summary>
    public async Task<MyRequestsModel?> MyAssignmentsAsync(string viewer, int skip, int take, CancellationToken cancellationToken)
    {
        if (access.RoleOf(viewer) != Role.AlspProfessional)
        {
            return null;
        }

        var page = await requests.ListByAssigneeAsync(viewer, Math.Max(0, skip), take, cancellationToken);
        return new MyRequestsModel(page, TypeName, Assignments: true, TimeZone: await zones.ForAsync(viewer, cancellationToken));
    }

    private string TypeName(string key) => catalog.Find(key)?.Name ?? key;
}
