using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Moq;

namespace LegalBot.Application.Tests;

public sealed class RequestFilingTests
{
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly RequestType Nda = new() { Key = "nda", Name = "NDA review", TurnaroundBusinessDays = 3 };
    private static readonly RequestDraft Draft = new() { TypeKey = "nda", Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.High };

    private readonly Mock<IRequestStore> store = new(MockBehavior.Strict);
    private readonly Mock<INotificationSignal> signal = new(MockBehavior.Strict);
    private readonly Mock<INotificationStore> outbox = new(MockBehavior.Strict);
    private readonly List<NewRequest> saved = [];
    private readonly List<(string ChangeId, IReadOnlyList<Notification> Notifications)> staged = [];
    private readonly List<(string ChangeId, RequestNumber Number)> released = [];

    private static ServiceLevelClock Clock(string zone = "UTC", params DateOnly[] holidays) =>
        new(Options.Create(new ServiceLevelOptions { TimeZone = zone, Holidays = [.. holidays.Select(h => h.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))] }), TimeProvider.System);

    private RequestFiling Filing()
    {
        store.Setup(s => s.CreateAsync(It.IsAny<NewRequest>(), It.IsAny<CancellationToken>()))
            .Callback((NewRequest r, CancellationToken _) => saved.Add(r))
            .ReturnsAsync((NewRequest r, CancellationToken _) => new CreateResult(
                new LegalRequest
                {
                    Number = new RequestNumber(1001),
                    Details = r.Details,
                    Requester = r.Requester,
                    State = RequestState.Submitted,
                    CreatedAt = r.At,
                    UpdatedAt = r.At,
                    TargetDate = r.TargetDate,
                    Version = 1,
                },
                true));
        outbox.Setup(o => o.StageAsync(It.IsAny<string>(), null, It.IsAny<IReadOnlyList<Notification>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((string id, RequestNumber? _, IReadOnlyList<Notification> n, DateTimeOffset _, CancellationToken _) => staged.Add((id, n)))
            .Returns(Task.CompletedTask);
        outbox.Setup(o => o.ReleaseAsync(It.IsAny<string>(), It.IsAny<RequestNumber>(), It.IsAny<CancellationToken>()))
            .Callback((string id, RequestNumber number, CancellationToken _) => released.Add((id, number)))
            .ReturnsAsync(1);
        signal.Setup(s => s.Notify());
        var planner = new NotificationPlanner(
            new AccessPolicy(new RoleOptions { LegalStaff = ["aad-staff"] }),
            Options.Create(new TriageOptions { NotifyStaffDirectly = true }));
        return new RequestFiling(new RequestChanges(store.Object, outbox.Object, TimeProvider.System), planner, signal.Object, Clock());
    }

    [Fact]
    public async Task File_StagesTheTriageCards_SavesTheRequestWithItsTargetDate_ReleasesThem_ThenWakesTheDispatcher()
    {
        var at = new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

        // Friday 27 November 2026 plus three business days is Wednesday 2 December.
        var result = await Filing().FileAsync(new FileRequestCommand("draft-1", Nda, Draft, Requester, "tenant", at), CancellationToken.None);

        Assert.True(result.Created);
        var request = Assert.Single(saved);
        Assert.Equal("draft-1", request.SubmissionKey);
        Assert.Equal(new DateOnly(2026, 12, 2), request.TargetDate);
        Assert.Equal(at, request.At);
        var (changeId, notifications) = Assert.Single(staged);
        Assert.Equal("draft-1", changeId);
        Assert.Equal([Notification.TriageChannel, "aad-staff"], notifications.Select(n => n.Recipient));
        Assert.All(notifications, n => Assert.Equal(NotificationKinds.Card, n.Kind));
        Assert.Equal(("draft-1", new RequestNumber(1001)), Assert.Single(released));
        signal.Verify(s => s.Notify(), Times.Once);
    }

    [Fact]
    public void TargetDate_CountsBusinessDaysOnly() =>
        Assert.Equal(new DateOnly(2026, 12, 2), Clock().TargetDate(Nda, new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void TargetDate_SkipsTheLegalTeamsHolidays() =>
        Assert.Equal(new DateOnly(2026, 12, 3), Clock("UTC", new DateOnly(2026, 11, 30)).TargetDate(Nda, new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero)));

    [Fact]
    public void TargetDate_CountsFromTheLegalTeamsDate_NotUtcs()
    {
        // 23:30 UTC on Friday is already Saturday in Tokyo: three business days from Saturday is Wednesday...
        var lateFriday = new DateTimeOffset(2026, 11, 27, 23, 30, 0, TimeSpan.Zero);
        Assert.Equal(new DateOnly(2026, 12, 2), Clock("Asia/Tokyo").TargetDate(Nda, lateFriday));

        // ...and in Los Angeles it is still Friday afternoon, so the same.
        Assert.Equal(new DateOnly(2026, 12, 2), Clock("America/Los_Angeles").TargetDate(Nda, lateFriday));

        // Thursday 23:30 UTC is Friday in Tokyo: Wednesday there, Tuesday in UTC.
        var lateThursday = lateFriday.AddDays(-1);
        Assert.Equal(new DateOnly(2026, 12, 2), Clock("Asia/Tokyo").TargetDate(Nda, lateThursday));
        Assert.Equal(new DateOnly(2026, 12, 1), Clock().TargetDate(Nda, lateThursday));
    }
}
