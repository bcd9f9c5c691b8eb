using LegalBot.Core.Requests;

namespace LegalBot.Core.Access;

public enum Role
{
    Requester,
    LegalStaff,
    AlspProfessional,
}

/// <summary>
/// Who may see what. Decided from the sender's own AAD object id, never from data a card carries. Roles come from
/// configuration (<c>Roles:LegalStaff</c>, <c>Roles:Alsp</c>) and, once read, from the directory's groups and roster
/// (<see cref="Apply"/>); every question is answered from one immutable snapshot, replaced whole when the directory is
/// read again, so a caller never waits and never sees half of a change.
/// </summary>
public sealed class AccessPolicy
{
    private readonly RoleOptions options;
    private readonly bool configurationWins;
    private readonly HashSet<string> configuredStaff;
    private readonly Dictionary<string, AlspProfessional> configuredAlsp;
    private RoleSnapshot snapshot;

    /// <param name="configurationWins">
    /// Development: someone listed in configuration keeps that role and that roster entry whatever the groups and the
    /// roster list say. Elsewhere legal staff come first (someone in both roles acts as legal staff) and the roster
    /// list's row describes a professional listed in both.
    /// </param>
    public AccessPolicy(RoleOptions options, bool configurationWins = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.configurationWins = configurationWins;

        // Trimmed: a stray space or newline in a configured id (an environment variable, a secret store) would
        // otherwise silently leave that person without legal-staff access.
        configuredStaff = new(
            options.LegalStaff.Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id.Trim()),
            StringComparer.OrdinalIgnoreCase);
        configuredAlsp = options.Alsp
            .Where(p => !string.IsNullOrWhiteSpace(p.AadObjectId))
            .GroupBy(p => p.AadObjectId.Trim(), StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        snapshot = new RoleSnapshot(configuredStaff, configuredAlsp);
    }

    private RoleSnapshot Current => Volatile.Read(ref snapshot);

    /// <summary>
    /// Takes a read of the directory: from now on legal staff are those configured and the legal-staff group's members,
    /// ALSP professionals those configured and the ALSP group's members with a valid roster row (rows of people outside
    /// the group, and rows breaking the roster's rules, are not used). Replaces the previous read whole.
    /// </summary>
    /// <param name="typeKeys">The catalog's request-type keys, which a row's specialties must name.</param>
    public RoleDirectoryOutcome Apply(RoleDirectoryRead read, IReadOnlySet<string> typeKeys)
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(typeKeys);
        var rejected = new List<string>();
        var rows = new Dictionary<string, AlspProfessional>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in read.Roster)
        {
            var problems = row.Professional.Problems(typeKeys).ToList();
            var id = row.Professional.AadObjectId?.Trim() ?? "";
            if (problems.Count > 0)
            {
                rejected.Add($"{row.Source}: {string.Join("; ", problems)}");
            }
            else if (!rows.TryAdd(id, row.Professional))
            {
                rejected.Add($"{row.Source}: a second row for {id}");
            }
        }

        var alsp = new Dictionary<string, AlspProfessional>(configuredAlsp, StringComparer.OrdinalIgnoreCase);
        var withoutRow = new List<string>();
        foreach (var member in read.AlspMembers ?? new HashSet<string>())
        {
            if (configurationWins && configuredAlsp.ContainsKey(member))
            {
                continue;
            }

            if (rows.TryGetValue(member, out var professional))
            {
                alsp[member] = professional;
            }
            else if (!configuredAlsp.ContainsKey(member))
            {
                withoutRow.Add(member);
            }
        }

        var staff = new HashSet<string>(configuredStaff, StringComparer.OrdinalIgnoreCase);
        foreach (var member in read.LegalStaffMembers ?? new HashSet<string>())
        {
            // In Development a professional listed in configuration stays one, even inside the legal-staff group.
            if (!(configurationWins && configuredAlsp.ContainsKey(member)))
            {
                staff.Add(member);
            }
        }

        var next = new RoleSnapshot(staff, alsp);
        Volatile.Write(ref snapshot, next);
        return new RoleDirectoryOutcome(next.LegalStaff.Count, next.Alsp.Count, withoutRow, rejected);
    }

    /// <summary>Whether roles also come from the directory (a group is configured).</summary>
    public bool UsesDirectory => options.UsesGroups;

    /// <summary>Legal staff first: someone listed in both roles acts as legal staff.</summary>
    public Role RoleOf(string aadObjectId)
    {
        var current = Current;
        return current.LegalStaff.Contains(aadObjectId) ? Role.LegalStaff
            : current.Alsp.ContainsKey(aadObjectId) ? Role.AlspProfessional
            : Role.Requester;
    }

    public IReadOnlyCollection<AlspProfessional> Roster => Current.Alsp.Values;

    public AlspProfessional? Professional(string aadObjectId) =>
        Current.Alsp.TryGetValue(aadObjectId, out var professional) ? professional : null;

    public IReadOnlyCollection<string> LegalStaff => Current.LegalStaff;

    /// <summary>
    /// Who stands for legal staff where something is shared with them outside the bot (a request's files in the
    /// document library): the legal staff group when roles come from it, so a member added or removed gains or loses
    /// access with the group, and each person listed in configuration.
    /// </summary>
    public IReadOnlyCollection<string> LegalStaffPrincipals =>
        [.. (string.IsNullOrWhiteSpace(options.LegalStaffGroupId) ? [] : new[] { options.LegalStaffGroupId.Trim() })
            .Concat(options.LegalStaff.Where(id => !string.IsNullOrWhiteSpace(id)))
            .Distinct(StringComparer.OrdinalIgnoreCase)];

    /// <summary>One consistent view of the roles; never changed once made.</summary>
    private sealed class RoleSnapshot(HashSet<string> legalStaff, Dictionary<string, AlspProfessional> alsp)
    {
        public HashSet<string> LegalStaff { get; } = legalStaff;

        public Dictionary<string, AlspProfessional> Alsp { get; } = alsp;
    }

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
