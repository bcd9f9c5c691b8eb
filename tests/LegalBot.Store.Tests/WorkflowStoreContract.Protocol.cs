using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Store.Tests;

/// <summary>
/// The change/outbox protocol (<see cref="RequestChanges"/>) over the two stores: idempotent changes, staged
/// notifications, and the reconciler settling what a crash between two steps left.
/// </summary>
public abstract partial class WorkflowStoreContract<TBackend>
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(2);

    protected static NewRequest Filing(string key, DateTimeOffset at) => new(
        key,
        new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester,
        "tenant-1",
        at,
        Target);

    protected static Notification[] Triage(string key) =>
        [new($"new:{key}:channel", default, Notification.TriageChannel, "card", null), new($"new:{key}:aad-counsel", default, Counsel.AadObjectId, "card", null)];

    private async Task<List<OutboxItem>> DueAsync() => [.. await Workflow.DueAsync(FarFuture, 500)];

    [Fact]
    public async Task Apply_TheSameChangeIdTwice_WritesOnce_AndAppliesBothTimes()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");

        var first = Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(change));
        var again = Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(change));

        Assert.Equal(request.Version + 1, first.Request.Version);
        Assert.Equal(first.Request.Version, again.Request.Version);
        Assert.Equal(2, (await Requests.GetHistoryAsync(request.Number)).Count);
    }

    [Fact]
    public async Task FindChange_FindsAppliedChangesAndFilings_AndNothingElse()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");
        await Requests.ApplyAsync(change);
        var refused = Change(request, Cancelled, "cancel");
        Assert.IsType<ChangeOutcome.Conflict>(await Requests.ApplyAsync(refused));
        var filed = await Requests.CreateAsync(Filing("key-find", Time.GetUtcNow()));

        Assert.Equal(request.Number, await Requests.FindChangeAsync(change.ChangeId));
        Assert.Equal(filed.Request.Number, await Requests.FindChangeAsync("key-find"));
        Assert.Null(await Requests.FindChangeAsync(refused.ChangeId));
        Assert.Null(await Requests.FindChangeAsync("never-written"));
    }

    [Fact]
    public async Task Staged_IsNotDue_UntilReleased_AndDropKeepsWhatWasReleased()
    {
        var request = await FileAsync();
        await Workflow.StageAsync("c1", request.Number, [Notify(request, "n1")], Time.GetUtcNow());
        await Workflow.StageAsync("c2", request.Number, [Notify(request, "n2")], Time.GetUtcNow());
        Assert.Empty(await DueAsync());

        await Workflow.ReleaseAsync("c1", request.Number);
        await Workflow.ReleaseAsync("c1", request.Number);
        await Workflow.DropAsync("c1");
        await Workflow.DropAsync("c2");
        await Workflow.ReleaseAsync("c2", request.Number);

        Assert.Equal(["n1"], (await DueAsync()).Select(d => d.Notification.Key));
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));
    }

    [Fact]
    public async Task Staged_TwoRacingChangesOwingTheSameKey_TheWinnersNotificationSurvivesTheLosersDrop()
    {
        // Two people press "assign" on the same version at once: both changes owe the requester the same keyed
        // notice, each staged under its own change id. Whoever staged first, the change that lands keeps its notice.
        var request = await FileAsync();
        await Workflow.StageAsync("loser", request.Number, [Notify(request, "LR:v1:text:requester", text: "assigned to One")], Time.GetUtcNow());
        await Workflow.StageAsync("winner", request.Number, [Notify(request, "LR:v1:text:requester", text: "assigned to Two")], Time.GetUtcNow());

        await Workflow.DropAsync("loser");
        await Workflow.ReleaseAsync("winner", request.Number);

        var due = Assert.Single(await DueAsync());
        Assert.Equal("assigned to Two", due.Notification.Text);
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));
    }

    [Fact]
    public async Task Staged_ReleasingAKeyAlreadyQueued_QueuesItOnce()
    {
        // A change written twice (a retry with the same change id) stages its notifications twice.
        var request = await FileAsync();
        await Workflow.StageAsync("c1", request.Number, [Notify(request, "k1", text: "first")], Time.GetUtcNow());
        await Workflow.ReleaseAsync("c1", request.Number);
        await Workflow.StageAsync("c1", request.Number, [Notify(request, "k1", text: "first")], Time.GetUtcNow());
        await Workflow.StageAsync("c2", request.Number, [Notify(request, "k1", text: "second")], Time.GetUtcNow());
        await Workflow.ReleaseAsync("c1", request.Number);
        await Workflow.ReleaseAsync("c2", request.Number);

        Assert.Equal("first", Assert.Single(await DueAsync()).Notification.Text);
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));
    }

    [Fact]
    public async Task Staged_ListsChangesHeldSinceTheGivenTime_OldestFirst()
    {
        var request = await FileAsync();
        await Workflow.StageAsync("older", request.Number, [Notify(request, "n1"), Notify(request, "n2", "aad-alsp-two")], Time.GetUtcNow());
        Time.Advance(TimeSpan.FromMinutes(1));
        await Workflow.StageAsync("newer", null, [Notify(request, "n3")], Time.GetUtcNow());

        Assert.Equal(["older"], (await Workflow.StagedAsync(Time.GetUtcNow() - TimeSpan.FromSeconds(30), 10)).Select(s => s.ChangeId));
        Assert.Equal(["older", "newer"], (await Workflow.StagedAsync(Time.GetUtcNow(), 10)).Select(s => s.ChangeId));
    }

    [Fact]
    public async Task Protocol_AConflict_DropsTheChangesNotifications()
    {
        var request = await FileAsync();
        await AppliedAsync(Change(request, InTriage, "triage"));

        var outcome = await Changes.ApplyAsync(Change(request, Cancelled, "cancel"), [Notify(request, "stale")]);

        Assert.IsType<ChangeOutcome.Conflict>(outcome);
        Assert.Empty(await DueAsync());
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));
    }

    [Fact]
    public async Task Protocol_ARetriedChange_DeliversItsNotificationsOnce()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");

        await Changes.ApplyAsync(change, [Notify(request, "n1")]);
        var again = await Changes.ApplyAsync(change, [Notify(request, "n1")]);

        Assert.IsType<ChangeOutcome.Applied>(again);
        Assert.Equal(["n1"], (await DueAsync()).Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task Reconcile_CrashAfterTheWrite_ReleasesTheNotifications_OnlyAfterTheGracePeriod()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");
        await Workflow.StageAsync(change.ChangeId, change.Number, [Notify(request, "n1")], Time.GetUtcNow());
        await Requests.ApplyAsync(change);

        Time.Advance(Grace - TimeSpan.FromSeconds(1));
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(Grace));
        Assert.Empty(await DueAsync());

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new ReconcileResult(1, 0), await Changes.ReconcileAsync(Grace));
        Assert.Equal(["n1"], (await DueAsync()).Select(d => d.Notification.Key));
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(Grace));
    }

    [Fact]
    public async Task Reconcile_ByThisInstanceDuringAWriteSlowerThanTheGracePeriod_LeavesTheChangeAlone_AndItsNotificationsGoOnce()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");
        ReconcileResult? meanwhile = null;
        RequestChanges? changes = null;
        changes = new RequestChanges(Requests, Workflow, Time, new StepHook(async step =>
        {
            if (step == ChangeSteps.Staged)
            {
                // The write is slow (a throttled list, a loaded machine): the grace period passes before it lands.
                Time.Advance(Grace + TimeSpan.FromSeconds(1));
                meanwhile = await changes!.ReconcileAsync(Grace);
            }
        }));

        Assert.IsType<ChangeOutcome.Applied>(await changes.ApplyAsync(change, [Notify(request, "n1")]));

        Assert.Equal(new ReconcileResult(0, 0), meanwhile);
        Assert.Equal(["n1"], (await DueAsync()).Select(d => d.Notification.Key));
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));
    }

    [Fact]
    public async Task Reconcile_ByAnotherInstanceDuringAWriteSlowerThanTheGracePeriod_DropsTheNotifications_AndTheWriterQueuesThemAgainOnce()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");
        ReconcileResult? meanwhile = null;
        var writer = new RequestChanges(Requests, Workflow, Time, new StepHook(async step =>
        {
            if (step == ChangeSteps.Staged)
            {
                // Another instance looks at the change before the slow write lands: not in the list yet, dropped.
                Time.Advance(Grace + TimeSpan.FromSeconds(1));
                meanwhile = await new RequestChanges(Requests, Workflow, Time).ReconcileAsync(Grace);
            }
        }));

        Assert.IsType<ChangeOutcome.Applied>(await writer.ApplyAsync(change, [Notify(request, "n1"), Notify(request, "n2", "aad-alsp-two")]));

        Assert.Equal(new ReconcileResult(0, 1), meanwhile);
        Assert.Equal(["n1", "n2"], (await DueAsync()).Select(d => d.Notification.Key).Order());
        Assert.Empty(await Workflow.StagedAsync(FarFuture, 10));

        // Written again (the same change id), nothing is queued twice.
        Assert.IsType<ChangeOutcome.Applied>(await new RequestChanges(Requests, Workflow, Time).ApplyAsync(change, [Notify(request, "n1"), Notify(request, "n2", "aad-alsp-two")]));
        Assert.Equal(["n1", "n2"], (await DueAsync()).Select(d => d.Notification.Key).Order());
    }

    [Fact]
    public async Task Reconcile_ByAnotherInstanceDuringAFilingSlowerThanTheGracePeriod_TheWriterQueuesItsTriageCardsAgainOnce()
    {
        var filing = Filing("key-slow", Time.GetUtcNow());
        var writer = new RequestChanges(Requests, Workflow, Time, new StepHook(async step =>
        {
            if (step == ChangeSteps.Staged)
            {
                Time.Advance(Grace + TimeSpan.FromSeconds(1));
                Assert.Equal(new ReconcileResult(0, 1), await new RequestChanges(Requests, Workflow, Time).ReconcileAsync(Grace));
            }
        }));

        var created = await writer.CreateAsync(filing, Triage("key-slow"));

        var due = await DueAsync();
        Assert.Equal(["new:key-slow:aad-counsel", "new:key-slow:channel"], due.Select(d => d.Notification.Key).Order());
        Assert.All(due, d => Assert.Equal(created.Request.Number, d.Notification.Number));
    }

    /// <summary>Runs <paramref name="after"/> after each step of a change (what happens meanwhile elsewhere).</summary>
    private sealed class StepHook(Func<string, Task> after) : IChangeStepHook
    {
        public async ValueTask AfterAsync(string step, CancellationToken cancellationToken) => await after(step);
    }

    [Fact]
    public async Task Reconcile_CrashBeforeTheWrite_DropsTheNotifications_AndTheRetryDeliversThemOnce()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");
        await Workflow.StageAsync(change.ChangeId, change.Number, [Notify(request, "n1")], Time.GetUtcNow());

        Time.Advance(Grace);
        Assert.Equal(new ReconcileResult(0, 1), await Changes.ReconcileAsync(Grace));
        Assert.Empty(await DueAsync());
        Assert.Equal(request.Version, (await Requests.GetAsync(request.Number))!.Version);

        Assert.IsType<ChangeOutcome.Applied>(await Changes.ApplyAsync(change with { ChangeId = "retry" }, [Notify(request, "n1")]));
        Assert.Equal(["n1"], (await DueAsync()).Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task Reconcile_AFilingCrashedAfterTheWrite_ReleasesTheTriageCardsForTheNewNumber()
    {
        var filing = Filing("key-crash", Time.GetUtcNow());
        await Workflow.StageAsync(filing.SubmissionKey, null, Triage("key-crash"), Time.GetUtcNow());
        var created = await Requests.CreateAsync(filing);

        Time.Advance(Grace);
        Assert.Equal(new ReconcileResult(1, 0), await Changes.ReconcileAsync(Grace));

        var due = await DueAsync();
        Assert.Equal(["new:key-crash:aad-counsel", "new:key-crash:channel"], due.Select(d => d.Notification.Key).Order());
        Assert.All(due, d => Assert.Equal(created.Request.Number, d.Notification.Number));
    }

    [Fact]
    public async Task Reconcile_AFilingCrashedBeforeTheWrite_DropsItsCards_AndTheUsersRetryFilesItOnce()
    {
        var filing = Filing("key-lost", Time.GetUtcNow());
        await Workflow.StageAsync(filing.SubmissionKey, null, Triage("key-lost"), Time.GetUtcNow());
        Time.Advance(Grace);
        Assert.Equal(new ReconcileResult(0, 1), await Changes.ReconcileAsync(Grace));
        Assert.Empty(await DueAsync());

        var retried = await Changes.CreateAsync(filing, Triage("key-lost"));
        var doubleClick = await Changes.CreateAsync(filing, Triage("key-lost"));

        Assert.True(retried.Created);
        Assert.False(doubleClick.Created);
        Assert.Equal(2, (await DueAsync()).Count);
    }

    [Fact]
    public async Task Protocol_ARetriedFilingAfterACrashBeforeTheRelease_ReleasesTheFirstCardsOnce()
    {
        var filing = Filing("key-twice", Time.GetUtcNow());
        await Workflow.StageAsync(filing.SubmissionKey, null, Triage("key-twice"), Time.GetUtcNow());
        var first = await Requests.CreateAsync(filing);

        var retried = await Changes.CreateAsync(filing, Triage("key-twice"));

        Assert.False(retried.Created);
        Assert.Equal(first.Request.Number, retried.Request.Number);
        Assert.Equal(2, (await DueAsync()).Count);
        Time.Advance(Grace);
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(Grace));
    }
}
