using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Workflow;

/// <summary>
/// Looks a request up for a viewer: null both when it does not exist and when they may not see it, so
/// every command answers the two cases alike and ids cannot be probed.
/// </summary>
public sealed class VisibleRequests(IRequestStore requests, AccessPolicy access)
{
    public async Task<LegalRequest?> FindAsync(RequestNumber number, string viewerAadObjectId, CancellationToken cancellationToken)
    {
        var request = await requests.GetAsync(number, cancellationToken);
        return request is not null && access.CanView(request, viewerAadObjectId) ? request : null;
    }

    /// <summary>The one answer for "unknown" and "not yours".</summary>
    public static string NotFound(RequestNumber number) =>
        $"I couldn't find {number} among the requests you can see. Type my requests to list yours.";
}
