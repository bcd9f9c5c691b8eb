using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Requests;

/// <summary>Where a page of a listing starts, as a "next page" button carries it.</summary>
/// <param name="ContinuationToken">The store's token; null for the first page.</param>
/// <param name="Position">How many rows came before the page, for display only.</param>
public sealed record PagePosition(string? ContinuationToken = null, int Position = 0)
{
    public static readonly PagePosition First = new();
}

/// <summary>
/// The read side every entry point shares: a request's history, someone's requests, a professional's
/// assignments, each as its card's model in the viewer's time zone. What a viewer may not see reads as absent.
/// </summary>
public sealed class RequestQueries(
    IRequestStore requests,
    VisibleRequests visible,
    AccessPolicy access,
    RequestTypeCatalog catalog,
    ViewerTimeZones zones,
    ServiceLevelClock serviceLevels)
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

    /// <summary>
    /// The viewer's own requests, newest first, from where <paramref name="page"/> points (the first page when it
    /// does not say); a token the store cannot read (an altered or outdated button) gives the first page.
    /// </summary>
    public async Task<MyRequestsModel> MyRequestsAsync(string viewer, PagePosition page, int take, CancellationToken cancellationToken)
    {
        var (listed, at) = await ListAsync(page, take, (token, size) => requests.ListByRequesterAsync(viewer, token, size, cancellationToken));
        return new MyRequestsModel(listed, TypeName, TimeZone: await zones.ForAsync(viewer, cancellationToken), Position: at)
        {
            ServiceLevels = await ServiceLevelsAsync(listed, cancellationToken),
        };
    }

    /// <summary>An ALSP professional's open work, newest first, paged as <see cref="MyRequestsAsync"/>; null for anyone who is not an ALSP professional.</summary>
    public async Task<MyRequestsModel?> MyAssignmentsAsync(string viewer, PagePosition page, int take, CancellationToken cancellationToken)
    {
        if (access.RoleOf(viewer) != Role.AlspProfessional)
        {
            return null;
        }

        var (listed, at) = await ListAsync(page, take, (token, size) => requests.ListByAssigneeAsync(viewer, token, size, cancellationToken));
        return new MyRequestsModel(listed, TypeName, Assignments: true, TimeZone: await zones.ForAsync(viewer, cancellationToken), Position: at)
        {
            ServiceLevels = await ServiceLevelsAsync(listed, cancellationToken),
        };
    }

    /// <summary>
    /// Where each open request of the page stands against its due date, from the pauses the rows carry: no store
    /// round trip per row. Only a request filed before rows kept their pauses, and that has waited on its requester
    /// since, has its history read (the stores' migrations give the empty log to every row that never waited).
    /// </summary>
    private async Task<IReadOnlyDictionary<Core.Requests.RequestNumber, Core.Requests.ServiceLevel>> ServiceLevelsAsync(RequestPage page, CancellationToken cancellationToken)
    {
        var levels = new Dictionary<Core.Requests.RequestNumber, Core.Requests.ServiceLevel>();
        foreach (var request in page.Items.Take(MyRequestsCard.MaxRows))
        {
            var level = request.Pauses is null && Core.Requests.ServiceLevels.IsActive(request.State)
                ? serviceLevels.Of(request, await requests.GetHistoryAsync(request.Number, cancellationToken))
                : serviceLevels.Of(request);
            if (level is not null)
            {
                levels[request.Number] = level;
            }
        }

        return levels;
    }

    // A card shows at most MaxRows, and the next page must start right after the last row shown.
    private static async Task<(RequestPage Page, int Position)> ListAsync(PagePosition page, int take, Func<string?, int, Task<RequestPage>> list)
    {
        var size = Math.Clamp(take, 1, MyRequestsCard.MaxRows);
        if (page.ContinuationToken is null)
        {
            return (await list(null, size), 0);
        }

        try
        {
            return (await list(page.ContinuationToken, size), page.Position);
        }
        catch (InvalidContinuationTokenException)
        {
            return (await list(null, size), 0);
        }
    }

    private string TypeName(string key) => catalog.Find(key)?.Name ?? key;
}
