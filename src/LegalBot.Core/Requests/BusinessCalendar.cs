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
}
