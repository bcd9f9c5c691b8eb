using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Documents;

/// <summary>
/// Who a request's files are shared with where the store shares them from a library (<see cref="IDocumentSharing"/>),
/// and the outbox's sharing of them again (<see cref="NotificationKinds.ShareDocuments"/> rows) once the parties change.
/// Kept apart from <see cref="DocumentService"/>, which queues notifications, so the dispatcher can share without
/// depending on what wakes it.
/// </summary>
public sealed class DocumentParties(IRequestStore requests, AccessPolicy access, IDocumentStore? documents = null)
{
    /// <summary>
    /// Whether documents open from a link shared with the request's parties (the Microsoft 365 document library)
    /// rather than through the bot.
    /// </summary>
    public bool SharesDocuments => documents is IDocumentSharing;

    /// <summary>Who a request's files are shared with: its requester, its assigned professional, and legal staff.</summary>
    public static IReadOnlyCollection<string> Of(LegalRequest request, AccessPolicy access)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(access);
        return [.. new[] { request.Requester.AadObjectId, request.AssignedTo?.AadObjectId }
            .OfType<string>()
            .Concat(access.LegalStaffPrincipals)
            .Where(id => !string.IsNullOrWhiteSpace(id))
            .Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>
    /// Shares every document of request <paramref name="number"/> with its parties as they are now. Returns how many
    /// files were looked at; 0 when the request is gone or its files are not shared from a library. Microsoft Graph
    /// unavailable: the exception, so the row is retried.
    /// </summary>
    public async Task<int> ShareAsync(RequestNumber number, CancellationToken cancellationToken)
    {
        if (documents is not IDocumentSharing sharing || await requests.GetAsync(number, cancellationToken) is not { } request)
        {
            return 0;
        }

        return await sharing.ShareAsync(number, Of(request, access), null, cancellationToken);
    }

    /// <summary>The row that shares the request's documents again (<see cref="NotificationKinds.ShareDocuments"/>).</summary>
    public static Notification SharingRow(string key, RequestNumber number) =>
        new(key, number, NotificationKinds.Documents, NotificationKinds.ShareDocuments, null);
}
