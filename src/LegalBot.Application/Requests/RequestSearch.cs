using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Requests;

/// <summary>
/// Finds the requests a person may see by number, title or counterparty, newest first, for the message extension's
/// search. A number finds that request for anyone who may see it (legal staff: any). Text is matched, ignoring case,
/// within the newest <see cref="MaxScanned"/> requests of the viewer's own reach: a requester's own requests, an ALSP
/// professional's open assignments, and for legal staff every request, whoever filed it (one page of
/// <see cref="IRequestStore.ListRecentAsync"/>: one store query per search, one Graph request with requests in
/// SharePoint).
/// </summary>
public sealed class RequestSearch(IRequestStore requests, AccessPolicy access)
{
    public const int MaxScanned = RequestRules.MaxRecentPageSize;
    public const int MaxCount = 25;
    public const int MaxQueryLength = 100;

    private const int PageSize = RequestRules.MaxPageSize;

    /// <param name="skip">How many matches to pass over (Teams' <c>queryOptions.skip</c>), at most <see cref="MaxScanned"/>.</param>
    /// <param name="count">How many to return (Teams' <c>queryOptions.count</c>), 1 to <see cref="MaxCount"/>.</param>
    public async Task<IReadOnlyList<LegalRequest>> FindAsync(string viewer, string? query, int skip, int count, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(viewer);
        skip = Math.Clamp(skip, 0, MaxScanned);
        count = Math.Clamp(count, 1, MaxCount);
        var text = (query ?? "").Trim();
        if (text.Length > MaxQueryLength)
        {
            text = text[..MaxQueryLength];
        }

        if (RequestNumber.TryParse(text, out var number))
        {
            var request = await requests.GetAsync(number.Value, cancellationToken);
            return request is not null && access.CanView(request, viewer) && skip == 0 ? [request] : [];
        }

        var found = new List<LegalRequest>();
        var matched = 0;
        await foreach (var request in ReachAsync(viewer, cancellationToken))
        {
            if (!access.CanView(request, viewer) || !Matches(request, text))
            {
                continue;
            }

            if (matched++ >= skip)
            {
                found.Add(request);
                if (found.Count == count)
                {
                    break;
                }
            }
        }

        return found;
    }

    private static bool Matches(LegalRequest request, string text) =>
        text.Length == 0
        || request.Details.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (request.Details.Counterparty?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false)
        || request.Number.ToString().Contains(text, StringComparison.OrdinalIgnoreCase);

    /// <summary>The newest requests within the viewer's reach, at most <see cref="MaxScanned"/>.</summary>
    private async IAsyncEnumerable<LegalRequest> ReachAsync(string viewer, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var role = access.RoleOf(viewer);
        if (role == Role.LegalStaff)
        {
            foreach (var request in (await requests.ListRecentAsync(null, MaxScanned, cancellationToken)).Items)
            {
                yield return request;
            }

            yield break;
        }

        string? token = null;
        var scanned = 0;
        do
        {
            var page = role == Role.AlspProfessional
                ? await requests.ListByAssigneeAsync(viewer, token, PageSize, cancellationToken)
                : await requests.ListByRequesterAsync(viewer, token, PageSize, cancellationToken);
            foreach (var request in page.Items)
            {
                if (scanned++ >= MaxScanned)
                {
                    yield break;
                }

                yield return request;
            }

            token = page.ContinuationToken;
        }
        while (token is not null && scanned < MaxScanned);
    }

    /// <summary>Teams user MRIs of the people who may see the request: requester, assignee and legal staff, at most 60.</summary>
    public IReadOnlyList<string> Viewers(LegalRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ids = new List<string> { request.Requester.AadObjectId };
        if (request.AssignedTo is { } assignee)
        {
            ids.Add(assignee.AadObjectId);
        }

        ids.AddRange(access.LegalStaff);
        return [.. ids.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.OrdinalIgnoreCase).Take(RequestRules.MaxRefreshUsers).Select(RequestCards.UserMri)];
    }
}
