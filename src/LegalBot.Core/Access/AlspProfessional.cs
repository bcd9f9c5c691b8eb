using System.Globalization;

namespace LegalBot.Core.Access;

/// <summary>An ALSP professional on the roster: listed in <c>Roles:Alsp</c>, or a member of the ALSP group with a roster row.</summary>
public sealed class AlspProfessional
{
    /// <summary>Highest hourly rate the roster accepts; anything above is a typo in configuration.</summary>
    public const decimal MaxHourlyRate = 10_000m;

    /// <summary>Highest weekly capacity (open assignments) the roster accepts.</summary>
    public const int MaxWeeklyCapacity = 100;

    public string AadObjectId { get; set; } = "";

    public string Name { get; set; } = "";

    public string? Email { get; set; }

    /// <summary>The provider firm they work for.</summary>
    public string Firm { get; set; } = "";

    /// <summary>Request type keys they take (see the catalog).</summary>
    public List<string> Specialties { get; set; } = [];

    public decimal HourlyRate { get; set; }

    /// <summary>How many open assignments they can carry in a week.</summary>
    public int WeeklyCapacity { get; set; } = 5;

    public bool Active { get; set; } = true;

    /// <summary>
    /// What is wrong with this entry, each problem naming its field (<c>Name is required</c>); <paramref name="typeKeys"/>
    /// are the catalog's request-type keys, which specialties must name. The same rules hold for configuration and roster rows.
    /// </summary>
    public IEnumerable<string> Problems(IReadOnlySet<string> typeKeys)
    {
        ArgumentNullException.ThrowIfNull(typeKeys);
        if (string.IsNullOrWhiteSpace(AadObjectId))
        {
            yield return "AadObjectId is required";
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            yield return "Name is required";
        }

        if (HourlyRate is < 0 or > MaxHourlyRate)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"HourlyRate must be between 0 and {MaxHourlyRate}");
        }

        if (WeeklyCapacity is < 0 or > MaxWeeklyCapacity)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"WeeklyCapacity must be between 0 and {MaxWeeklyCapacity}");
        }

        for (var s = 0; s < Specialties.Count; s++)
        {
            if (!typeKeys.Contains(Specialties[s]))
            {
                yield return $"Specialties:{s.ToString(CultureInfo.InvariantCulture)} '{Specialties[s]}' is not a request type key of the catalog";
            }
        }
    }
}
