using System.Globalization;

namespace LegalBot.Cards;

/// <summary>
/// Dates and times as people read them, one format everywhere (cards, history, notices): "14 Dec 2026",
/// and for a moment "14 Dec 2026, 15:30 Europe/Berlin", in the reader's time zone and naming it.
/// </summary>
public static class TimeText
{
    /// <summary>"14 Dec 2026", the same on every server.</summary>
    public static string Date(DateOnly date) => date.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>The calendar date of a moment in <paramref name="zone"/>.</summary>
    public static string Date(DateTimeOffset at, TimeZoneInfo zone) => Date(DateOnly.FromDateTime(Local(at, zone).DateTime));

    /// <summary>"14 Dec 2026, 15:30 Europe/Berlin": the moment in <paramref name="zone"/>, named by its IANA id.</summary>
    public static string DateTime(DateTimeOffset at, TimeZoneInfo zone) =>
        Local(at, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + Name(zone);

    /// <summary>A stored date value ("2026-12-14") as people read it; anything else as it is.</summary>
    public static string DateValue(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? Date(date) : value;

    private static DateTimeOffset Local(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone ?? TimeZoneInfo.Utc);

    private static string Name(TimeZoneInfo zone) => zone is null || zone == TimeZoneInfo.Utc || zone.Id is "Etc/UTC" ? "UTC" : zone.Id;
}
