using LegalBot.Core.Requests;

namespace LegalBot.Core.Access;

public enum Role
{
    Requester,
    LegalStaff,
}

/// <summary>Who may see what. Decided from the sender's own AAD object id, never from data a card carries.</summary>
public sealed class AccessPolicy(RoleOptions options)
{
    // Trimmed: a stray space or newline in a configured id (an environment variable, a secret store) would
    // otherwise silently leave that person without legal-staff access.
    private readonly HashSet<string> legalStaff = new(
        options.LegalStaff.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()),
        StringComparer.OrdinalIgnoreCase);

    public Role RoleOf(string aadObjectId) =>
        legalStaff.Contains(aadObjectId) ? Role.LegalStaff : Role.Requester;

    /// <summary>
    /// Requesters see their own requests; legal staff see all. Callers answer "not found" when this is
    /// false, exactly as for an unknown id, so ids cannot be probed. A blank id is nobody, so it owns nothing.
    /// </summary>
    public bool CanView(LegalRequest request, string viewerAadObjectId) =>
        !string.IsNullOrWhiteSpace(viewerAadObjectId)
        && (RoleOf(viewerAadObjectId) == Role.LegalStaff
            || string.Equals(request.Requester.AadObjectId, viewerAadObjectId, StringComparison.OrdinalIgnoreCase));
}
