namespace LegalBot.Core.Access;

/// <summary>An ALSP professional on the roster (<c>Roles:Alsp</c>); a later release reads these from the directory.</summary>
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
}
