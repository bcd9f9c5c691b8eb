using System.Globalization;

namespace LegalBot.Core.Access;

/// <summary>The <c>Roles</c> configuration section. A later release reads these from the directory.</summary>
public sealed class RoleOptions
{
    public const string Section = "Roles";

    /// <summary>AAD object ids of in-house legal staff: they may see every request.</summary>
    public List<string> LegalStaff { get; set; } = [];

    /// <summary>The ALSP roster: professionals legal staff can assign requests to.</summary>
    public List<AlspProfessional> Alsp { get; set; } = [];

    /// <summary>
    /// Every problem with the section, each naming its key. <paramref name="requireLegalStaff"/> is false
    /// only for local development: elsewhere an empty legal-staff list means nobody could triage.
    /// <paramref name="typeKeys"/> are the catalog's request-type keys, which specialties must name.
    /// </summary>
    public static IReadOnlyList<string> Validate(RoleOptions options, IReadOnlyCollection<string> typeKeys, bool requireLegalStaff)
    {
        var errors = new List<string>();
        var staff = options.LegalStaff;
        if (requireLegalStaff && staff.All(string.IsNullOrWhiteSpace))
        {
            errors.Add($"{Section}:LegalStaff is empty: nobody could triage requests. List the AAD object ids of legal staff");
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
            if (id.Length == 0)
            {
                errors.Add($"{at}:AadObjectId is required");
            }
            else if (!seenAlsp.TryAdd(id, i))
            {
                errors.Add($"{at}:AadObjectId repeats {Key("Alsp", seenAlsp[id])}:AadObjectId");
            }

            if (string.IsNullOrWhiteSpace(professional.Name))
            {
                errors.Add($"{at}:Name is required");
            }

            if (professional.HourlyRate is < 0 or > AlspProfessional.MaxHourlyRate)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:HourlyRate must be between 0 and {AlspProfessional.MaxHourlyRate}"));
            }

            if (professional.WeeklyCapacity is < 0 or > AlspProfessional.MaxWeeklyCapacity)
            {
                errors.Add(string.Create(CultureInfo.InvariantCulture, $"{at}:WeeklyCapacity must be between 0 and {AlspProfessional.MaxWeeklyCapacity}"));
            }

            for (var s = 0; s < professional.Specialties.Count; s++)
            {
                if (!keys.Contains(professional.Specialties[s]))
                {
                    errors.Add($"{at}:Specialties:{s.ToString(CultureInfo.InvariantCulture)} '{professional.Specialties[s]}' is not a request type key of the catalog");
                }
            }
        }

        return errors;
    }

    private static string Key(string list, int index) => $"{Section}:{list}:{index.ToString(CultureInfo.InvariantCulture)}";
}
