using LegalBot.Core.Requests;

namespace LegalBot.Core.Access;

public enum Role
{
    Requester,
    LegalStaff,
    AlspProfessional,
}

/// <summary>Who may see what. Decided from the sender's own AAD object id, never from data a card carries.</summary>
public sealed class AccessPolicy(RoleOptions options)
{
    // Trimmed: a stray space or newline in a configured id (an environment variable, a secret store) would
    // otherwise silently leave that person without legal-staff access.
    private readonly HashSet<string> legalStaff = new(
        options.LegalStaff.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()),
        StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, AlspProfessional> alsp = options.Alsp
        .Where(p => !string.IsNullOrWhiteSpace(p.AadObjectId))
        .GroupBy(p => p.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);

    /// <summary>Legal staff first: someone listed in both roles acts as legal staff.</summary>
    public Role RoleOf(string aadObjectId) =>
        legalStaff.Contains(aadObjectId) ? Role.LegalStaff
        : alsp.ContainsKey(aadObjectId) ? Role.AlspProfessional
        : Role.Requester;

    public IReadOnlyCollection<AlspProfessional> Roster => alsp.Values;

    public AlspProfessional? Professional(string aadObjectId) =>
        alsp.TryGetValue(aadObjectId, out var professional) ? professional : null;

    public IReadOnlyCollection<string> LegalStaff => legalStaff;

    /// <summary>
    /// Requesters see their own requests, ALSP professionals the requests assigned to them, legal staff
    /// all. Callers answer "not found" when this is false, exactly as for an unknown id, so ids cannot
    /// be probed. A blank id is nobody, so it owns nothing.
    /// </summary>
    public bool CanView(LegalRequest request, string viewerAadObjectId) =>
        !string.IsNullOrWhiteSpace(viewerAadObjectId)
        && (RoleOf(viewerAadObjectId) == Role.LegalStaff
            || IsRequester(request, viewerAadObjectId)
            || IsAssignee(request, viewerAadObjectId));

    public static bool IsRequester(LegalRequest request, string aadObjectId) =>
        !string.IsNullOrWhiteSpace(aadObjectId)
        && string.Equals(request.Requester.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);

    public static bool IsAssignee(LegalRequest request, string aadObjectId) =>
        !string.IsNullOrWhiteSpace(aadObjectId)
        && request.AssignedTo is { } assignee && string.Equals(assignee.AadObjectId, aadObjectId, StringComparison.OrdinalIgnoreCase);
}
