using LegalBot.Application.Metrics;
using LegalBot.Core.Metrics;

namespace LegalBot.Application.Tests;

public sealed class MetricsPeriodsTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    // Wednesday 2026-11-11, 10:00 in New York (15:00 UTC).
    private static readonly DateTimeOffset Now = new(2026, 11, 11, 15, 0, 0, TimeSpan.Zero);

    private static MetricsPeriod Parse(string text, DateTimeOffset? now = null) =>
        MetricsPeriods.Parse(text, now ?? Now, NewYork) ?? throw new Xunit.Sdk.XunitException($"'{text}' names no period");

    [Theory]
    [InlineData("", "2026-10-13", "2026-11-11")]
    [InlineData("last 30 days", "2026-10-13", "2026-11-11")]
    [InlineData("last 1 day", "2026-11-11", "2026-11-11")]
    [InlineData("past 7 days", "2026-11-05", "2026-11-11")]
    [InlineData("this week", "2026-11-09", "2026-11-11")]
    [InlineData("this month", "2026-11-01", "2026-11-11")]
    [InlineData("this quarter", "2026-10-01", "2026-11-11")]
    [InlineData("this year", "2026-01-01", "2026-11-11")]
    [InlineData("ytd", "2026-01-01", "2026-11-11")]
    public void APeriodThatIncludesToday_RunsFromMidnightOfItsFirstDayInTheTeamsZone_UntilNow(string text, string first, string last)
    {
        var period = Parse(text);

        Assert.Equal((DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture)), (period.FirstDay, period.LastDay));
        Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(period.From, NewYork).TimeOfDay);
        Assert.Equal(Now, period.To);
    }

    [Theory]
    [InlineData("last week", "2026-11-02", "2026-11-08")]
    [InlineData("last month", "2026-10-01", "2026-10-31")]
    [InlineData("last quarter", "2026-07-01", "2026-09-30")]
    [InlineData("last year", "2025-01-01", "2025-12-31")]
    public void APastPeriod_EndsAtMidnightAfterItsLastDay(string text, string first, string last)
    {
        var period = Parse(text);

        Assert.Equal(DateOnly.Parse(first, System.Globalization.CultureInfo.InvariantCulture), period.FirstDay);
        Assert.Equal(DateOnly.Parse(last, System.Globalization.CultureInfo.InvariantCulture), period.LastDay);
        Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(period.To, NewYork).TimeOfDay);
        Assert.Equal(period.LastDay.AddDays(1), DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(period.To, NewYork).DateTime));
    }

    [Fact]
    public void LastMonth_AcrossTheClockChange_KeepsEachEndAtLocalMidnight()
    {
        // October 2026 in New York: EDT (-4) on the 1st; November 1st is still EDT at midnight (the change is at 02:00).
        var period = Parse("last month");

        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(-4)), period.From);
        Assert.Equal(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(-4)), period.To);
        Assert.Equal(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(-5)), Parse("this year").From);
    }

    [Fact]
    public void TodayIsTakenInTheTeamsZone_NotInUtc()
    {
        // 02:00 UTC on 1 December is still 30 November in New York.
        var period = Parse("this month", new DateTimeOffset(2026, 12, 1, 2, 0, 0, TimeSpan.Zero));

        Assert.Equal(new DateOnly(2026, 11, 1), period.FirstDay);
        Assert.Equal(new DateOnly(2026, 11, 30), period.LastDay);
    }

    [Theory]
    [InlineData("last 0 days")]
    [InlineData("last 733 days")]
    [InlineData("last 99999 days")]
    [InlineData("last -3 days")]
    [InlineData("last ٣ days")]
    [InlineData("next month")]
    [InlineData("this decade")]
    [InlineData("last month please")]
    [InlineData("'; drop table requests; --")]
    public void TextNamingNoPeriodTheBotKnows_IsNone(string text) =>
        Assert.Null(MetricsPeriods.Parse(text, Now, NewYork));

    [Fact]
    public void TheLongestLastNDays_IsAccepted() =>
        Assert.Equal(Now.AddDays(-(MetricsPeriods.MaxDays - 1)).Date, Parse($"last {MetricsPeriods.MaxDays} days").FirstDay.ToDateTime(TimeOnly.MinValue));
}
