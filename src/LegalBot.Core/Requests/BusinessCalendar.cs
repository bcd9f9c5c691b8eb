namespace LegalBot.Core.Requests;

/// <summary>
/// The legal team's working days: Monday to Friday, less the configured holidays. Turnarounds and service levels
/// count these days.
/// </summary>
public sealed class BusinessCalendar
{
    /// <summary>Weekends only, no holidays.</summary>
    public static readonly BusinessCalendar WeekdaysOnly = new([]);

    private readonly HashSet<DateOnly> holidays;

    public BusinessCalendar(IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(holidays);
        this.holidays = [.. holidays];
    }

    public bool IsBusinessDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(date);

    /// <summary>The date <paramref name="days"/> business days after <paramref name="start"/> (start itself not counted).</summary>
    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var date = start;
        var added = 0;
        while (added < days)
        {
            date = date.AddDays(1);
            if (IsBusinessDay(date))
            {
                added++;
            }
        }

        return date;
    }

    /// <summary>Business days after <paramref name="from"/> up to and including <paramref name="to"/>; 0 when <paramref name="to"/> is not later.</summary>
    public int BusinessDaysBetween(DateOnly from, DateOnly to)
    {
        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsBusinessDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>
    /// The working time from <paramref name="from"/> to <paramref name="to"/>: the parts of it between
    /// <paramref name="start"/> and <paramref name="end"/> on business days, local times in <paramref name="zone"/>
    /// (a day the clocks change has its true length). Zero when <paramref name="to"/> is not later.
    /// </summary>
    public TimeSpan WorkingTimeBetween(DateTimeOffset from, DateTimeOffset to, TimeZoneInfo zone, TimeOnly start, TimeOnly end)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var total = TimeSpan.Zero;
        if (to <= from || end <= start)
        {
            return total;
        }

        var last = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(to, zone).DateTime);
        for (var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(from, zone).DateTime); day <= last; day = day.AddDays(1))
        {
            if (!IsBusinessDay(day))
            {
                continue;
            }

            var open = Instant(day, start, zone);
            var close = Instant(day, end, zone);
            var counted = (close < to ? close : to) - (open > from ? open : from);
            if (counted > TimeSpan.Zero)
            {
                total += counted;
            }
        }

        return total;
    }

    /// <summary>A local date and time in <paramref name="zone"/> as an instant; a time the clocks skip (spring forward) is read an hour later.</summary>
    public static DateTimeOffset Instant(DateOnly date, TimeOnly time, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
