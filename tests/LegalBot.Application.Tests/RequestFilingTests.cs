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
    private readonly List<NewRequest> saved = [];

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
        signal.Setup(s => s.Notify());
        var planner = new NotificationPlanner(
            new AccessPolicy(new RoleOptions { LegalStaff = ["aad-staff"] }),
            Options.Create(new TriageOptions { NotifyStaffDirectly = true }));
        return new RequestFiling(store.Object, planner, signal.Object);
    }

    [Fact]
    public async Task File_SavesTheRequestWithItsTriageCardsAndTargetDate_ThenWakesTheDispatcher()
    {
        var at = new DateTimeOffset(2026, 11, 27, 16, 0, 0, TimeSpan.Zero);

        // Friday 27 November 2026 plus three business days is Wednesday 2 December.
        var result = await Filing().FileAsync(new FileRequestCommand("draft-1", Nda, Draft, Requester, "tenant", at, new DateOnly(2026, 11, 27)), CancellationToken.None);

        Assert.True(result.Created);
        var request = Assert.Single(saved);
        Assert.Equal("draft-1", request.SubmissionKey);
        Assert.Equal(new DateOnly(2026, 12, 2), request.TargetDate);
        Assert.Equal(at, request.At);
        Assert.Equal([Notification.TriageChannel, "aad-staff"], request.Notifications.Select(n => n.Recipient));
        Assert.All(request.Notifications, n => Assert.Equal(NotificationKinds.Card, n.Kind));
        signal.Verify(s => s.Notify(), Times.Once);
    }

    [Fact]
    public void TargetDate_CountsBusinessDaysOnly() =>
        Assert.Equal(new DateOnly(2026, 12, 2), RequestFiling.TargetDate(new DateOnly(2026, 11, 27), Nda));
}
