using System.Globalization;
using System.Text.RegularExpressions;
using LegalBot.Core.Metrics;

namespace LegalBot.Application.Metrics;

/// <summary>
/// The periods legal operations asks for, in the legal team's time zone: "last 30 days" (the default), "last N days",
/// "this week", "last week", "this month", "last month", "this quarter", "last quarter", "this year", "last year".
/// A period that includes today ends now.
/// </summary>
public static partial class MetricsPeriods
{
    public const string Default = "last 30 days";

    /// <summary>The longest "last N days" accepted.</summary>
    public const int MaxDays = 732;

    /// <summary>The period named by <paramref name="text"/> (lowercase, single spaces; empty for the default); null when it names none.</summary>
    public static MetricsPeriod? Parse(string text, DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(zone);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);
        text = text.Length == 0 ? Default : text;
        if (LastDays().Match(text) is { Success: true } match)
        {
            return int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days is >= 1 and <= MaxDays
                ? Until(today.AddDays(1 - days), today, now, zone)
                : null;
        }

        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var month = new DateOnly(today.Year, today.Month, 1);
        var quarter = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        var year = new DateOnly(today.Year, 1, 1);
        return text switch
        {
            "this week" => Until(monday, today, now, zone),
            "last week" => Whole(monday.AddDays(-7), monday.AddDays(-1), zone),
            "this month" => Until(month, today, now, zone),
            "last month" => Whole(month.AddMonths(-1), month.AddDays(-1), zone),
            "this quarter" => Until(quarter, today, now, zone),
            "last quarter" => Whole(quarter.AddMonths(-3), quarter.AddDays(-1), zone),
            "this year" or "year to date" or "ytd" => Until(year, today, now, zone),
            "last year" => Whole(year.AddYears(-1), year.AddDays(-1), zone),
            _ => null,
        };
    }

    private static MetricsPeriod Until(DateOnly first, DateOnly today, DateTimeOffset now, TimeZoneInfo zone) => new(StartOf(first, zone), now, first, today);

    private static MetricsPeriod Whole(DateOnly first, DateOnly last, TimeZoneInfo zone) => new(StartOf(first, zone), StartOf(last.AddDays(1), zone), first, last);

    /// <summary>Midnight at the start of <paramref name="day"/> in the zone (the first valid time, where a clock change skips midnight).</summary>
    private static DateTimeOffset StartOf(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    [GeneratedRegex(@"^(?:last|past) (?<n>\d{1,4}) days?$", RegexOptions.CultureInvariant)]
    private static partial Regex LastDays();
}
