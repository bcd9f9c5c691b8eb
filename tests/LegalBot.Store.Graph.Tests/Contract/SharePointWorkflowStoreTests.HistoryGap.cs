using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Testing.Graph;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// What only the SharePoint store has to close: an item and its history line are two writes (one <c>$batch</c>, the
/// line depending on the item), so Graph can take the item and then fail the line. The change stays held in the
/// outbox (the write did not answer), and the reconciler, finding the change on the item, writes the missing line
/// from the item; the line is then there once, whatever retries follow.
/// </summary>
public sealed partial class SharePointWorkflowStoreTests
{
    private static readonly TimeSpan ReconcileGrace = TimeSpan.FromMinutes(2);

    /// <summary>Graph takes every write but the history list's, which fails on the service's side (sent alone again, too).</summary>
    private void FailHistoryWrites() =>
        Backend.Server.AddFault(new GraphFault(500, Method: "POST", PathContains: "/lists/Legal Request History/items", Times: int.MaxValue));

    private async Task<IReadOnlyList<OutboxItem>> DueNowAsync() => await Workflow.DueAsync(Time.GetUtcNow().AddYears(1), 100);

    /// <summary>The filing's triage cards are due, each once, for the request's number.</summary>
    private async Task AssertDueOnceAsync(Notification[] cards, RequestNumber number)
    {
        var due = await DueNowAsync();
        Assert.Equal(cards.Select(c => c.Key).Order(), due.Select(d => d.Notification.Key).Order());
        Assert.All(due, d => Assert.Equal(number, d.Notification.Number));
    }

    [Fact]
    public async Task AHistoryLineLostAfterTheItemWrite_IsWrittenByTheReconciler_Once_AndARetryWritesNothingTwice()
    {
        var request = await FileAsync();
        var change = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true, Note = "Needs a quick turnaround." };

        FailHistoryWrites();
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Changes.ApplyAsync(change, [Notify(request, "assigned")]));
        Backend.Server.ClearFaults();

        // The item took the change; its history line is missing and its notification held.
        Assert.Equal(Assigned, (await Requests.GetAsync(request.Number))!.State);
        Assert.Equal(["created"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
        Assert.Empty(await DueNowAsync());

        Time.Advance(ReconcileGrace);
        Assert.Equal(new ReconcileResult(1, 0), await Changes.ReconcileAsync(ReconcileGrace));

        var history = await Requests.GetHistoryAsync(request.Number);
        Assert.Equal(["created", "assign"], history.Select(h => h.Action));
        var line = history[1];
        Assert.Equal((change.At, change.Actor, Submitted, Assigned, change.Note, (Person?)ProfessionalOne), (line.At, line.Actor, line.FromState!.Value, line.ToState, line.Note, line.Assignee));
        Assert.Equal(["assigned"], (await DueNowAsync()).Select(d => d.Notification.Key));

        // The same change id again (a retry, another reconciler pass) writes nothing more.
        var again = Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(change));
        Assert.Equal(request.Number, await Requests.FindChangeAsync(change.ChangeId));
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(ReconcileGrace));

        Assert.Equal(request.Version + 1, again.Request.Version);
        Assert.Equal(2, (await Requests.GetHistoryAsync(request.Number)).Count);
        Assert.Single(await DueNowAsync());
    }

    [Fact]
    public async Task AHistoryLineLostAfterTheItemWrite_IsWrittenByTheNextChange_BeforeItsOwn_AndTheReconcilerThenReleasesTheFirst()
    {
        var request = await FileAsync();
        var assign = Change(request, Assigned, "assign") with { Assignee = ProfessionalOne, ChangesAssignee = true };

        FailHistoryWrites();
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Changes.ApplyAsync(assign, [Notify(request, "assigned")]));
        Backend.Server.ClearFaults();

        // Before any reconciler pass, the professional accepts: that change replaces the item's change id and the line it carries.
        var accept = Change(request, InProgress, "accept", ProfessionalOne) with { ExpectedVersion = request.Version + 1 };
        var accepted = Assert.IsType<ChangeOutcome.Applied>(await Changes.ApplyAsync(accept, [Notify(request, "accepted", Counsel.AadObjectId)]));
        Time.Advance(ReconcileGrace);
        Assert.Equal(new ReconcileResult(1, 0), await Changes.ReconcileAsync(ReconcileGrace));

        Assert.Equal(request.Version + 2, accepted.Request.Version);
        var history = await Requests.GetHistoryAsync(request.Number);
        Assert.Equal(["created", "assign", "accept"], history.Select(h => h.Action));
        Assert.Equal((Submitted, Assigned, assign.Actor), (history[1].FromState!.Value, history[1].ToState, history[1].Actor));
        Assert.Equal(["accepted", "assigned"], (await DueNowAsync()).Select(d => d.Notification.Key).Order());
    }

    [Fact]
    public async Task AHistoryLineLostAfterTheItemWrite_IsWrittenByARetryOfTheSameChange_AndTheReconcilerThenWritesNothing()
    {
        var request = await FileAsync();
        var change = Change(request, InTriage, "triage");

        FailHistoryWrites();
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Changes.ApplyAsync(change, [Notify(request, "triaged")]));
        Backend.Server.ClearFaults();

        Assert.IsType<ChangeOutcome.Applied>(await Changes.ApplyAsync(change, [Notify(request, "triaged")]));
        Time.Advance(ReconcileGrace);
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(ReconcileGrace));
        Assert.Equal(request.Number, await Requests.FindChangeAsync(change.ChangeId));

        Assert.Equal(["created", "triage"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
        Assert.Equal(["triaged"], (await DueNowAsync()).Select(d => d.Notification.Key));
    }

    [Fact]
    public async Task AFilingsCreatedLineLostAfterTheNumberWrite_IsWrittenByTheReconciler_Once_AndTheUsersRetryFilesNothingMore()
    {
        var filing = Filing("key-history-lost", Time.GetUtcNow());
        var cards = Triage(filing.SubmissionKey);

        FailHistoryWrites();
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Changes.CreateAsync(filing, cards));
        Backend.Server.ClearFaults();
        var filed = Assert.IsType<LegalRequest>(await Requests.FindBySubmissionKeyAsync(filing.SubmissionKey));
        Assert.Empty(await Requests.GetHistoryAsync(filed.Number));

        Time.Advance(ReconcileGrace);
        Assert.Equal(new ReconcileResult(1, 0), await Changes.ReconcileAsync(ReconcileGrace));
        var created = Assert.Single(await Requests.GetHistoryAsync(filed.Number));
        Assert.Equal(("created", Requester, filing.At, (RequestState?)null, Submitted), (created.Action, created.Actor, created.At, created.FromState, created.ToState));

        var retried = await Changes.CreateAsync(filing, cards);
        Assert.Equal(filed.Number, await Requests.FindChangeAsync(filing.SubmissionKey));

        Assert.False(retried.Created);
        Assert.Equal(filed.Number, retried.Request.Number);
        Assert.Single(await Requests.GetHistoryAsync(filed.Number));
        await AssertDueOnceAsync(cards, filed.Number);
    }

    [Fact]
    public async Task AFilingsCreatedLineLostAfterTheNumberWrite_IsWrittenByTheUsersRetry_AndTheReconcilerThenWritesNothing()
    {
        var filing = Filing("key-history-retried", Time.GetUtcNow());
        var cards = Triage(filing.SubmissionKey);

        FailHistoryWrites();
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Changes.CreateAsync(filing, cards));
        Backend.Server.ClearFaults();
        var retried = await Changes.CreateAsync(filing, cards);
        Time.Advance(ReconcileGrace);
        Assert.Equal(new ReconcileResult(0, 0), await Changes.ReconcileAsync(ReconcileGrace));

        Assert.False(retried.Created);
        Assert.Equal("created", Assert.Single(await Requests.GetHistoryAsync(retried.Request.Number)).Action);
        await AssertDueOnceAsync(cards, retried.Request.Number);
    }
}
