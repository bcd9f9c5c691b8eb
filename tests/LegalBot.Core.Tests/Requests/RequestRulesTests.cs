using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Requests;

public sealed class RequestRulesTests
{
    [Theory]
    [InlineData("0.25", true)]
    [InlineData("1000", true)]
    [InlineData("2.5", true)]
    [InlineData("0.24", false)]
    [InlineData("0", false)]
    [InlineData("1000.01", false)]
    [InlineData("-1", false)]
    public void Hours_FromAQuarterToAThousand(string hours, bool valid) =>
        Assert.Equal(valid, RequestRules.IsValidHours(decimal.Parse(hours, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    public void Rating_FromOneToFive(int rating, bool valid) => Assert.Equal(valid, RequestRules.IsValidRating(rating));

    [Fact]
    public void Open_IsAssignedInProgressOrWaitingOnTheRequester_AndOpenStatesListsExactlyThose()
    {
        var open = Enum.GetValues<RequestState>().Where(s => s.IsOpen()).ToList();

        Assert.Equal([RequestState.Assigned, RequestState.InProgress, RequestState.WaitingOnRequester], open);
        Assert.Equal(open, RequestRules.OpenStates);
    }

    private static LegalRequest Completed(DateTimeOffset? at, RequestState state = RequestState.Completed) => new()
    {
        Number = new RequestNumber(1001),
        Details = new RequestDraft { TypeKey = "nda", Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester = new Person("aad-requester", "Business Requester"),
        State = state,
        CreatedAt = new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        UpdatedAt = at ?? new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero),
        CompletedAt = at,
        TargetDate = new DateOnly(2026, 11, 6),
        Version = 5,
    };

    [Theory]
    [InlineData("2026-11-05T10:00:00Z", true)]
    [InlineData("2026-11-06T23:59:59Z", true)]
    [InlineData("2026-11-07T00:00:00Z", false)]
    public void OnTime_IsCompletedOnOrBeforeTheTargetDate(string completedAt, bool onTime) =>
        Assert.Equal(onTime, Completed(DateTimeOffset.Parse(completedAt, System.Globalization.CultureInfo.InvariantCulture)).IsCompletedOnTime());

    [Fact]
    public void OnTime_IsFalse_ForARequestNotCompleted() =>
        Assert.False(Completed(new DateTimeOffset(2026, 11, 5, 10, 0, 0, TimeSpan.Zero), RequestState.Cancelled).IsCompletedOnTime());
}
