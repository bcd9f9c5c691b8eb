using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LegalBot.Application.Tests;

public sealed class RequestQueriesTests
{
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private const string Professional = "aad-alsp";

    private readonly Mock<IRequestStore> requests = new(MockBehavior.Strict);
    private readonly Mock<IUserSettingsStore> settings = new();

    private RequestQueries Queries()
    {
        var access = new AccessPolicy(new RoleOptions
        {
            LegalStaff = ["aad-staff"],
            Alsp = [new AlspProfessional { AadObjectId = Professional, Name = "ALSP Professional One", Firm = "Firm" }],
        });
        var catalog = new RequestTypeCatalog(new CatalogOptions { BusinessUnits = ["Sales"], Types = [new RequestType { Key = "nda", Name = "NDA review" }] });
        var zones = new ViewerTimeZones(settings.Object, Options.Create(new TimeZoneOptions { DefaultTimeZone = "Europe/Berlin" }));
        // Monday 23 November 2026 in the legal team's zone.
        var clock = new ServiceLevelClock(Options.Create(new ServiceLevelOptions { TimeZone = "Europe/Berlin" }), new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)));
        return new RequestQueries(requests.Object, new VisibleRequests(requests.Object, access), access, catalog, zones, clock);
    }

    private static LegalRequest Request(int number) => new()
    {
        Number = new RequestNumber(number),
        Details = new RequestDraft { TypeKey = "nda", Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.High },
        Requester = Requester,
        State = RequestState.Submitted,
        CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        TargetDate = new DateOnly(2026, 11, 24),
        Version = 1,
        Pauses = PauseLog.None,
    };

    [Fact]
    public async Task MyRequests_FollowTheButtonsToken_WithTypeNamesInTheViewersZone()
    {
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, "token-2", 5, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([Request(1001)], "token-3"));

        var model = await Queries().MyRequestsAsync(Requester.AadObjectId, new PagePosition("token-2", 5), 5, CancellationToken.None);

        Assert.Equal(new RequestNumber(1001), Assert.Single(model.Page.Items).Number);
        Assert.Equal("token-3", model.Page.ContinuationToken);
        Assert.Equal(5, model.Position);
        Assert.Equal("NDA review", model.TypeName("nda"));
        Assert.Equal("Europe/Berlin", model.TimeZone!.Id);
        Assert.False(model.Assignments);
    }

    [Fact]
    public async Task MyRequests_GiveEachOpenRowItsDueStatus_FromThePausesTheRowsKeep_ReadingNoHistory()
    {
        var waited = Request(1003) with
        {
            State = RequestState.InProgress,
            Pauses = new PauseLog([new Pause(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 23, 8, 0, 0, TimeSpan.Zero))]),
        };
        var waiting = Request(1002) with { State = RequestState.WaitingOnRequester };
        var late = Request(1001) with { TargetDate = new DateOnly(2026, 11, 20) };
        var closed = Request(1000) with { State = RequestState.Completed };
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, null, 5, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([waited, waiting, late, closed], null));

        var model = await Queries().MyRequestsAsync(Requester.AadObjectId, PagePosition.First, 5, CancellationToken.None);

        // Strict mock: no history was read. The pause from Friday to Monday moved the due date by one business day.
        Assert.Equal(new ServiceLevel.DueIn(new DateOnly(2026, 11, 25), 2), model.ServiceLevels[waited.Number]);
        Assert.IsType<ServiceLevel.Paused>(model.ServiceLevels[waiting.Number]);
        Assert.Equal(new ServiceLevel.Overdue(new DateOnly(2026, 11, 20), 1), model.ServiceLevels[late.Number]);
        Assert.False(model.ServiceLevels.ContainsKey(closed.Number));
    }

    [Fact]
    public async Task MyAssignments_ReadTheHistory_OnlyOfARowFiledBeforePausesWereKept()
    {
        var legacy = Request(1002) with { State = RequestState.WaitingOnRequester, Pauses = null };
        var kept = Request(1001) with { State = RequestState.InProgress };
        requests.Setup(s => s.ListByAssigneeAsync(Professional, null, 5, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([legacy, kept], null));
        requests.Setup(s => s.GetHistoryAsync(legacy.Number, It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            new HistoryEntry(legacy.Number, new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero), Requester, "askRequester", RequestState.InProgress, RequestState.WaitingOnRequester, null),
        ]);

        var model = (await Queries().MyAssignmentsAsync(Professional, PagePosition.First, 5, CancellationToken.None))!;

        Assert.Equal(new ServiceLevel.Paused(new DateOnly(2026, 11, 25)), model.ServiceLevels[legacy.Number]);
        Assert.Equal(new ServiceLevel.DueIn(new DateOnly(2026, 11, 24), 1), model.ServiceLevels[kept.Number]);
        requests.Verify(s => s.GetHistoryAsync(legacy.Number, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task MyRequests_WithATokenTheStoreRefuses_GivesTheFirstPage()
    {
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, "altered", 5, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidContinuationTokenException("not ours"));
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, null, 5, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([Request(1001)], null));

        var model = await Queries().MyRequestsAsync(Requester.AadObjectId, new PagePosition("altered", 40), 5, CancellationToken.None);

        Assert.Equal(new RequestNumber(1001), Assert.Single(model.Page.Items).Number);
        Assert.Equal(0, model.Position);
    }

    [Fact]
    public async Task MyRequests_AskTheStoreForNoMoreThanACardShows()
    {
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, null, MyRequestsCard.MaxRows, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([], null));

        await Queries().MyRequestsAsync(Requester.AadObjectId, PagePosition.First, 500, CancellationToken.None);

        requests.Verify(s => s.ListByRequesterAsync(Requester.AadObjectId, null, MyRequestsCard.MaxRows, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task MyAssignments_ForSomeoneWhoIsNotAnAlspProfessional_IsNull_AndReadsNothing()
    {
        Assert.Null(await Queries().MyAssignmentsAsync(Requester.AadObjectId, PagePosition.First, 5, CancellationToken.None));
        requests.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task MyAssignments_ForAProfessional_ListsTheirWork()
    {
        requests.Setup(s => s.ListByAssigneeAsync(Professional, null, 5, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([Request(1002)], null));

        var model = await Queries().MyAssignmentsAsync(Professional, PagePosition.First, 5, CancellationToken.None);

        Assert.True(model!.Assignments);
        Assert.Equal(new RequestNumber(1002), Assert.Single(model.Page.Items).Number);
    }

    [Fact]
    public async Task History_OfSomeoneElsesRequest_IsNull_LikeAnUnknownOne()
    {
        requests.Setup(s => s.GetAsync(new RequestNumber(1001), It.IsAny<CancellationToken>())).ReturnsAsync(Request(1001));
        requests.Setup(s => s.GetAsync(new RequestNumber(1999), It.IsAny<CancellationToken>())).ReturnsAsync((LegalRequest?)null);

        Assert.Null(await Queries().HistoryAsync(new RequestNumber(1001), "aad-stranger", CancellationToken.None));
        Assert.Null(await Queries().HistoryAsync(new RequestNumber(1999), "aad-stranger", CancellationToken.None));
    }

    [Fact]
    public async Task History_OfTheirOwnRequest_ListsEveryLine()
    {
        var line = new HistoryEntry(new RequestNumber(1001), new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero), Requester, "submit", null, RequestState.Submitted, null);
        requests.Setup(s => s.GetAsync(new RequestNumber(1001), It.IsAny<CancellationToken>())).ReturnsAsync(Request(1001));
        requests.Setup(s => s.GetHistoryAsync(new RequestNumber(1001), It.IsAny<CancellationToken>())).ReturnsAsync([line]);

        var model = await Queries().HistoryAsync(new RequestNumber(1001), Requester.AadObjectId, CancellationToken.None);

        Assert.Equal([line], model!.History);
        Assert.Equal(new RequestNumber(1001), model.Request.Number);
    }
}
