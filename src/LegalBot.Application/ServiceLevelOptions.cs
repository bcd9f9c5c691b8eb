namespace LegalBot.Application;

/// <summary><c>Sla</c>: the legal team's working calendar, which turnarounds and due dates count in.</summary>
public sealed class ServiceLevelOptions
{
    public const string Section = "Sla";

    /// <summary>The legal team's IANA time zone: when their day starts and ends.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>Days the legal team does not work besides weekends, as yyyy-MM-dd.</summary>
    public List<string> Holidays { get; set; } = [];

    /// <summary>The holidays read as dates; null for an entry that is not a yyyy-MM-dd date.</summary>
    public IEnumerable<DateOnly?> HolidayDates() =>
        Holidays.Select(h => DateOnly.TryParseExact(h, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d) ? d : (DateOnly?)null);
}

/// <summary>Names every <c>Sla</c> key that is wrong at startup.</summary>
public sealed class ServiceLevelOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ServiceLevelOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ServiceLevelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (ViewerTimeZones.Find(options.TimeZone) is null)
        {
            errors.Add($"{ServiceLevelOptions.Section}:TimeZone must be an IANA time zone name, such as Europe/London or UTC.");
        }

        errors.AddRange(options.HolidayDates()
            .Select((date, i) => (date, i))
            .Where(h => h.date is null)
            .Select(h => $"{ServiceLevelOptions.Section}:Holidays:{h.i} must be a date written yyyy-MM-dd."));
        return errors.Count == 0 ? Microsoft.Extensions.Options.ValidateOptionsResult.Success : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors);
    }
}

/// <summary>
/// Due dates on the legal team's calendar: a new request's target date (its type's turnaround in business days from
/// the team's today), and an open request's service level (<see cref="Core.Requests.ServiceLevels"/>).
/// </summary>
public sealed class ServiceLevelClock(Microsoft.Extensions.Options.IOptions<ServiceLevelOptions> options, TimeProvider time)
{
    public Core.Requests.BusinessCalendar Calendar { get; } = new(options.Value.HolidayDates().OfType<DateOnly>());

    public TimeZoneInfo Zone { get; } = ViewerTimeZones.Find(options.Value.TimeZone) ?? TimeZoneInfo.Utc;

    /// <summary>The legal team's date at <paramref name="at"/>.</summary>
    public DateOnly DateAt(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    public DateOnly Today => DateAt(time.GetUtcNow());

    /// <summary>When a request of this type filed at <paramref name="at"/> is due.</summary>
    public DateOnly TargetDate(Core.Catalog.RequestType type, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(type);
        return Calendar.AddBusinessDays(DateAt(at), type.TurnaroundBusinessDays);
    }

    public Core.Requests.ServiceLevel? Of(Core.Requests.LegalRequest request, IReadOnlyList<Core.Requests.HistoryEntry> history) =>
        Core.Requests.ServiceLevels.Of(request, history, Calendar, Zone, Today);

    /// <summary>From the pauses the request keeps (<see cref="Core.Requests.LegalRequest.Pauses"/>); null also when it keeps none.</summary>
    public Core.Requests.ServiceLevel? Of(Core.Requests.LegalRequest request) =>
        Core.Requests.ServiceLevels.Of(request, Calendar, Zone, Today);
}
