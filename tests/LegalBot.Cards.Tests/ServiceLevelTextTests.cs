using LegalBot.Cards.Builders;
using LegalBot.Core.Requests;

namespace LegalBot.Cards.Tests;

public sealed class ServiceLevelTextTests
{
    private static readonly DateOnly Due = new(2026, 12, 4);

    public static TheoryData<ServiceLevel, string> Levels() => new()
    {
        { new ServiceLevel.DueIn(Due, 2), "4 Dec 2026 · due in 2 business days" },
        { new ServiceLevel.DueIn(Due, 1), "4 Dec 2026 · due in 1 business day" },
        { new ServiceLevel.DueToday(Due), "4 Dec 2026 · due today" },
        { new ServiceLevel.Overdue(Due, 1), "4 Dec 2026 · overdue by 1 business day" },
        { new ServiceLevel.Overdue(Due, 3), "4 Dec 2026 · overdue by 3 business days" },
        { new ServiceLevel.Paused(Due), "4 Dec 2026 for now · on hold while waiting on the requester" },
    };

    [Theory]
    [MemberData(nameof(Levels))]
    public void EachLevel_ReadsAsAPersonSaysIt(ServiceLevel level, string expected) =>
        Assert.Equal(expected, ServiceLevelText.Describe(level));

    [Fact]
    public void TheWorkCard_ShowsTheDueFact_InsteadOfTheTargetDate_ForAnOpenRequest()
    {
        var request = WorkSamples.Request(RequestState.InProgress);
        var card = new CardJson(RequestWorkCard.Build(WorkSamples.Model(request, WorkSamples.Counsel.AadObjectId) with { ServiceLevel = new ServiceLevel.Overdue(Due, 1) }));
        var closed = new CardJson(RequestWorkCard.Build(WorkSamples.Model(WorkSamples.Request(RequestState.Completed), WorkSamples.Counsel.AadObjectId)));

        Assert.Equal("4 Dec 2026 · overdue by 1 business day", card.Fact("Due"));
        Assert.Null(card.Fact("Target date"));
        Assert.Null(closed.Fact("Due"));
        Assert.NotNull(closed.Fact("Target date"));
    }
}
