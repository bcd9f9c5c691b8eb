using System.Globalization;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>The metrics' facts as every <see cref="IRequestFacts"/> reads them from requests and their history, run against each backend.</summary>
public abstract class RequestFactsContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    protected static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    protected static readonly Person Requester = new("aad-requester", "Business Requester");
    protected static readonly Person Staff = new("aad-staff", "Legal Counsel");
    protected static readonly Person Alsp = new("aad-alsp", "ALSP Professional One");
    protected static readonly Person OtherAlsp = new("aad-alsp-2", "ALSP Professional Two");

    protected async Task<LegalRequest> FileAsync(string key, DateTimeOffset at, string type = "nda") => (await Requests.CreateAsync(new NewRequest(
        key,
        new RequestDraft { TypeKey = type, Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester,
        null,
        at,
        DateOnly.FromDateTime(at.UtcDateTime).AddDays(3)))).Request;

    /// <summary>A time with its offset and every digit, to compare exactly (DateTimeOffset equality ignores the offset).</summary>
    protected static string Exact(DateTimeOffset? at) => at?.ToString("o", CultureInfo.InvariantCulture) ?? "none";

    [Fact]
    public async Task ACompletedRequest_CarriesItsTriageAssignmentAcceptanceWaitsAndOutcome()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(2), Alsp);
        request = await MoveAsync(request, "decline", RequestState.InTriage, Alsp, Monday.AddHours(3));
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(4), OtherAlsp);
        request = await MoveAsync(request, "accept", RequestState.InProgress, OtherAlsp, Monday.AddHours(6));
        request = await MoveAsync(request, "askRequester", RequestState.WaitingOnRequester, OtherAlsp, Monday.AddDays(1));
        request = await MoveAsync(request, "answer", RequestState.InProgress, Requester, Monday.AddDays(2));
        request = await MoveAsync(request, "complete", RequestState.Completed, OtherAlsp, Monday.AddDays(3), hours: 7.25m);
        await MoveAsync(request, "rate", RequestState.Completed, Requester, Monday.AddDays(4), rating: 4);

        var found = Assert.Single(await Facts.FactsAsync(Monday.AddDays(-1), Monday.AddDays(10)));

        Assert.Equal(request.Number, found.Number);
        Assert.Equal(("nda", RequestState.Completed, Monday, new DateOnly(2026, 11, 19)), (found.TypeKey, found.State, found.FiledAt, found.TargetDate));
        Assert.Equal(Monday.AddHours(2), found.TriagedAt);
        Assert.Equal((Monday.AddHours(4), Monday.AddHours(6), OtherAlsp.AadObjectId), (found.AssignedAt, found.AcceptedAt, found.AcceptedBy));
        Assert.Equal((Monday.AddDays(3), OtherAlsp.AadObjectId, 7.25m, 4), (found.CompletedAt, found.AssigneeId, found.HoursSpent, found.Rating));
        Assert.Equal([new Pause(Monday.AddDays(1), Monday.AddDays(2))], found.Pauses);
        Assert.Equal(
            [
                new Assignment(Alsp.AadObjectId, Alsp.Name, Monday.AddHours(2), DeclinedAt: Monday.AddHours(3)),
                new Assignment(OtherAlsp.AadObjectId, OtherAlsp.Name, Monday.AddHours(4), AcceptedAt: Monday.AddHours(6)),
            ],
            found.Assignments);
    }

    [Fact]
    public async Task AnAcceptedRequestedDate_IsTheTargetDateTheFactsCarry()
    {
        var request = await FileAsync("k1", Monday);
        var moved = Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(new RequestChange
        {
            ChangeId = Guid.NewGuid().ToString("N"),
            Number = request.Number,
            ExpectedVersion = request.Version,
            To = RequestState.Submitted,
            Actor = Staff,
            Action = "acceptRequestedDate",
            At = Monday.AddHours(1),
            TargetDate = new DateOnly(2026, 11, 17),
        })).Request;
        await MoveAsync(moved, "keepInHouse", RequestState.KeptInHouse, Staff, Monday.AddHours(2));

        var found = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));

        Assert.Equal(new DateOnly(2026, 11, 17), found.TargetDate);
    }

    [Fact]
    public async Task AReassignment_LeavesTheAssignmentBeforeItUnanswered()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        request = await MoveAsync(request, "reassign", RequestState.Assigned, Staff, Monday.AddHours(2), OtherAlsp);
        await MoveAsync(request, "accept", RequestState.InProgress, OtherAlsp, Monday.AddHours(3));

        var found = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));

        Assert.Equal(
            [
                new Assignment(Alsp.AadObjectId, Alsp.Name, Monday.AddHours(1)),
                new Assignment(OtherAlsp.AadObjectId, OtherAlsp.Name, Monday.AddHours(2), AcceptedAt: Monday.AddHours(3)),
            ],
            found.Assignments);
    }

    [Fact]
    public async Task ARequestAssignedInThePeriod_IsTaken_ThoughFiledBeforeAndClosedSince()
    {
        var request = await FileAsync("k1", Monday.AddDays(-40));
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddDays(-10), Alsp);
        request = await MoveAsync(request, "decline", RequestState.InTriage, Alsp, Monday.AddDays(-9));
        await MoveAsync(request, "reject", RequestState.Rejected, Staff, Monday.AddDays(-8));

        var inPeriod = await Facts.FactsAsync(Monday.AddDays(-30), Monday);
        var before = await Facts.FactsAsync(Monday.AddDays(-60), Monday.AddDays(-45));

        Assert.Equal(request.Number, Assert.Single(inPeriod).Number);
        Assert.Empty(before);
    }

    [Fact]
    public async Task ThePeriod_TakesRequestsFiledOrCompletedInIt_AndEveryOpenOne()
    {
        var old = await FileAsync("old-open", Monday.AddDays(-90));
        var oldDone = await FileAsync("old-done", Monday.AddDays(-90));
        oldDone = await MoveAsync(oldDone, "keepInHouse", RequestState.KeptInHouse, Staff, Monday.AddDays(-89));
        await MoveAsync(oldDone, "complete", RequestState.Completed, Staff, Monday.AddDays(-80));
        var doneInPeriod = await FileAsync("done-in-period", Monday.AddDays(-60));
        doneInPeriod = await MoveAsync(doneInPeriod, "keepInHouse", RequestState.KeptInHouse, Staff, Monday.AddDays(-59));
        await MoveAsync(doneInPeriod, "complete", RequestState.Completed, Staff, Monday.AddDays(-1));
        var rejected = await FileAsync("rejected-in-period", Monday.AddDays(-2), "dpa");
        await MoveAsync(rejected, "reject", RequestState.Rejected, Staff, Monday.AddDays(-1));
        var later = await FileAsync("after-period", Monday.AddDays(1));
        await MoveAsync(later, "reject", RequestState.Rejected, Staff, Monday.AddDays(2));

        var found = await Facts.FactsAsync(Monday.AddDays(-30), Monday);

        Assert.Equal(
            [old.Number, doneInPeriod.Number, rejected.Number],
            found.Select(f => f.Number).OrderBy(n => n.Value));
        Assert.Null(found.Single(f => f.Number == old.Number).TriagedAt);
        Assert.Equal(Monday.AddDays(-1), found.Single(f => f.Number == rejected.Number).TriagedAt);
    }

    [Fact]
    public async Task ARequestStillWaitingOnItsRequester_HasAnOpenPause()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "askForInfo", RequestState.NeedsInfo, Staff, Monday.AddHours(1));
        request = await MoveAsync(request, "provideInfo", RequestState.InTriage, Requester, Monday.AddHours(5));
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(6), Alsp);
        request = await MoveAsync(request, "accept", RequestState.InProgress, Alsp, Monday.AddHours(7));
        await MoveAsync(request, "askRequester", RequestState.WaitingOnRequester, Alsp, Monday.AddDays(1));

        var found = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(7)));

        Assert.Equal([new Pause(Monday.AddHours(1), Monday.AddHours(5)), new Pause(Monday.AddDays(1), null)], found.Pauses);
        Assert.Equal(Monday.AddHours(1), found.TriagedAt);
    }

    [Fact]
    public async Task TheAssignment_IsTheOneTheLastAcceptanceAnswered_OrTheLastWhenNoneWasAccepted()
    {
        var reassigned = await FileAsync("reassigned-after-accepting", Monday);
        reassigned = await MoveAsync(reassigned, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        reassigned = await MoveAsync(reassigned, "accept", RequestState.InProgress, Alsp, Monday.AddHours(2));
        await MoveAsync(reassigned, "reassign", RequestState.Assigned, Staff, Monday.AddHours(3), OtherAlsp);
        var unaccepted = await FileAsync("never-accepted", Monday);
        unaccepted = await MoveAsync(unaccepted, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        await MoveAsync(unaccepted, "reassign", RequestState.Assigned, Staff, Monday.AddHours(4), OtherAlsp);
        var untouched = await FileAsync("in-triage", Monday);

        var found = (await Facts.FactsAsync(Monday, Monday.AddDays(1))).ToDictionary(f => f.Number);

        var first = found[reassigned.Number];
        Assert.Equal((Monday.AddHours(1), Monday.AddHours(1), Monday.AddHours(2), Alsp.AadObjectId, OtherAlsp.AadObjectId), (first.TriagedAt, first.AssignedAt, first.AcceptedAt, first.AcceptedBy, first.AssigneeId));
        var second = found[unaccepted.Number];
        Assert.Equal((Monday.AddHours(1), Monday.AddHours(4), null, null, OtherAlsp.AadObjectId), (second.TriagedAt, second.AssignedAt, second.AcceptedAt, second.AcceptedBy, second.AssigneeId));
        var third = found[untouched.Number];
        Assert.Equal((RequestState.Submitted, null, null, null, null, null), (third.State, third.TriagedAt, third.AssignedAt, third.AcceptedAt, third.AcceptedBy, third.AssigneeId));
        Assert.Equal((null, null, null), (third.CompletedAt, third.HoursSpent, third.Rating));
        Assert.Empty(third.Pauses);
    }

    [Fact]
    public async Task Times_KeepTheirOffsetsAndEveryDigit()
    {
        var filed = new DateTimeOffset(2026, 11, 16, 14, 30, 0, TimeSpan.FromHours(5.5)).AddTicks(1_234_567);
        var assigned = new DateTimeOffset(2026, 11, 16, 2, 0, 0, TimeSpan.FromHours(-8)).AddTicks(7);
        var accepted = new DateTimeOffset(2026, 11, 16, 12, 0, 0, TimeSpan.FromHours(1)).AddTicks(9_999_999);
        var asked = new DateTimeOffset(2026, 11, 17, 9, 0, 0, TimeSpan.FromHours(-3.5)).AddTicks(1);
        var answered = new DateTimeOffset(2026, 11, 18, 9, 0, 0, TimeSpan.FromHours(13)).AddTicks(3);
        var completed = new DateTimeOffset(2026, 11, 19, 17, 45, 0, TimeSpan.FromHours(-5)).AddTicks(5_555_559);
        var request = await FileAsync("exact", filed);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, assigned, Alsp);
        request = await MoveAsync(request, "accept", RequestState.InProgress, Alsp, accepted);
        request = await MoveAsync(request, "askRequester", RequestState.WaitingOnRequester, Alsp, asked);
        request = await MoveAsync(request, "answer", RequestState.InProgress, Requester, answered);
        await MoveAsync(request, "complete", RequestState.Completed, Alsp, completed, hours: 1.5m);

        var found = Assert.Single(await Facts.FactsAsync(Monday.AddDays(-1), Monday.AddDays(10)));

        Assert.Equal(
            [Exact(filed), Exact(assigned), Exact(assigned), Exact(accepted), Exact(completed)],
            [Exact(found.FiledAt), Exact(found.TriagedAt), Exact(found.AssignedAt), Exact(found.AcceptedAt), Exact(found.CompletedAt)]);
        var pause = Assert.Single(found.Pauses);
        Assert.Equal([Exact(asked), Exact(answered)], [Exact(pause.Start), Exact(pause.End)]);
    }

    [Fact]
    public async Task ThePeriodsBounds_AreInstants_WhateverTheirOffset()
    {
        var from = Monday;
        var to = Monday.AddDays(7);
        var atFrom = await FileAsync("at-from", from.ToOffset(TimeSpan.FromHours(-7)));
        await MoveAsync(atFrom, "reject", RequestState.Rejected, Staff, from.AddHours(1));
        var justBefore = await FileAsync("just-before", from.AddMilliseconds(-1).ToOffset(TimeSpan.FromHours(9)));
        await MoveAsync(justBefore, "reject", RequestState.Rejected, Staff, from.AddMilliseconds(-1));
        var completedAtTo = await FileAsync("completed-at-to", from.AddDays(-30));
        completedAtTo = await MoveAsync(completedAtTo, "keepInHouse", RequestState.KeptInHouse, Staff, from.AddDays(-29));
        await MoveAsync(completedAtTo, "complete", RequestState.Completed, Staff, to.ToOffset(TimeSpan.FromHours(2)));
        var completedBeforeTo = await FileAsync("completed-before-to", from.AddDays(-30));
        completedBeforeTo = await MoveAsync(completedBeforeTo, "keepInHouse", RequestState.KeptInHouse, Staff, from.AddDays(-29));
        await MoveAsync(completedBeforeTo, "complete", RequestState.Completed, Staff, to.AddMilliseconds(-1).ToOffset(TimeSpan.FromHours(-2)));
        var atTo = await FileAsync("at-to", to.ToOffset(TimeSpan.FromHours(5)));
        await MoveAsync(atTo, "reject", RequestState.Rejected, Staff, to.AddHours(1));

        var found = await Facts.FactsAsync(from.ToOffset(TimeSpan.FromHours(3)), to.ToOffset(TimeSpan.FromHours(-10)));

        Assert.Equal([atFrom.Number, completedBeforeTo.Number], found.Select(f => f.Number).OrderBy(n => n.Value));
    }
}
