using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Requests;

public sealed class BusinessCalendarTests
{
    // 2026-11-23 is a Monday.
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Theory]
    [InlineData("2026-11-23", "2026-11-24")] // Monday → Tuesday
    [InlineData("2026-11-24", "2026-11-25")] // Tuesday → Wednesday
    [InlineData("2026-11-25", "2026-11-26")] // Wednesday → Thursday
    [InlineData("2026-11-26", "2026-11-27")] // Thursday → Friday
    [InlineData("2026-11-27", "2026-11-30")] // Friday → Monday
    [InlineData("2026-11-28", "2026-11-30")] // Saturday → Monday
    [InlineData("2026-11-29", "2026-11-30")] // Sunday → Monday
    public void AddOneBusinessDay_LandsOnTheNextWeekday(string start, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), BusinessCalendar.WeekdaysOnly.AddBusinessDays(DateOnly.Parse(start), 1));

    [Theory]
    [InlineData("2026-11-23", 5, "2026-11-30")] // Monday + 5 → next Monday
    [InlineData("2026-11-27", 5, "2026-12-04")] // Friday + 5 → next Friday
    [InlineData("2026-11-26", 2, "2026-11-30")] // Thursday + 2 → Monday
    [InlineData("2026-11-26", 3, "2026-12-01")] // Thursday + 3 → Tuesday
    [InlineData("2026-11-23", 10, "2026-12-07")] // two full weeks
    [InlineData("2026-12-31", 1, "2027-01-01")] // across a year end (holidays are not modelled)
    public void AddBusinessDays_SkipsWeekends(string start, int days, string expected) =>
        Assert.Equal(DateOnly.Parse(expected), BusinessCalendar.WeekdaysOnly.AddBusinessDays(DateOnly.Parse(start), days));

    [Fact]
    public void AddBusinessDays_FromEveryWeekday_CountsOnlyWeekdaysAndNeverEndsOnAWeekend()
    {
        for (var offset = 0; offset < 7; offset++)
        {
            var start = Monday.AddDays(offset);
            for (var days = 1; days <= 15; days++)
            {
                var end = BusinessCalendar.WeekdaysOnly.AddBusinessDays(start, days);

                var weekdaysBetween = Enumerable.Range(1, end.DayNumber - start.DayNumber)
                    .Select(start.AddDays)
                    .Count(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
                Assert.Equal(days, weekdaysBetween);
                Assert.False(end.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday, $"{start:dddd} + {days} ended on {end:dddd}");
            }
        }
    }

    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("2026-11-28")]
    public void AddZeroBusinessDays_ReturnsTheStart(string start) =>
        Assert.Equal(DateOnly.Parse(start), BusinessCalendar.WeekdaysOnly.AddBusinessDays(DateOnly.Parse(start), 0));

    [Fact]
    public void AddNegativeBusinessDays_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.WeekdaysOnly.AddBusinessDays(Monday, -1));

    [Fact]
    public void WorkingTime_CountsOnlyWorkingHoursOnBusinessDays_InTheTeamsZone_AcrossADstChange()
    {
        var london = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        var calendar = new BusinessCalendar([new DateOnly(2026, 3, 30)]);
        TimeSpan Between(DateTimeOffset from, DateTimeOffset to) => calendar.WorkingTimeBetween(from, to, london, new TimeOnly(9, 0), new TimeOnly(17, 0));

        // Friday 27 March 2026 16:00 GMT to Wednesday 1 April 10:00 BST (clocks go forward on Sunday 29 March; Monday
        // 30 March is a holiday): 1 hour on Friday, 8 on Tuesday, 1 on Wednesday.
        Assert.Equal(TimeSpan.FromHours(10), Between(new DateTimeOffset(2026, 3, 27, 16, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 9, 0, 0, TimeSpan.Zero)));

        // Inside one working day, and wholly outside working hours.
        Assert.Equal(TimeSpan.FromMinutes(90), Between(new DateTimeOffset(2026, 4, 1, 8, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 1, 9, 30, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.Zero, Between(new DateTimeOffset(2026, 4, 3, 17, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 6, 7, 59, 0, TimeSpan.Zero)));
        Assert.Equal(TimeSpan.Zero, Between(new DateTimeOffset(2026, 4, 2, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 4, 2, 11, 0, 0, TimeSpan.Zero)));
    }
}
