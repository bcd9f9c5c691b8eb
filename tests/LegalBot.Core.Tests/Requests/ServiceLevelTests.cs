using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Requests;

public sealed class ServiceLevelTests
{
    // Target: Wednesday 2 December 2026. 30 November 2026 is a Monday.
    private static readonly DateOnly Target = new(2026, 12, 2);
    private static readonly Person Someone = new("aad-1", "Someone");

    private static LegalRequest Request(RequestState state) => new()
    {
        Number = new RequestNumber(1001),
        Details = new RequestDraft { TypeKey = "nda", Title = "T", Description = "D", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester = Someone,
        State = state,
        CreatedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 27, 9, 0, 0, TimeSpan.Zero),
        TargetDate = Target,
        Version = 1,
    };

    private static HistoryEntry Moved(string day, RequestState to) =>
        new(new RequestNumber(1001), DateTimeOffset.Parse(day + "T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture), Someone, "x", null, to, null);

    private static ServiceLevel? Of(RequestState state, string today, params HistoryEntry[] history) =>
        ServiceLevels.Of(Request(state), history, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void BeforeTheTarget_IsDueInBusinessDays() =>
        Assert.Equal(new ServiceLevel.DueIn(Target, 2), Of(RequestState.InProgress, "2026-11-30"));

    [Fact]
    public void OverAWeekend_CountsBusinessDaysOnly() =>
        Assert.Equal(new ServiceLevel.DueIn(Target, 3), Of(RequestState.Assigned, "2026-11-27"));

    [Fact]
    public void OnTheTarget_IsDueToday() =>
        Assert.Equal(new ServiceLevel.DueToday(Target), Of(RequestState.InTriage, "2026-12-02"));

    [Fact]
    public void PastTheTarget_IsOverdueByBusinessDays() =>
        Assert.Equal(new ServiceLevel.Overdue(Target, 3), Of(RequestState.InProgress, "2026-12-07"));

    [Fact]
    public void WaitingOnTheRequester_StopsTheClock_AndMovesTheDueDateByTheDaysWaited()
    {
        // Waiting from Monday 30 Nov to Thursday 3 Dec: three business days; due moves from Wed 2 to Mon 7 Dec.
        var history = new[] { Moved("2026-11-30", RequestState.WaitingOnRequester), Moved("2026-12-03", RequestState.InProgress) };

        Assert.Equal(new ServiceLevel.DueIn(new DateOnly(2026, 12, 7), 2), Of(RequestState.InProgress, "2026-12-03", history));
    }

    [Fact]
    public void WhileWaiting_IsPaused_WithTheDueDateMovedByTheDaysSoFar() =>
        // Waiting since Monday, Tuesday now: one business day so far, so Wednesday's due date is Thursday for now.
        Assert.Equal(
            new ServiceLevel.Paused(new DateOnly(2026, 12, 3)),
            Of(RequestState.NeedsInfo, "2026-12-01", Moved("2026-11-30", RequestState.NeedsInfo)));

    [Theory]
    [InlineData(RequestState.Completed)]
    [InlineData(RequestState.Cancelled)]
    [InlineData(RequestState.Rejected)]
    [InlineData(RequestState.KeptInHouse)]
    public void ClosedRequests_HaveNone(RequestState state) => Assert.Null(Of(state, "2026-12-07"));

    [Fact]
    public void Holidays_AreNotBusinessDays()
    {
        var calendar = new BusinessCalendar([new DateOnly(2026, 12, 25), new DateOnly(2026, 12, 28)]);

        Assert.Equal(new DateOnly(2026, 12, 29), calendar.AddBusinessDays(new DateOnly(2026, 12, 24), 1));
        Assert.Equal(1, calendar.BusinessDaysBetween(new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 29)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 25)));
    }
}
