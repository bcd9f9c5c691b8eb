using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Store.Tests;

/// <summary>
/// The behaviour every <see cref="INotificationStore"/> must have, and the request store's side of changes and the
/// change/outbox protocol, run against each backend.
/// </summary>
public abstract partial class WorkflowStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    protected static readonly Person Requester = new("aad-requester", "Business Requester", "requester@contoso.example");
    protected static readonly Person Counsel = new("aad-counsel", "Legal Counsel", "counsel@contoso.example");
    protected static readonly Person ProfessionalOne = new("aad-alsp-one", "ALSP Professional One", "alsp1@provider.example");
    protected static readonly Person ProfessionalTwo = new("aad-alsp-two", "ALSP Professional Two");
    protected static readonly DateOnly Target = new(2025, 3, 14);

    private static readonly DateTimeOffset FarFuture = Start.AddYears(1);

    protected INotificationStore Workflow => Notifications;

    protected async Task<LegalRequest> FileAsync(Person? requester = null)
    {
        var draft = new RequestDraft
        {
            TypeKey = "nda",
            Title = "NDA with Fabrikam",
            Description = "Mutual NDA for the pilot.",
            BusinessUnit = "Sales",
            Priority = Priority.Normal,
        };
        var result = await Requests.CreateAsync(
            new NewRequest(Guid.NewGuid().ToString("N"), draft, requester ?? Requester, "tenant-1", Time.GetUtcNow(), Target));
        Time.Advance(TimeSpan.FromMinutes(1));
        return result.Request;
    }

    /// <summary>The change/outbox protocol over these stores.</summary>
    protected RequestChanges Changes => new(Requests, Workflow, Time);

    protected RequestChange Change(LegalRequest request, RequestState to, string action, Person? actor = null) => new()
    {
        ChangeId = Guid.NewGuid().ToString("N"),
        Number = request.Number,
        ExpectedVersion = request.Version,
        To = to,
        Actor = actor ?? Counsel,
        Action = action,
        At = Time.GetUtcNow(),
    };

    protected static Notification Notify(LegalRequest request, string key, string recipient = "aad-alsp-one", string? text = null) =>
        new(key, request.Number, recipient, "assigned", text);

    protected async Task<LegalRequest> AppliedAsync(RequestChange change, params Notification[] notifications)
    {
        var applied = Assert.IsType<ChangeOutcome.Applied>(await Changes.ApplyAsync(change, notifications));
        Time.Advance(TimeSpan.FromMinutes(1));
        return applied.Request;
    }

    protected Task<LegalRequest> AssignAsync(LegalRequest request, Person to) =>
        AppliedAsync(Change(request, Assigned, "assign") with { Assignee = to, ChangesAssignee = true });

    protected async Task<LegalRequest> InProgressAsync(Person professional)
    {
        var assigned = await AssignAsync(await FileAsync(), professional);
        return await AppliedAsync(Change(assigned, InProgress, "accept", professional));
    }

    protected async Task<LegalRequest> CompletedAsync(Person professional, DateTimeOffset at)
    {
        var working = await InProgressAsync(professional);
        return await AppliedAsync(Change(working, Completed, "complete", professional) with { At = at, HoursSpent = 2m, Note = "Signed." });
    }

    /// <summary>Record equality, except the fields dictionary, which is compared by content.</summary>
    protected static void AssertSameRequest(LegalRequest expected, LegalRequest? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(
            expected.Details.Fields.OrderBy(f => f.Key, StringComparer.Ordinal),
            actual.Details.Fields.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.Equal(expected with { Details = expected.Details with { Fields = actual.Details.Fields } }, actual);
    }

    private async Task<List<string>> DueKeysAsync() => [.. (await Workflow.DueAsync(FarFuture, 500)).Select(i => i.Notification.Key)];

    private async Task<OutboxItem> SingleDueAsync(LegalRequest request, string key)
    {
        await Workflow.EnqueueAsync([Notify(request, key)], Time.GetUtcNow());
        return Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10));
    }

    // Create with notifications

    [Fact]
    public async Task Create_WithNotifications_SavesThemForTheNewNumber_AndADoubleSubmitAddsNone()
    {
        var draft = new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal };
        var owed = new[] { new Notification("new:key-7:channel", default, Notification.TriageChannel, "card", null), new Notification("new:key-7:aad-counsel", default, Counsel.AadObjectId, "card", null) };
        var request = new NewRequest("key-7", draft, Requester, "tenant-1", Time.GetUtcNow(), Target);

        var first = await Changes.CreateAsync(request, owed);
        var second = await Changes.CreateAsync(request, owed);

        Assert.False(second.Created);
        var due = await Workflow.DueAsync(FarFuture, 500);
        Assert.Equal(["new:key-7:aad-counsel", "new:key-7:channel"], due.Select(d => d.Notification.Key).Order());
        Assert.All(due, d => Assert.Equal(first.Request.Number, d.Notification.Number));
    }

    // ApplyAsync

    [Fact]
    public async Task Apply_Assign_SetsStateVersionAndAssignee_AndAppendsHistoryWithTheNote()
    {
        var request = await FileAsync();
        var change = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true, Note = "Urgent, please." };

        var outcome = await Changes.ApplyAsync(change, []);

        var applied = Assert.IsType<ChangeOutcome.Applied>(outcome).Request;
        var reloaded = await Requests.GetAsync(request.Number);
        foreach (var actual in new[] { applied, reloaded })
        {
            Assert.NotNull(actual);
            Assert.Equal(Assigned, actual.State);
            Assert.Equal(2, actual.Version);
            Assert.Equal(ProfessionalOne, actual.AssignedTo);
            Assert.True(actual.UpdatedAt.EqualsExact(change.At), $"UpdatedAt was {actual.UpdatedAt:o}");
            Assert.True(actual.CreatedAt.EqualsExact(request.CreatedAt));
            Assert.Null(actual.CompletedAt);
        }

        var history = await Requests.GetHistoryAsync(request.Number);
        Assert.Equal(2, history.Count);
        Assert.Equal(
            new HistoryEntry(request.Number, change.At, Counsel, "assign", Submitted, Assigned, "Urgent, please.") { Assignee = ProfessionalOne },
            history[1]);
    }

    [Fact]
    public async Task Apply_WithoutChangesAssignee_KeepsTheAssignee()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);

        var accepted = await AppliedAsync(Change(assigned, InProgress, "accept", ProfessionalOne) with { Assignee = ProfessionalTwo });

        Assert.Equal(ProfessionalOne, accepted.AssignedTo);
        Assert.Equal(InProgress, accepted.State);
        Assert.Equal(3, accepted.Version);
    }

    [Fact]
    public async Task Apply_ChangesAssigneeToNobody_ClearsIt()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);

        var declined = await AppliedAsync(
            Change(assigned, InTriage, "decline", ProfessionalOne) with { ChangesAssignee = true, Assignee = null, Note = "Conflict of interest." });

        Assert.Null(declined.AssignedTo);
        Assert.Null((await Requests.GetAsync(assigned.Number))?.AssignedTo);
        var last = (await Requests.GetHistoryAsync(assigned.Number))[^1];
        Assert.Equal((ProfessionalOne, "decline", (RequestState?)Assigned, InTriage, "Conflict of interest."), (last.Actor, last.Action, last.FromState, last.ToState, last.Note));
    }

    [Fact]
    public async Task History_KeepsWhatEachChangeSet()
    {
        var completed = await CompletedAsync(ProfessionalOne, Time.GetUtcNow());
        await AppliedAsync(Change(completed, Completed, "rate", Requester) with { Rating = 4, Note = "Quick and clear." });

        var history = await Requests.GetHistoryAsync(completed.Number);

        Assert.Equal(ProfessionalOne, history.Single(h => h.Action == "assign").Assignee);
        Assert.Equal(2m, history.Single(h => h.Action == "complete").HoursSpent);
        var rated = history.Single(h => h.Action == "rate");
        Assert.Equal((4, "Quick and clear."), (rated.Rating, rated.Note));
        Assert.All(history.Where(h => h.Action != "assign"), h => Assert.Null(h.Assignee));
    }

    [Fact]
    public async Task Apply_Reassign_ReplacesTheAssignee()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);

        var reassigned = await AppliedAsync(Change(assigned, Assigned, "reassign") with { Assignee = ProfessionalTwo, ChangesAssignee = true });

        Assert.Equal(ProfessionalTwo, reassigned.AssignedTo);
        Assert.Equal(ProfessionalTwo, (await Requests.GetAsync(assigned.Number))?.AssignedTo);
    }

    [Fact]
    public async Task Apply_SavesItsNotificationsAsPendingAndDueAtTheChange()
    {
        var request = await FileAsync();
        var change = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true };
        Notification[] notifications =
        [
            Notify(request, "LR-1001:assigned:pat", "aad-alsp-one", "You have a new request."),
            new("LR-1001:assigned:triage", request.Number, Notification.TriageChannel, "state-changed", null),
        ];

        await Changes.ApplyAsync(change, notifications);

        Assert.Empty(await Workflow.DueAsync(change.At.AddTicks(-1), 10));
        var due = await Workflow.DueAsync(change.At, 10);
        Assert.Equal(notifications, due.Select(i => i.Notification));
        Assert.All(due, i =>
        {
            Assert.Equal(0, i.Attempts);
            Assert.Equal(change.At, i.CreatedAt);
            Assert.Equal(change.At, i.NextAttemptAt);
        });
        Assert.True(due[0].Id < due[1].Id);
    }

    [Fact]
    public async Task Apply_WithStaleVersion_ReturnsConflictWithTheCurrentRequest_AndWritesNothing()
    {
        var request = await FileAsync();
        var assigned = await AssignAsync(request, ProfessionalOne);
        var historyBefore = await Requests.GetHistoryAsync(request.Number);

        var stale = Change(request, Rejected, "reject") with { Note = "Out of scope.", HoursSpent = 3m, Rating = 2 };
        var outcome = await Changes.ApplyAsync(stale, [Notify(request, "stale-key")]);

        var current = Assert.IsType<ChangeOutcome.Conflict>(outcome).Current;
        AssertSameRequest(assigned, current);
        AssertSameRequest(assigned, await Requests.GetAsync(request.Number));
        Assert.Equal(historyBefore, await Requests.GetHistoryAsync(request.Number));
        Assert.DoesNotContain("stale-key", await DueKeysAsync());
    }

    [Fact]
    public async Task Apply_AheadOfTheCurrentVersion_IsAConflictToo()
    {
        var request = await FileAsync();

        var outcome = await Changes.ApplyAsync(Change(request, InTriage, "triage") with { ExpectedVersion = 5 }, []);

        Assert.Equal(1, Assert.IsType<ChangeOutcome.Conflict>(outcome).Current.Version);
        Assert.Single(await Requests.GetHistoryAsync(request.Number));
    }

    [Fact]
    public async Task Apply_UnknownNumber_ReturnsNotFound()
    {
        var request = await FileAsync();

        var outcome = await Changes.ApplyAsync(Change(request, InTriage, "triage") with { Number = new RequestNumber(999_999) }, []);

        Assert.IsType<ChangeOutcome.NotFound>(outcome);
        AssertSameRequest(request, await Requests.GetAsync(request.Number));
        Assert.Empty(await DueKeysAsync());
    }

    [Fact]
    public async Task Apply_TenConcurrentChangesAtOneVersion_ExactlyOneWins()
    {
        var request = await FileAsync();
        var changes = Enumerable.Range(0, 10)
            .Select(i => (
                Change: Change(request, Assigned, "assign") with
                {
                    Assignee = new Person("aad-pro-" + i, "Pro " + i),
                    ChangesAssignee = true,
                    Note = "attempt " + i,
                },
                Notification: Notify(request, "assign-" + i)))
            .ToList();

        var outcomes = await Task.WhenAll(changes.Select(c => Task.Run(() => Changes.ApplyAsync(c.Change, [c.Notification]))));

        var winner = Assert.Single(outcomes.OfType<ChangeOutcome.Applied>()).Request;
        var conflicts = outcomes.OfType<ChangeOutcome.Conflict>().ToList();
        Assert.Equal(9, conflicts.Count);
        Assert.All(conflicts, c => AssertSameRequest(winner, c.Current));
        Assert.Equal(2, winner.Version);
        var history = await Requests.GetHistoryAsync(request.Number);
        Assert.Equal(2, history.Count);
        var index = changes.FindIndex(c => c.Change.Assignee == winner.AssignedTo);
        Assert.Equal("attempt " + index, history[1].Note);
        Assert.Equal(["assign-" + index], await DueKeysAsync());
    }

    [Fact]
    public async Task Apply_ToCompleted_SetsCompletedAtAndHours_AndRatingLaterKeepsThem()
    {
        var working = await InProgressAsync(ProfessionalOne);
        var completedAt = new DateTimeOffset(2025, 3, 12, 17, 45, 10, TimeSpan.FromHours(-5)).AddTicks(1234);
        const decimal hours = 1234567890.123456789m;

        var completed = await AppliedAsync(
            Change(working, Completed, "complete", ProfessionalOne) with { At = completedAt, HoursSpent = hours, Note = "Signed and filed." });
        var rated = await AppliedAsync(Change(completed, Completed, "rate", Requester) with { Rating = 4, Note = "Quick « and » clear 🚀" });

        Assert.True(completed.CompletedAt?.EqualsExact(completedAt), $"CompletedAt was {completed.CompletedAt:o}");
        Assert.Equal(hours, completed.HoursSpent);
        Assert.Null(completed.Rating);
        Assert.Null(completed.RatingComment);
        var listed = Assert.Single((await Requests.ListByRequesterAsync(Requester.AadObjectId, null, 10)).Items);
        foreach (var actual in new[] { rated, await Requests.GetAsync(working.Number), listed })
        {
            Assert.NotNull(actual);
            Assert.True(actual.CompletedAt?.EqualsExact(completedAt), $"CompletedAt was {actual.CompletedAt:o}");
            Assert.Equal(hours, actual.HoursSpent);
            Assert.Equal("1234567890.123456789", actual.HoursSpent?.ToString(CultureInfo.InvariantCulture));
            Assert.Equal(4, actual.Rating);
            Assert.Equal("Quick « and » clear 🚀", actual.RatingComment);
            Assert.Equal(Completed, actual.State);
            Assert.Equal(5, actual.Version);
        }
    }

    [Fact]
    public async Task Apply_RatingAgain_ReplacesRatingAndComment()
    {
        var completed = await CompletedAsync(ProfessionalOne, Start.AddDays(2));
        var first = await AppliedAsync(Change(completed, Completed, "rate", Requester) with { Rating = 2, Note = "Slow." });

        var second = await AppliedAsync(Change(first, Completed, "rate", Requester) with { Rating = 5 });

        Assert.Equal(5, second.Rating);
        Assert.Null(second.RatingComment);
        Assert.Equal(completed.CompletedAt, second.CompletedAt);
        Assert.Equal(2m, second.HoursSpent);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Apply_RatingOutsideOneToFive_IsRejected_AndNothingIsWritten(int rating)
    {
        var completed = await CompletedAsync(ProfessionalOne, Start.AddDays(2));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Changes.ApplyAsync(Change(completed, Completed, "rate", Requester) with { Rating = rating }, []));

        AssertSameRequest(completed, await Requests.GetAsync(completed.Number));
    }

    [Fact]
    public async Task History_IsAppendedInOrder_AndEarlierLinesStayAsTheyWere()
    {
        var request = await FileAsync();
        var assigned = await AssignAsync(request, ProfessionalOne);
        var before = await Requests.GetHistoryAsync(request.Number);
        var accepted = await AppliedAsync(Change(assigned, InProgress, "accept", ProfessionalOne));
        var waiting = await AppliedAsync(Change(accepted, WaitingOnRequester, "ask-requester", ProfessionalOne) with { Note = "Which entity signs?" });
        await AppliedAsync(Change(waiting, InProgress, "answer", Requester) with { Note = "Contoso GmbH." });

        var history = await Requests.GetHistoryAsync(request.Number);

        Assert.Equal(before, history.Take(before.Count));
        Assert.Equal(["created", "assign", "accept", "ask-requester", "answer"], history.Select(h => h.Action));
        Assert.Equal(
            [Submitted, Assigned, InProgress, WaitingOnRequester, InProgress],
            history.Select(h => h.ToState));
        for (var i = 1; i < history.Count; i++)
        {
            Assert.Equal(history[i - 1].ToState, history[i].FromState);
            Assert.True(history[i].At > history[i - 1].At);
        }
    }

    // Outbox

    [Fact]
    public async Task NotificationKeys_AreIdempotent_AcrossEnqueueAndApply()
    {
        var request = await FileAsync();
        await Workflow.EnqueueAsync([Notify(request, "k1", text: "first"), Notify(request, "k1", text: "same call")], Time.GetUtcNow());

        await AppliedAsync(
            Change(request, InTriage, "triage"),
            Notify(request, "k1", text: "from apply"),
            Notify(request, "k2", text: "second"));
        await Workflow.EnqueueAsync([Notify(request, "k2", text: "again"), Notify(request, "k3", text: "third")], Time.GetUtcNow());
        await Workflow.EnqueueAsync([Notify(request, "k3")], Time.GetUtcNow());

        var due = await Workflow.DueAsync(FarFuture, 100);
        Assert.Equal(["k1", "k2", "k3"], due.Select(i => i.Notification.Key));
        Assert.Equal(["first", "second", "third"], due.Select(i => i.Notification.Text));
    }

    [Fact]
    public async Task Enqueue_NothingToSave_DoesNothing()
    {
        await FileAsync();

        await Workflow.EnqueueAsync([], Time.GetUtcNow());

        Assert.Empty(await DueKeysAsync());
    }

    [Fact]
    public async Task Due_ReturnsPendingRowsDueByNow_OldestFirst_ThenInSavedOrder()
    {
        var request = await FileAsync();
        var t = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "at-10")], t.AddMinutes(10));
        await Workflow.EnqueueAsync([Notify(request, "at-0-a"), Notify(request, "at-0-b")], t);
        await Workflow.EnqueueAsync([Notify(request, "at-5")], t.AddMinutes(5));

        Assert.Empty(await Workflow.DueAsync(t.AddTicks(-1), 10));
        Assert.Equal(["at-0-a", "at-0-b"], (await Workflow.DueAsync(t, 10)).Select(i => i.Notification.Key));
        Assert.Equal(["at-0-a", "at-0-b", "at-5"], (await Workflow.DueAsync(t.AddMinutes(9), 10)).Select(i => i.Notification.Key));
        Assert.Equal(["at-0-a", "at-0-b", "at-5", "at-10"], (await Workflow.DueAsync(t.AddMinutes(10), 10)).Select(i => i.Notification.Key));
    }

    [Fact]
    public async Task Due_HoldsBackARecipientsLaterRowsAboutARequest_WhileAnEarlierOneIsRetried()
    {
        var request = await FileAsync();
        var other = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync(
            [Notify(request, "alsp-1"), Notify(request, "alsp-2"), Notify(request, "counsel-1", "aad-counsel"), Notify(other, "alsp-other"), Notify(request, "alsp-3")],
            now);
        var first = (await Workflow.DueAsync(now, 10)).Single(d => d.Notification.Key == "alsp-1");

        await Workflow.MarkRetryAsync(first.Id, now.AddMinutes(1), "HTTP 429");
        var whileWaiting = await Workflow.DueAsync(now, 10);
        var onceDue = await Workflow.DueAsync(now.AddMinutes(1), 10);
        await Workflow.MarkDeliveredAsync(first.Id, now.AddMinutes(1));
        var afterDelivery = await Workflow.DueAsync(now.AddMinutes(1), 10);

        Assert.Equal(["counsel-1", "alsp-other"], whileWaiting.Select(d => d.Notification.Key));
        Assert.Equal(["counsel-1", "alsp-other", "alsp-1"], onceDue.Select(d => d.Notification.Key));
        Assert.Equal(["alsp-2", "counsel-1", "alsp-other", "alsp-3"], afterDelivery.Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task Depth_CountsReleasedUndeliveredRows_AndTheOldest_NotStagedDeliveredOrFailed()
    {
        var request = await FileAsync();
        Assert.Equal(new OutboxDepth(0, null), await Workflow.DepthAsync());
        var first = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "d1"), Notify(request, "d2", "aad-counsel"), Notify(request, "d3", "aad-alsp-two")], first);
        Time.Advance(TimeSpan.FromMinutes(5));
        await Workflow.EnqueueAsync([Notify(request, "d4", "aad-requester")], Time.GetUtcNow());
        await Workflow.StageAsync("in-flight", request.Number, [Notify(request, "d5", "aad-other")], first.AddMinutes(-10));
        var due = await Workflow.DueAsync(Time.GetUtcNow(), 10);

        await Workflow.MarkDeliveredAsync(due.Single(d => d.Notification.Key == "d2").Id, Time.GetUtcNow());
        await Workflow.MarkFailedAsync(due.Single(d => d.Notification.Key == "d3").Id, Time.GetUtcNow(), "HTTP 403");
        await Workflow.MarkRetryAsync(due.Single(d => d.Notification.Key == "d1").Id, Time.GetUtcNow().AddHours(1), "HTTP 429");

        var depth = await Workflow.DepthAsync();
        Assert.Equal(2, depth.Pending);
        Assert.True(depth.OldestSince?.EqualsExact(first) ?? false, $"OldestSince was {depth.OldestSince:o}");
    }

    [Fact]
    public async Task Due_ARecipientsRowGivenUpOn_HoldsNothingBack()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "alsp-1"), Notify(request, "alsp-2")], now);
        var first = (await Workflow.DueAsync(now, 10)).Single(d => d.Notification.Key == "alsp-1");

        await Workflow.MarkRetryAsync(first.Id, now, "HTTP 500");
        await Workflow.MarkFailedAsync(first.Id, now, "HTTP 403");

        Assert.Equal(["alsp-2"], (await Workflow.DueAsync(now, 10)).Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task LastError_IsWhyARetryWaits_AndWhyARowGivenUpOnFailed()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "first"), Notify(request, "second", "aad-counsel")], now);
        var due = await Workflow.DueAsync(now, 10);
        Assert.All(due, d => Assert.Null(d.LastError));

        await Workflow.MarkRetryAsync(due.Single(d => d.Notification.Key == "first").Id, now, "install: Busy");
        await Workflow.MarkRetryAsync(due.Single(d => d.Notification.Key == "second").Id, now, "HTTP 500");
        Assert.Equal("install: Busy", (await Workflow.DueAsync(now, 10)).Single(d => d.Notification.Key == "first").LastError);

        await Workflow.MarkFailedAsync(due.Single(d => d.Notification.Key == "second").Id, now, "install: AppBlocked");
        Assert.Equal("install: AppBlocked", Assert.Single(await Workflow.FailedAsync(request.Number)).LastError);
    }

    [Fact]
    public async Task ForgetFailed_ForgetsOnlyThatKindOfThatRequest_GivenUpOnBeforeTheRowThatDidItsWork()
    {
        var request = await FileAsync();
        var other = await FileAsync();
        var now = Time.GetUtcNow();
        Notification Sharing(LegalRequest about, string key) => new(key, about.Number, "documents", "share-documents", null);
        await Workflow.EnqueueAsync([Sharing(request, "share-1"), Notify(request, "card"), Sharing(other, "other-share"), Sharing(request, "share-2")], now);
        var due = (await Workflow.DueAsync(now, 10)).ToDictionary(d => d.Notification.Key);
        foreach (var key in new[] { "share-1", "card", "other-share" })
        {
            await Workflow.MarkFailedAsync(due[key].Id, now, "HTTP 400");
        }

        await Workflow.MarkDeliveredAsync(due["share-2"].Id, now);
        var forgotten = await Workflow.ForgetFailedAsync(request.Number, "share-documents", due["share-2"].Id);
        var none = await Workflow.ForgetFailedAsync(request.Number, "share-documents", due["share-2"].Id);

        Assert.Equal((1, 0), (forgotten, none));
        Assert.Equal(["card"], (await Workflow.FailedAsync(request.Number)).Select(f => f.Notification.Key));
        Assert.Equal(["other-share"], (await Workflow.FailedAsync(other.Number)).Select(f => f.Notification.Key));
    }

    [Fact]
    public async Task ForgetFailed_KeepsAFailureOfARowQueuedAfterTheOneThatDidItsWork()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([new("share-1", request.Number, "documents", "share-documents", null), new("share-2", request.Number, "documents", "share-documents", null)], now);
        var due = (await Workflow.DueAsync(now, 10)).ToDictionary(d => d.Notification.Key);
        await Workflow.MarkDeliveredAsync(due["share-1"].Id, now);
        await Workflow.MarkFailedAsync(due["share-2"].Id, now, "HTTP 400");

        Assert.Equal(0, await Workflow.ForgetFailedAsync(request.Number, "share-documents", due["share-1"].Id));
        Assert.Equal(["share-2"], (await Workflow.FailedAsync(request.Number)).Select(f => f.Notification.Key));
    }

    [Theory]
    [InlineData(2, 2)]
    [InlineData(0, 1)]
    [InlineData(-3, 1)]
    [InlineData(int.MaxValue, 5)]
    public async Task Due_ReturnsAtMostMax_ClampedToAtLeastOne(int max, int expected)
    {
        var request = await FileAsync();
        await Workflow.EnqueueAsync([.. Enumerable.Range(0, 5).Select(i => Notify(request, "k" + i))], Time.GetUtcNow());

        var due = await Workflow.DueAsync(FarFuture, max);

        Assert.Equal(Enumerable.Range(0, expected).Select(i => "k" + i), due.Select(i => i.Notification.Key));
    }

    [Fact]
    public async Task Due_ComparesInstants_WhateverTheOffset()
    {
        var request = await FileAsync();
        var at = new DateTimeOffset(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);
        await Workflow.EnqueueAsync([Notify(request, "k1")], at.ToOffset(TimeSpan.FromHours(-8)));

        var early = await Workflow.DueAsync(new DateTimeOffset(2025, 3, 4, 11, 30, 0, TimeSpan.FromHours(2)), 10);
        var onTime = await Workflow.DueAsync(new DateTimeOffset(2025, 3, 4, 12, 0, 0, TimeSpan.FromHours(2)), 10);

        Assert.Empty(early);
        Assert.Equal(at, Assert.Single(onTime).NextAttemptAt);
    }

    [Fact]
    public async Task MarkRetry_CountsTheAttempt_AndMakesItDueAgainLater()
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");
        var now = Time.GetUtcNow();

        await Workflow.MarkRetryAsync(item.Id, now.AddMinutes(1), "503 from the channel");
        var whileWaiting = await Workflow.DueAsync(now.AddSeconds(59), 10);
        var retried = Assert.Single(await Workflow.DueAsync(now.AddMinutes(1), 10));
        await Workflow.MarkRetryAsync(item.Id, now.AddMinutes(5), "timeout");
        var again = Assert.Single(await Workflow.DueAsync(now.AddMinutes(5), 10));

        Assert.Empty(whileWaiting);
        Assert.Equal((item.Id, 1, now.AddMinutes(1)), (retried.Id, retried.Attempts, retried.NextAttemptAt));
        Assert.Equal((item.Id, 2, now.AddMinutes(5)), (again.Id, again.Attempts, again.NextAttemptAt));
        Assert.Equal(item.CreatedAt, again.CreatedAt);
        Assert.Equal(item.Notification, again.Notification);
    }

    [Fact]
    public async Task RenewClaims_OnRowsJustReturned_KeepsThemAll_ButNotOnesHandledSince()
    {
        var request = await FileAsync();
        var now = Time.GetUtcNow();
        await Workflow.EnqueueAsync([Notify(request, "k1"), Notify(request, "k2", "aad-counsel")], now);
        var due = await Workflow.DueAsync(now, 10);
        await Workflow.MarkDeliveredAsync(due[1].Id, now);

        var renewed = await Workflow.RenewClaimsAsync([.. due.Select(d => d.Id)], now.AddSeconds(5));

        Assert.Contains(due[0].Id, renewed);
        if (Workflow.ClaimLease is not null)
        {
            // A store that claims renews only what is still pending; one that does not has nothing to refuse.
            Assert.DoesNotContain(due[1].Id, renewed);
        }

        Assert.Empty(await Workflow.RenewClaimsAsync([], now));
    }

    [Fact]
    public async Task MarkDelivered_TakesItOutOfDue_ForGood()
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");

        await Workflow.MarkDeliveredAsync(item.Id, Time.GetUtcNow());
        await Workflow.MarkRetryAsync(item.Id, Time.GetUtcNow(), "late retry");
        await Workflow.MarkFailedAsync(item.Id, Time.GetUtcNow(), "late failure");

        Assert.Empty(await Workflow.DueAsync(FarFuture, 10));
        Assert.Empty(await Workflow.FailedAsync(request.Number));
    }

    [Fact]
    public async Task MarkSent_RecordsTheActivityId_AndTheRowStaysDueWithItUntilDelivered()
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");
        var now = Time.GetUtcNow();

        await Workflow.MarkSentAsync(item.Id, "activity-1");
        var sent = Assert.Single(await Workflow.DueAsync(now, 10));
        await Workflow.MarkRetryAsync(item.Id, now.AddSeconds(1), "store busy");
        var retried = Assert.Single(await Workflow.DueAsync(now.AddSeconds(1), 10));
        await Workflow.MarkDeliveredAsync(item.Id, now.AddSeconds(1));

        Assert.Null(item.ActivityId);
        Assert.Equal(item with { ActivityId = "activity-1" }, sent);
        Assert.Equal(("activity-1", 1), (retried.ActivityId, retried.Attempts));
        Assert.Empty(await Workflow.DueAsync(FarFuture, 10));
    }

    [Fact]
    public async Task MarkSent_KeepsTheFirstId_AndLeavesOtherRowsAndFinalRowsAlone()
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");
        await Workflow.EnqueueAsync([Notify(request, "k2"), Notify(request, "k3")], Time.GetUtcNow());
        var due = await Workflow.DueAsync(Time.GetUtcNow(), 10);
        var failed = due.Single(d => d.Notification.Key == "k3");
        await Workflow.MarkFailedAsync(failed.Id, Time.GetUtcNow(), "HTTP 403");

        await Workflow.MarkSentAsync(item.Id, "activity-1");
        await Workflow.MarkSentAsync(item.Id, "activity-2");
        await Workflow.MarkSentAsync(failed.Id, "activity-3");
        await Workflow.MarkSentAsync(item.Id + 1000, "activity-4");

        var after = await Workflow.DueAsync(Time.GetUtcNow(), 10);
        Assert.Equal([("k1", "activity-1"), ("k2", null)], after.Select(d => (d.Notification.Key, d.ActivityId)));
        Assert.Null(Assert.Single(await Workflow.FailedAsync(request.Number)).ActivityId);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    public async Task MarkSent_WithoutAnActivityId_IsRejected_AndRecordsNothing(string activityId)
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => Workflow.MarkSentAsync(item.Id, activityId));

        Assert.Null(Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10)).ActivityId);
    }

    [Fact]
    public async Task MarkFailed_TakesItOutOfDue_AndListsItAsFailedForItsRequest()
    {
        var request = await FileAsync();
        var other = await FileAsync();
        var item = await SingleDueAsync(request, "k1");
        await Workflow.EnqueueAsync([Notify(other, "k2")], Time.GetUtcNow());
        await Workflow.MarkRetryAsync(item.Id, Time.GetUtcNow(), "503");

        await Workflow.MarkFailedAsync(item.Id, Time.GetUtcNow(), "403: bot removed from the conversation");
        await Workflow.MarkDeliveredAsync(item.Id, Time.GetUtcNow());
        await Workflow.MarkRetryAsync(item.Id, Time.GetUtcNow(), "late retry");

        var failed = Assert.Single(await Workflow.FailedAsync(request.Number));
        Assert.Equal((item.Id, item.Notification, 2), (failed.Id, failed.Notification, failed.Attempts));
        Assert.Empty(await Workflow.FailedAsync(other.Number));
        Assert.Equal(["k2"], await DueKeysAsync());
    }

    [Fact]
    public async Task Marking_AnUnknownId_ChangesNothing()
    {
        var request = await FileAsync();
        var item = await SingleDueAsync(request, "k1");

        await Workflow.MarkDeliveredAsync(item.Id + 1000, Time.GetUtcNow());
        await Workflow.MarkRetryAsync(item.Id + 1000, FarFuture, "x");
        await Workflow.MarkFailedAsync(item.Id + 1000, Time.GetUtcNow(), "x");

        Assert.Equal(item, Assert.Single(await Workflow.DueAsync(Time.GetUtcNow(), 10)));
        Assert.Empty(await Workflow.FailedAsync(request.Number));
    }

    // Addresses and cards

    [Fact]
    public async Task Address_SavedAgainUnderTheSameKey_ReplacesTheOldOne()
    {
        var first = new ConversationAddress("user:aad-alsp-one", "https://smba.example/emea/", "a:1x", "tenant-1", "msteams", "28:bot");
        var moved = new ConversationAddress("user:aad-alsp-one", "https://smba.example/amer/", "a:2y", null, "msteams", "28:bot");
        var other = new ConversationAddress("channel:triage", "https://smba.example/emea/", "19:abc@thread.tacv2", "tenant-1", "msteams", "28:bot");

        Assert.Null(await Workflow.GetAddressAsync(first.Key));
        await Workflow.SaveAddressAsync(first);
        await Workflow.SaveAddressAsync(other);
        var saved = await Workflow.GetAddressAsync(first.Key);
        Time.Advance(TimeSpan.FromHours(1));
        await Workflow.SaveAddressAsync(moved);

        Assert.Equal(first, saved);
        Assert.Equal(moved, await Workflow.GetAddressAsync(first.Key));
        Assert.Equal(other, await Workflow.GetAddressAsync(other.Key));
        Assert.Null(await Workflow.GetAddressAsync("user:aad-nobody"));
    }

    [Fact]
    public async Task Cards_EveryCopyInAChatIsKept_LatestFirst_IdempotentPerActivity()
    {
        var request = await FileAsync();
        var other = await FileAsync();

        await Workflow.SaveCardAsync(new PostedCard(request.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-1"));
        await Workflow.SaveCardAsync(new PostedCard(request.Number, Notification.TriageChannel, "channel:triage", "activity-2"));
        await Workflow.SaveCardAsync(new PostedCard(request.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-3"));
        await Workflow.SaveCardAsync(new PostedCard(request.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-3"));
        await Workflow.SaveCardAsync(new PostedCard(other.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-4"));

        Assert.Equal(
            [
                new PostedCard(request.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-3"),
                new PostedCard(request.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-1"),
                new PostedCard(request.Number, Notification.TriageChannel, "channel:triage", "activity-2"),
            ],
            await Workflow.CardsAsync(request.Number));
        Assert.Equal([new PostedCard(other.Number, "aad-alsp-one", "user:aad-alsp-one", "activity-4")], await Workflow.CardsAsync(other.Number));
        Assert.Empty(await Workflow.CardsAsync(new RequestNumber(999_999)));
    }

    [Fact]
    public async Task Cards_OnlyTheLatestFiveCopiesPerChatAreKept()
    {
        var request = await FileAsync();

        for (var i = 1; i <= 8; i++)
        {
            await Workflow.SaveCardAsync(new PostedCard(request.Number, "aad-counsel", "aad-counsel", $"activity-{i}"));
        }

        Assert.Equal(["activity-8", "activity-7", "activity-6", "activity-5", "activity-4"], (await Workflow.CardsAsync(request.Number)).Select(c => c.ActivityId));
    }

    [Fact]
    public async Task Cards_RememberWhatEachCopyShows_AndAnUnknownCopyIsNotAdded()
    {
        var request = await FileAsync();
        var posted = new PostedCard(request.Number, "aad-counsel", "aad-counsel", "activity-1", "hash-posted");
        var unhashed = new PostedCard(request.Number, "aad-counsel", "aad-counsel", "activity-2");
        await Workflow.SaveCardAsync(posted);
        await Workflow.SaveCardAsync(unhashed);

        await Workflow.SaveCardContentAsync(unhashed, "hash-updated");
        await Workflow.SaveCardAsync(posted with { ContentHash = null });
        await Workflow.SaveCardContentAsync(new PostedCard(request.Number, "aad-counsel", "aad-counsel", "activity-unknown"), "hash-other");

        Assert.Equal(
            [unhashed with { ContentHash = "hash-updated" }, posted],
            await Workflow.CardsAsync(request.Number));
    }

    // Stats and assignee lists

    [Fact]
    public async Task Stats_CountOpenAssignments_AndCompletedOnTimeAndLate()
    {
        var assigned = await AssignAsync(await FileAsync(), ProfessionalOne);
        var working = await InProgressAsync(ProfessionalOne);
        await AppliedAsync(Change(await InProgressAsync(ProfessionalOne), WaitingOnRequester, "ask-requester", ProfessionalOne) with { Note = "?" });
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 14, 17, 0, 0, TimeSpan.Zero));
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 10, 9, 0, 0, TimeSpan.Zero));
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 17, 9, 0, 0, TimeSpan.Zero));
        await AppliedAsync(Change(await AssignAsync(await FileAsync(), ProfessionalOne), Cancelled, "cancel", Requester));
        await AssignAsync(await FileAsync(), ProfessionalTwo);
        await FileAsync();
        var inHouse = await AppliedAsync(Change(await FileAsync(), KeptInHouse, "keep-in-house"));
        await AppliedAsync(Change(inHouse, Completed, "complete") with { Note = "Done in-house." });

        var stats = await Requests.ProfessionalStatsAsync();

        Assert.Equal(2, stats.Count);
        Assert.Equal(new(ProfessionalOne.AadObjectId, 3, 3, 2), stats[ProfessionalOne.AadObjectId]);
        Assert.Equal(new(ProfessionalTwo.AadObjectId, 1, 0, 0), stats[ProfessionalTwo.AadObjectId]);
        Assert.Equal(Assigned, assigned.State);
        Assert.Equal(InProgress, working.State);
    }

    [Fact]
    public async Task Stats_OnTime_TakesTheDateWhereTheWorkWasCompleted()
    {
        // Late evening of the target date in New York is already the next day in UTC: on time.
        await CompletedAsync(ProfessionalOne, new DateTimeOffset(2025, 3, 14, 23, 30, 0, TimeSpan.FromHours(-5)));

        // Just after midnight in Paris on the day after the target is still the target date in UTC: late.
        await CompletedAsync(ProfessionalTwo, new DateTimeOffset(2025, 3, 15, 0, 30, 0, TimeSpan.FromHours(1)));

        var stats = await Requests.ProfessionalStatsAsync();

        Assert.Equal(new(ProfessionalOne.AadObjectId, 0, 1, 1), stats[ProfessionalOne.AadObjectId]);
        Assert.Equal(new(ProfessionalTwo.AadObjectId, 0, 1, 0), stats[ProfessionalTwo.AadObjectId]);
    }

    [Fact]
    public async Task QueuedKeys_AreTheReleasedOnesAmongThoseAsked_PendingDeliveredOrFailed_NotStagedOrUnknown()
    {
        var request = await FileAsync();
        await Workflow.EnqueueAsync([Notify(request, "pending"), Notify(request, "delivered"), Notify(request, "failed")], Time.GetUtcNow());
        await Workflow.StageAsync("change-1", request.Number, [Notify(request, "staged")], Time.GetUtcNow());
        var due = await Workflow.DueAsync(FarFuture, 10);
        await Workflow.MarkDeliveredAsync(due.Single(d => d.Notification.Key == "delivered").Id, Time.GetUtcNow());
        await Workflow.MarkFailedAsync(due.Single(d => d.Notification.Key == "failed").Id, Time.GetUtcNow(), "gone");

        var queued = await Workflow.QueuedKeysAsync(["pending", "delivered", "failed", "staged", "never", "it's; -- 'odd' \"key\""]);

        Assert.Equal(["delivered", "failed", "pending"], queued.Order(StringComparer.Ordinal));
        Assert.Empty(await Workflow.QueuedKeysAsync([]));
        Assert.Equal(1000, (await Workflow.QueuedKeysAsync([.. Enumerable.Range(0, 1000).Select(i => $"k{i}").Append("pending")])).Count + 999);
    }

    [Fact]
    public async Task Apply_WithATargetDate_MovesTheDueDate_ItsHistoryLineKeepsIt_AndLaterChangesKeepIt()
    {
        var request = await FileAsync();
        var earlier = Target.AddDays(-3);

        var moved = await AppliedAsync(Change(request, Submitted, "acceptRequestedDate") with { TargetDate = earlier });
        var assigned = await AssignAsync(moved, ProfessionalOne);

        Assert.Equal((earlier, Submitted, 2), (moved.TargetDate, moved.State, moved.Version));
        Assert.Equal(earlier, assigned.TargetDate);
        Assert.Equal(earlier, (await Requests.GetAsync(request.Number))!.TargetDate);
        var history = await Requests.GetHistoryAsync(request.Number);
        Assert.Equal([null, earlier, null], history.Select(h => h.TargetDate));
        Assert.Equal(("acceptRequestedDate", (RequestState?)Submitted, Submitted), (history[1].Action, history[1].FromState, history[1].ToState));
    }

    [Fact]
    public async Task Stats_OnTime_CountsAgainstAMovedTargetDate()
    {
        // Completed on the original target date, two days after the date it was moved to: late.
        var moved = await AppliedAsync(Change(await FileAsync(), Submitted, "acceptRequestedDate") with { TargetDate = Target.AddDays(-2) });
        var working = await AppliedAsync(Change(await AssignAsync(moved, ProfessionalOne), InProgress, "accept", ProfessionalOne));
        await AppliedAsync(Change(working, Completed, "complete", ProfessionalOne) with { At = new DateTimeOffset(2025, 3, 14, 9, 0, 0, TimeSpan.Zero), HoursSpent = 1m, Note = "Signed." });

        Assert.Equal(new(ProfessionalOne.AadObjectId, 0, 1, 0), (await Requests.ProfessionalStatsAsync())[ProfessionalOne.AadObjectId]);
    }

    [Fact]
    public async Task Requests_KeepTheirPausesAsTheirHistoryGivesThem_AlsoInListings()
    {
        var working = await InProgressAsync(ProfessionalOne);
        Assert.Equal(PauseLog.None, working.Pauses);

        var asked = await AppliedAsync(Change(working, WaitingOnRequester, "askRequester", ProfessionalOne) with { Note = "Which entity signs?" });
        var waiting = Assert.Single(asked.Pauses!.Items);
        Assert.Null(waiting.End);
        var answered = await AppliedAsync(Change(asked, InProgress, "answer", Requester) with { Note = "Contoso Ltd." });
        var again = await AppliedAsync(Change(answered, WaitingOnRequester, "askRequester", ProfessionalOne) with { Note = "And the term?" });

        var fromHistory = new PauseLog(ServiceLevels.PausesOf(await Requests.GetHistoryAsync(working.Number)));
        Assert.Equal(2, fromHistory.Items.Count);
        Assert.Equal(fromHistory, again.Pauses);
        Assert.Equal(fromHistory, (await Requests.GetAsync(working.Number))!.Pauses);
        Assert.Equal(fromHistory, (await Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, null, 10)).Items.Single(r => r.Number == working.Number).Pauses);
        Assert.Equal(fromHistory, (await Requests.ListByRequesterAsync(Requester.AadObjectId, null, 10)).Items.Single(r => r.Number == working.Number).Pauses);
    }

    [Fact]
    public async Task Stats_WithNothingAssigned_AreEmpty()
    {
        await FileAsync();

        Assert.Empty(await Requests.ProfessionalStatsAsync());
    }

    [Fact]
    public async Task ListByAssignee_ReturnsUnfinishedAssignmentsNewestFirst_WithPaging()
    {
        var first = await AssignAsync(await FileAsync(), ProfessionalOne);
        await CompletedAsync(ProfessionalOne, Start.AddDays(3));
        var second = await InProgressAsync(ProfessionalOne);
        var third = await AppliedAsync(Change(await InProgressAsync(ProfessionalOne), WaitingOnRequester, "ask-requester", ProfessionalOne) with { Note = "?" });
        await AppliedAsync(Change(await AssignAsync(await FileAsync(), ProfessionalOne), Cancelled, "cancel", Requester));
        var movedToSecond = await AppliedAsync(
            Change(await AssignAsync(await FileAsync(), ProfessionalOne), Assigned, "reassign") with { Assignee = ProfessionalTwo, ChangesAssignee = true });
        await AppliedAsync(Change(await AssignAsync(await FileAsync(), ProfessionalOne), InTriage, "decline", ProfessionalOne) with { ChangesAssignee = true, Note = "No." });
        var quinns = await AssignAsync(await FileAsync(), ProfessionalTwo);

        var all = await Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, null, 10);
        var page1 = await Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, null, 2);
        var page2 = await Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, page1.ContinuationToken, 2);

        Assert.Equal([third.Number, second.Number, first.Number], all.Items.Select(r => r.Number));
        AssertSameRequest(third, all.Items[0]);
        AssertSameRequest(second, all.Items[1]);
        AssertSameRequest(first, all.Items[2]);
        Assert.Equal([third.Number, second.Number], page1.Items.Select(r => r.Number));
        Assert.Equal([first.Number], page2.Items.Select(r => r.Number));
        Assert.False(all.HasMore);
        Assert.True(page1.HasMore);
        Assert.False(page2.HasMore);
        Assert.Equal([quinns.Number, movedToSecond.Number], (await Requests.ListByAssigneeAsync(ProfessionalTwo.AadObjectId, null, 10)).Items.Select(r => r.Number));
        Assert.Empty((await Requests.ListByAssigneeAsync("aad-nobody", null, 10)).Items);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(2, 2)]
    public async Task ListByAssignee_ClampsTakeToAtLeastOne(int take, int expectedTake)
    {
        await AssignAsync(await FileAsync(), ProfessionalOne);
        await AssignAsync(await FileAsync(), ProfessionalOne);
        await AssignAsync(await FileAsync(), ProfessionalOne);

        var page = await Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, null, take);

        Assert.Equal(expectedTake, page.Items.Count);
        Assert.True(page.HasMore);
    }

    [Fact]
    public async Task ListByAssignee_WithATokenItDidNotIssue_IsRejected()
    {
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Requests.ListByAssigneeAsync(ProfessionalOne.AadObjectId, "forged", 10));
    }
}
