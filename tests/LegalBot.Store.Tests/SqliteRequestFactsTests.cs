using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;

namespace LegalBot.Store.Tests;

/// <summary>The metrics' facts as the SQLite store reads them from requests and their history.</summary>
public sealed class SqliteRequestFactsTests : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly Person Staff = new("aad-staff", "Legal Counsel");
    private static readonly Person Alsp = new("aad-alsp", "ALSP Professional One");
    private static readonly Person OtherAlsp = new("aad-alsp-2", "ALSP Professional Two");

    private readonly TempDatabase database = new();
    private readonly SqliteRequestStore store;
    private readonly SqliteRequestFacts facts;

    public SqliteRequestFactsTests()
    {
        store = database.OpenStore();
        facts = new SqliteRequestFacts(database.Open());
    }

    public void Dispose() => database.Dispose();

    private async Task<LegalRequest> FileAsync(string key, DateTimeOffset at, string type = "nda") => (await store.CreateAsync(new NewRequest(
        key,
        new RequestDraft { TypeKey = type, Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.Normal },
        Requester,
        null,
        at,
        DateOnly.FromDateTime(at.UtcDateTime).AddDays(3)))).Request;

    private async Task<LegalRequest> MoveAsync(LegalRequest request, string action, RequestState to, Person actor, DateTimeOffset at, Person? assignee = null, decimal? hours = null, int? rating = null)
    {
        var change = new RequestChange
        {
            ChangeId = Guid.NewGuid().ToString("N"),
            Number = request.Number,
            ExpectedVersion = request.Version,
            To = to,
            Actor = actor,
            Action = action,
            At = at,
            ChangesAssignee = assignee is not null,
            Assignee = assignee,
            HoursSpent = hours,
            Rating = rating,
        };
        return Assert.IsType<ChangeOutcome.Applied>(await store.ApplyAsync(change)).Request;
    }

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

        var found = Assert.Single(await facts.FactsAsync(Monday.AddDays(-1), Monday.AddDays(10)));

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
    public async Task AReassignment_LeavesTheAssignmentBeforeItUnanswered()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        request = await MoveAsync(request, "reassign", RequestState.Assigned, Staff, Monday.AddHours(2), OtherAlsp);
        await MoveAsync(request, "accept", RequestState.InProgress, OtherAlsp, Monday.AddHours(3));

        var found = Assert.Single(await facts.FactsAsync(Monday, Monday.AddDays(1)));

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

        var inPeriod = await facts.FactsAsync(Monday.AddDays(-30), Monday);
        var before = await facts.FactsAsync(Monday.AddDays(-60), Monday.AddDays(-45));

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

        var found = await facts.FactsAsync(Monday.AddDays(-30), Monday);

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

        var found = Assert.Single(await facts.FactsAsync(Monday, Monday.AddDays(7)));

        Assert.Equal([new Pause(Monday.AddHours(1), Monday.AddHours(5)), new Pause(Monday.AddDays(1), null)], found.Pauses);
        Assert.Equal(Monday.AddHours(1), found.TriagedAt);
    }
}
