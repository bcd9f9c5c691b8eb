using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// What only the SharePoint facts have to get right: they are read from the lists' delta feeds into memory, so a read
/// after the first asks only what changed (whoever changed it), a token Graph no longer serves reads the lists whole
/// again, a request deleted in Microsoft Lists leaves them, and a change whose history line Graph lost still counts.
/// </summary>
public sealed partial class SharePointRequestFactsTests
{
    private IEnumerable<RecordedRequest> DeltaReads => Backend.Server.GraphRoundTrips.Where(r => r.Method == "GET" && r.Path.Contains("/delta", StringComparison.Ordinal));

    /// <summary>The professional accepting <paramref name="request"/> at <paramref name="at"/>, under <paramref name="changeId"/>.</summary>
    private static RequestChange Accept(LegalRequest request, string changeId, DateTimeOffset at) => new()
    {
        ChangeId = changeId,
        Number = request.Number,
        ExpectedVersion = request.Version,
        To = RequestState.InProgress,
        Actor = Alsp,
        Action = "accept",
        At = at,
    };

    private static object Shape(RequestFacts facts) =>
        (facts.Number, facts.State, facts.TriagedAt, facts.AssignedAt, facts.AcceptedAt, facts.AcceptedBy, facts.AssigneeId, facts.CompletedAt, string.Join("|", facts.Assignments), string.Join("|", facts.Pauses));

    [Fact]
    public async Task ASecondRead_AsksEachListOnlyWhatChanged_AndSeesAnotherInstancesChange()
    {
        Backend.Server.DeltaPageSize = 2;
        var first = await FileAsync("k1", Monday);
        var second = await FileAsync("k2", Monday.AddHours(1));
        first = await MoveAsync(first, "assign", RequestState.Assigned, Staff, Monday.AddHours(2), Alsp);
        await MoveAsync(second, "askForInfo", RequestState.NeedsInfo, Staff, Monday.AddHours(3));

        // The first read pages through both lists whole, two items a page: four history lines in two pages, two requests in one.
        Backend.Server.ClearRequests();
        var before = (await Facts.FactsAsync(Monday, Monday.AddDays(1))).ToDictionary(f => f.Number);
        Assert.Equal(3, DeltaReads.Count());
        Assert.Equal(Monday.AddHours(2), before[first.Number].AssignedAt);
        Assert.Equal([new Pause(Monday.AddHours(3), null)], before[second.Number].Pauses);

        // Another instance's change: the next read is one delta round trip per list, and carries it.
        var other = Backend.CreateStore(Time);
        var accepted = Assert.IsType<ChangeOutcome.Applied>(await other.ApplyAsync(Accept(first, "accept-1", Monday.AddHours(4)))).Request;
        Backend.Server.ClearRequests();

        var after = (await Facts.FactsAsync(Monday, Monday.AddDays(1))).ToDictionary(f => f.Number);

        Assert.Equal(2, DeltaReads.Count());
        Assert.DoesNotContain(Backend.Server.GraphRoundTrips, r => !r.Path.Contains("/delta", StringComparison.Ordinal));
        Assert.Equal((RequestState.InProgress, Monday.AddHours(4), Alsp.AadObjectId), (after[accepted.Number].State, after[accepted.Number].AcceptedAt, after[accepted.Number].AcceptedBy));
        Assert.Equal([new Assignment(Alsp.AadObjectId, Alsp.Name, Monday.AddHours(2), AcceptedAt: Monday.AddHours(4))], after[accepted.Number].Assignments);
        Assert.Equal(Shape(before[second.Number]), Shape(after[second.Number]));
    }

    [Fact]
    public async Task ARequestDeletedInLists_LeavesTheFacts_AndATokenNoLongerServed_ReadsBothListsWholeAgain()
    {
        var kept = await FileAsync("kept", Monday);
        kept = await MoveAsync(kept, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        await MoveAsync(kept, "accept", RequestState.InProgress, Alsp, Monday.AddHours(2));
        var deleted = await FileAsync("deleted", Monday);
        Assert.Equal(2, (await Facts.FactsAsync(Monday, Monday.AddDays(1))).Count);

        Backend.Server.DeleteInLists(Backend.RequestsList, (int)(deleted.Number.Value - 1000));
        var afterDeletion = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));
        Assert.Equal(kept.Number, afterDeletion.Number);

        // Long disconnected: Graph serves neither token. Both lists are read whole and replace what was held.
        Backend.RequestsList.ExpireDeltaTokens();
        Backend.HistoryList.ExpireDeltaTokens();
        Backend.Server.ClearRequests();
        var again = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));

        Assert.Equal(Shape(afterDeletion), Shape(again));
        Assert.Equal((Monday.AddHours(1), Monday.AddHours(2)), (again.AssignedAt, again.AcceptedAt));
        Assert.Contains(DeltaReads, r => r.Status == 410);
    }

    [Fact]
    public async Task AChangeWhoseHistoryLineGraphLost_CountsFromTheLineItsItemCarries_AndOnceWhenTheLineIsWritten()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        await Facts.FactsAsync(Monday, Monday.AddDays(1));
        var accept = Accept(request, "accept-lost-line", Monday.AddHours(2));

        Backend.Server.AddFault(new GraphFault(500, Method: "POST", PathContains: "/lists/Legal Request History/items", Times: int.MaxValue));
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.ApplyAsync(accept));
        Backend.Server.ClearFaults();
        Assert.DoesNotContain(await Requests.GetHistoryAsync(request.Number), h => h.Action == "accept");

        var owed = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));
        Assert.Equal((RequestState.InProgress, Monday.AddHours(2), Alsp.AadObjectId), (owed.State, owed.AcceptedAt, owed.AcceptedBy));

        // The same change again writes the line from the item: it is counted once.
        Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(accept));
        Assert.Single(await Requests.GetHistoryAsync(request.Number), h => h.Action == "accept");
        var written = Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1)));
        Assert.Equal(Shape(owed), Shape(written));
        Assert.Equal([new Assignment(Alsp.AadObjectId, Alsp.Name, Monday.AddHours(1), AcceptedAt: Monday.AddHours(2))], written.Assignments);
    }

    [Fact]
    public async Task ACallerArrivingDuringARead_IsAnsweredFromTheNextRead_WhichCallersArrivingTogetherShare_WithWhatTheyWrote()
    {
        var request = await FileAsync("k1", Monday);
        request = await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);
        foreach (var key in new[] { "k2", "k3", "k4" })
        {
            await FileAsync(key, Monday);
        }

        // A slow read: a page per item, each answer 200 ms late (five history lines, four requests: about two seconds).
        Backend.Server.ClearRequests();
        Backend.Server.DeltaPageSize = 1;
        Backend.Server.Latency = TimeSpan.FromMilliseconds(200);
        var first = Facts.FactsAsync(Monday, Monday.AddDays(1));

        // While it reads, the professional accepts (through another instance), then two callers ask at once.
        var other = Backend.CreateStore(Time);
        Assert.IsType<ChangeOutcome.Applied>(await other.ApplyAsync(Accept(request, "accept-during-read", Monday.AddHours(2))));
        Assert.False(first.IsCompleted, "the first read was still under way when the change landed");
        var second = Facts.FactsAsync(Monday, Monday.AddDays(1));
        var third = Facts.FactsAsync(Monday, Monday.AddDays(1));
        await Task.WhenAll(first, second, third);

        Assert.All([await second, await third], found =>
        {
            var accepted = Assert.Single(found, f => f.Number == request.Number);
            Assert.Equal((RequestState.InProgress, Monday.AddHours(2)), (accepted.State, accepted.AcceptedAt));
        });

        // Two reads in all: the first pages through the four requests, the second reads the one that changed. The
        // second and third callers shared it.
        Assert.Equal(4 + 1, DeltaReads.Count(r => r.Path.Contains("/lists/Legal Requests/items/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AFailedRead_IsTriedAgainByTheNextCaller()
    {
        var request = await FileAsync("k1", Monday);
        await MoveAsync(request, "assign", RequestState.Assigned, Staff, Monday.AddHours(1), Alsp);

        // Graph fails the first read: the caller is told the store is unavailable, and nothing is taken in.
        Backend.Server.AddFault(new GraphFault(500, Method: "GET", PathContains: "/delta", Times: 1));
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Facts.FactsAsync(Monday, Monday.AddDays(1)));

        Assert.Equal(Monday.AddHours(1), Assert.Single(await Facts.FactsAsync(Monday, Monday.AddDays(1))).AssignedAt);
    }
}
