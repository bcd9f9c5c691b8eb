using System.Diagnostics;
using System.Text.RegularExpressions;
using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

/// <summary>Dates are read against a fixed today, Thursday 2026-11-26.</summary>
public sealed class FieldValueParserDateTests
{
    private const string Unreadable = "I couldn't read that as a date for Due date. Try 2026-12-10, \"next Friday\" or \"in 10 days\".";

    private static readonly FieldDefinition Due = new() { Name = "dueDate", Label = "Due date", Kind = FieldKind.Date, Required = true };

    [Theory]
    [InlineData("2026-12-05", "2026-12-05")]
    [InlineData("2026-12-5", "2026-12-05")]
    [InlineData("2027-1-9", "2027-01-09")]
    [InlineData("2026-12-05T10:30:00Z", "2026-12-05")]
    [InlineData("2026-12-05T10:30:00.000+01:00", "2026-12-05")]
    [InlineData("2026-12-05 10:30", "2026-12-05")]
    public void Iso_WithOrWithoutTime_IsTheDate(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("today", "2026-11-26")]
    [InlineData("Today", "2026-11-26")]
    [InlineData("tomorrow", "2026-11-27")]
    [InlineData("TOMORROW", "2026-11-27")]
    [InlineData("next week", "2026-12-03")]
    public void Words_CountFromToday(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("in 0 days", "2026-11-26")]
    [InlineData("in 1 day", "2026-11-27")]
    [InlineData("in 3 days", "2026-11-29")]
    [InlineData("In 10 Days", "2026-12-06")]
    [InlineData("in 1 week", "2026-12-03")]
    [InlineData("in 2 weeks", "2026-12-10")]
    [InlineData("in 1 month", "2026-12-26")]
    [InlineData("in 3 months", "2027-02-26")]
    [InlineData("in 60 months", "2031-11-26")]
    public void InSoManyUnits_CountsFromToday(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Fact]
    public void InOneMonth_FromTheEndOfAMonth_ClampsToTheLastDay() =>
        Assert.Equal("2027-02-28", Accepted(Due, "in 1 month", new DateOnly(2027, 1, 31)));

    [Theory]
    [InlineData("friday", "2026-11-27")]
    [InlineData("Saturday", "2026-11-28")]
    [InlineData("sunday", "2026-11-29")]
    [InlineData("monday", "2026-11-30")]
    [InlineData("next monday", "2026-11-30")]
    [InlineData("on wednesday", "2026-12-02")]
    [InlineData("this tuesday", "2026-12-01")]
    public void Weekday_IsTheNextSuchDay(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("thursday")]
    [InlineData("next thursday")]
    public void Weekday_SameAsToday_MeansNextWeek(string answer) =>
        Assert.Equal("2026-12-03", Accepted(Due, answer));

    [Theory]
    [InlineData("Dec 5", "2026-12-05")]
    [InlineData("dec 5", "2026-12-05")]
    [InlineData("December 5", "2026-12-05")]
    [InlineData("5 December", "2026-12-05")]
    [InlineData("5 Dec", "2026-12-05")]
    [InlineData("Nov 26", "2026-11-26")]
    [InlineData("Nov 20", "2027-11-20")] // already passed this year
    [InlineData("January 15", "2027-01-15")]
    public void MonthAndDay_IsTheNextSuchDay(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("2027-12-01", "Feb 29", "2028-02-29")]
    [InlineData("2028-01-10", "29 February", "2028-02-29")]
    [InlineData("2027-01-10", "February 29", "2028-02-29")]
    [InlineData("2028-03-01", "Feb 28", "2029-02-28")]
    public void MonthAndDay_TwentyNinthOfFebruary_IsTheNextOneThatExists(string today, string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer, DateOnly.Parse(today)));

    [Fact]
    public void MonthAndDay_TwentyNinthOfFebruary_SaidInANonLeapYear_IsNotMovedToTheTwentyEighth() =>
        Assert.Equal("2028-02-29", Accepted(Due, "Feb 29", new DateOnly(2027, 2, 27)));

    [Theory]
    [InlineData("29 February 2028", "2028-02-29")]
    [InlineData("Feb 29, 2028", "2028-02-29")]
    public void MonthDayAndYear_TwentyNinthOfFebruaryInALeapYear_IsThatDay(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("29 February 2027")]
    [InlineData("Feb 30")]
    [InlineData("April 31")]
    public void MonthAndDay_ThatNeverExists_IsRefused(string answer) =>
        Assert.Equal(Unreadable, Refused(Due, answer));

    [Theory]
    [InlineData("5 December 2027", "2027-12-05")]
    [InlineData("5 Dec 2027", "2027-12-05")]
    [InlineData("December 5 2027", "2027-12-05")]
    [InlineData("December 5, 2027", "2027-12-05")]
    [InlineData("Dec 5, 2026", "2026-12-05")]
    public void MonthDayAndYear_IsThatDay(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Due, answer));

    [Theory]
    [InlineData("2026-11-25")]
    [InlineData("2020-01-01")]
    [InlineData("5 December 2025")]
    [InlineData("Nov 25, 2026")]
    public void Past_IsRefused(string answer) =>
        Assert.Equal("Due date can't be in the past.", Refused(Due, answer));

    [Fact]
    public void FiveYearsAhead_IsTheLastDayAccepted()
    {
        Assert.Equal("2031-11-26", Accepted(Due, "2031-11-26"));
        Assert.Equal("Due date must be within five years.", Refused(Due, "2031-11-27"));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("in 61 months")]
    [InlineData("in 999 weeks")]
    [InlineData("in 999 months")]
    [InlineData("5 December 2040")]
    public void FarFuture_IsRefused(string answer) =>
        Assert.Equal("Due date must be within five years.", Refused(Due, answer));

    [Theory]
    [InlineData("soonish")]
    [InlineData("asap")]
    [InlineData("2026-13-01")]
    [InlineData("2026-02-30")]
    [InlineData("2026/12/05")]
    [InlineData("05/12/2026")]
    [InlineData("32 December")]
    [InlineData("in a week")]
    [InlineData("in -3 days")]
    [InlineData("in 1000 days")]
    [InlineData("in 3 fortnights")]
    [InlineData("next fortnight")]
    [InlineData("last friday")]
    [InlineData("fri")]
    [InlineData("12")]
    public void Garbage_IsRefused(string answer) =>
        Assert.Equal(Unreadable, Refused(Due, answer));

    [Theory]
    [InlineData("in \u0663 days")] // Arabic-Indic three
    [InlineData("in \u06F3 weeks")] // Extended Arabic-Indic three
    [InlineData("in \u0967\u0966 days")] // Devanagari ten
    [InlineData("in \uFF13 days")] // full-width three
    [InlineData("\u0662\u0660\u0662\u0666-\u0661\u0662-\u0660\u0665")] // 2026-12-05 in Arabic-Indic digits
    [InlineData("5 December \u0662\u0660\u0662\u0667")]
    public void NonAsciiDigits_AreRefused_NotThrown(string answer) =>
        Assert.Equal(Unreadable, Refused(Due, answer));

    [Theory]
    [InlineData("2026-11-26")]
    [InlineData("2027-06-30")]
    [InlineData("2031-02-28")]
    public void Refusal_SuggestsAnIsoDateThatWouldBeAccepted(string today)
    {
        var day = DateOnly.Parse(today);

        var error = Refused(Due, "soonish", day);

        var example = Regex.Match(error, "[0-9]{4}-[0-9]{2}-[0-9]{2}").Value;
        Assert.Equal(day.AddDays(14).ToString("yyyy-MM-dd"), example);
        Assert.Equal(example, Accepted(Due, example, day));
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("**bold** [link](https://example.com)")]
    [InlineData("zqxj-unusual-marker")]
    public void Refusal_DoesNotEchoTheAnswer(string answer)
    {
        var error = Refused(Due, answer);

        Assert.DoesNotContain(answer, error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("zqxj", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("script", error, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("example.com", error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(1000)]
    [InlineData(100_000)]
    public void LongInput_IsRefusedQuickly(int length)
    {
        string[] inputs =
        [
            new string('9', length),
            "in " + new string('1', length) + " days",
            "2026-12-05" + new string(' ', length) + "x",
            string.Concat(Enumerable.Repeat("next ", length / 5)) + "friday",
            new string('a', length),
        ];
        Parse(Due, "warm up");

        var clock = Stopwatch.StartNew();
        foreach (var input in inputs)
        {
            Assert.Equal(Unreadable, Refused(Due, input));
        }

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed}");
    }

    [Fact]
    public void Answer_IsReadAgainstTheTodayPassedIn_NotTheClock()
    {
        var today = new DateOnly(2031, 3, 10);

        Assert.Equal("2031-03-10", Accepted(Due, "today", today));
        Assert.Equal("2031-12-05", Accepted(Due, "Dec 5", today));
        Assert.Equal("Due date can't be in the past.", Refused(Due, "2031-03-09", today));
    }
}
