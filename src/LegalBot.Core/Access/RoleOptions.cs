using System.Globalization;

namespace LegalBot.Core.Access;

/// <summary>
/// The <c>Roles</c> configuration section: legal staff and the ALSP roster listed here, and, in Microsoft 365 mode, the
/// Microsoft Entra ID groups whose members hold those roles besides (read every <see cref="RefreshInterval"/>).
/// </summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>AAD object ids of in-house legal staff: they may see every request.</summary>
    public List<string> LegalStaff { get; set; } = [];

    /// <summary>The ALSP roster: professionals legal staff can assign requests to.</summary>
    public List<AlspProfessional> Alsp { get; set; } = [];

    /// <summary>The Entra ID group whose transitive members are legal staff (its object id); empty: none.</summary>
    public string? LegalStaffGroupId { get; set; }

    /// <summary>
    /// The Entra ID group whose transitive members are ALSP professionals (its object id), each described by a row of
    /// the roster list; empty: none.
    /// </summary>
    public string? AlspGroupId { get; set; }

    /// <summary>How often the groups and the roster are read again: someone removed from a group loses the role within it.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(5);

    public static readonly TimeSpan MinRefreshInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxRefreshInterval = TimeSpan.FromHours(1);

    /// <summary>Whether any role comes from a group.</summary>
    public bool UsesGroups => !string.IsNullOrWhiteSpace(LegalStaffGroupId) || !string.IsNullOrWhiteSpace(AlspGroupId);

    /// <summary>
    /// Every problem with the section, each naming its key. <paramref name="requireLegalStaff"/> is false
    /// only for local development: elsewhere an empty legal-staff list means nobody could triage.
    /// <paramref name="typeKeys"/> are the catalog's request-type keys, which specialties must name.
    /// </summary>
    public static IReadOnlyList<string> Validate(RoleOptions options, IReadOnlyCollection<string> typeKeys, bool requireLegalStaff)
    {
        var errors = new List<string>();
        var staff = options.LegalStaff;
        if (requireLegalStaff && staff.All(string.IsNullOrWhiteSpace) && string.IsNullOrWhiteSpace(options.LegalStaffGroupId))
        {
            errors.Add($"{Section}:LegalStaff is empty: nobody could triage requests. List the AAD object ids of legal staff, or set {Section}:LegalStaffGroupId");
        }

        var seenStaff = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < staff.Count; i++)
        {
            // Blank entries are skipped (an environment variable left empty), not an error.
            if (!string.IsNullOrWhiteSpace(staff[i]) && !seenStaff.TryAdd(staff[i].Trim(), i))
            {
                errors.Add($"{Key("LegalStaff", i)} repeats {Key("LegalStaff", seenStaff[staff[i].Trim()])}");
            }
        }

        var keys = new HashSet<string>(typeKeys, StringComparer.Ordinal);
        var seenAlsp = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Alsp.Count; i++)
        {
            var professional = options.Alsp[i];
            var at = Key("Alsp", i);
            var id = professional.AadObjectId?.Trim() ?? "";
            if (id.Length > 0 && !seenAlsp.TryAdd(id, i))
            {
                errors.Add($"{at}:AadObjectId repeats {Key("Alsp", seenAlsp[id])}:AadObjectId");
            }

            errors.AddRange(professional.Problems(keys).Select(problem => $"{at}:{problem}"));
        }

        if (options.RefreshInterval < MinRefreshInterval || options.RefreshInterval > MaxRefreshInterval)
        {
            errors.Add($"{Section}:RefreshInterval must be between {MinRefreshInterval:c} and {MaxRefreshInterval:c}");
        }

        foreach (var (key, value) in new[] { ("LegalStaffGroupId", options.LegalStaffGroupId), ("AlspGroupId", options.AlspGroupId) })
        {
            if (!string.IsNullOrWhiteSpace(value) && !Guid.TryParse(value.Trim(), out _))
            {
                errors.Add($"{Section}:{key} must be the object id (a GUID) of a Microsoft Entra ID group");
            }
        }

        return errors;
    }

    private static string Key(string list, int index) => $"{Section}:{list}:{index.ToString(CultureInfo.InvariantCulture)}";
}
