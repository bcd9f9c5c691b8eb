using System.Globalization;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Requests;

public sealed class PauseLogAndRequestedDateTests
{
    private static readonly DateOnly Target = new(2026, 12, 2);
    private static readonly Person Someone = new("aad-1", "Someone");

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);

    private static LegalRequest Request(RequestState state, DateOnly? requested, PauseLog? pauses = null) => new()
    {
        Number = new RequestNumber(1001),
        Details = new RequestDraft { TypeKey = "nda", Title = "T", Description = "D", BusinessUnit = "Sales", Priority = Priority.Normal, RequestedDueDate = requested },
        Requester = Someone,
        State = state,
        CreatedAt = At("2026-11-27T09:00:00Z"),
        UpdatedAt = At("2026-11-27T09:00:00Z"),
        TargetDate = Target,
        Version = 1,
        Pauses = pauses,
    };

    [Fact]
    public void PauseLog_OpensAndClosesAsTheRequestEntersAndLeavesTheWaitingStates_LikeItsHistory()
    {
        var asked = At("2026-11-30T10:00:00+01:00");
        var answered = At("2026-12-02T08:15:30.1234567-05:00");

        var log = PauseLog.None
            .After(RequestState.Assigned, RequestState.InProgress, At("2026-11-28T10:00:00Z"))
            .After(RequestState.InProgress, RequestState.WaitingOnRequester, asked)
            .After(RequestState.WaitingOnRequester, RequestState.InProgress, answered)
            .After(RequestState.InTriage, RequestState.NeedsInfo, At("2026-12-03T10:00:00Z"));

        Assert.Equal(
            ServiceLevels.PausesOf([(asked, RequestState.WaitingOnRequester), (answered, RequestState.InProgress), (At("2026-12-03T10:00:00Z"), RequestState.NeedsInfo)]),
            log.Items);
        Assert.Equal(log, PauseLog.Parse(log.Format()));
        Assert.True(PauseLog.Parse(log.Format())!.Items[0].End!.Value.EqualsExact(answered));
        Assert.Equal(PauseLog.None, PauseLog.Parse(""));
        Assert.Null(PauseLog.Parse(null));
        Assert.Null(PauseLog.Parse("not a pause"));
        Assert.NotEqual(log, PauseLog.None);
    }

    [Fact]
    public void ServiceLevel_FromTheKeptPauses_IsTheSameAsFromHistory()
    {
        var pauses = PauseLog.None.After(RequestState.InProgress, RequestState.WaitingOnRequester, At("2026-11-30T10:00:00Z"))
            .After(RequestState.WaitingOnRequester, RequestState.InProgress, At("2026-12-01T10:00:00Z"));
        var history = new[]
        {
            new HistoryEntry(new RequestNumber(1001), At("2026-11-30T10:00:00Z"), Someone, "askRequester", RequestState.InProgress, RequestState.WaitingOnRequester, null),
            new HistoryEntry(new RequestNumber(1001), At("2026-12-01T10:00:00Z"), Someone, "answer", RequestState.WaitingOnRequester, RequestState.InProgress, null),
        };
        var today = new DateOnly(2026, 12, 3);
        var request = Request(RequestState.InProgress, null, pauses);

        var kept = ServiceLevels.Of(request, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc, today);

        Assert.Equal(new ServiceLevel.DueToday(new DateOnly(2026, 12, 3)), kept);
        Assert.Equal(ServiceLevels.Of(request, history, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc, today), kept);
        Assert.Null(ServiceLevels.Of(request with { Pauses = null }, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc, today));
    }

    [Theory]
    [InlineData(RequestState.Submitted, "2026-12-01", "2026-11-27", RequestedDateCheck.Acceptable)]
    [InlineData(RequestState.InProgress, "2026-11-27", "2026-11-27", RequestedDateCheck.Acceptable)]
    [InlineData(RequestState.WaitingOnRequester, "2026-12-01", "2026-11-27", RequestedDateCheck.Acceptable)]
    [InlineData(RequestState.Submitted, "2026-12-02", "2026-11-27", RequestedDateCheck.AlreadyAccepted)]
    [InlineData(RequestState.Submitted, "2026-12-09", "2026-11-27", RequestedDateCheck.NotEarlier)]
    [InlineData(RequestState.Submitted, "2026-11-26", "2026-11-27", RequestedDateCheck.Passed)]
    [InlineData(RequestState.KeptInHouse, "2026-12-01", "2026-11-27", RequestedDateCheck.NoDueDate)]
    [InlineData(RequestState.Completed, "2026-12-01", "2026-11-27", RequestedDateCheck.NoDueDate)]
    [InlineData(RequestState.Submitted, null, "2026-11-27", RequestedDateCheck.NoneRequested)]
    public void RequestedDate_MayBecomeTheDueDate_OnlyWhenEarlierAndNotPassed(RequestState state, string? requested, string today, RequestedDateCheck expected) =>
        Assert.Equal(
            expected,
            RequestedDueDates.Check(
                Request(state, requested is null ? null : DateOnly.Parse(requested, CultureInfo.InvariantCulture)),
                DateOnly.Parse(today, CultureInfo.InvariantCulture)));
}
