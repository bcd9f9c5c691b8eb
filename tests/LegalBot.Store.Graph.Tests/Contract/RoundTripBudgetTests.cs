using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// How many Graph requests each store operation costs (a <c>$batch</c> is one): a change that adds a round trip to
/// an operation every turn makes fails here. The token endpoint is not counted.
/// </summary>
public sealed class RoundTripBudgetTests : SharePointStoreTests
{
    private async Task<int> RoundTripsOf(Func<Task> operation)
    {
        Backend.Server.ClearRequests();
        await operation();
        return Backend.Server.GraphRoundTrips.Count;
    }

    [Fact]
    public async Task EachOperation_StaysWithinItsGraphRoundTrips()
    {
        LegalRequest request = null!;
        Assert.Equal(2, await RoundTripsOf(async () => request = (await Requests.CreateAsync(New("key-1"))).Request));
        Assert.Equal(2, await RoundTripsOf(() => Requests.CreateAsync(New("key-1"))));
        Assert.Equal(1, await RoundTripsOf(() => Requests.GetAsync(request.Number)));
        Assert.Equal(2, await RoundTripsOf(async () =>
        {
            await Requests.GetAsync(request.Number);
            await Requests.GetHistoryAsync(request.Number);
        }));
        Assert.Equal(1, await RoundTripsOf(() => Requests.ListByRequesterAsync(Requester.AadObjectId, null, 10)));
        Assert.Equal(1, await RoundTripsOf(() => Requests.ListRecentAsync(null, RequestRules.MaxRecentPageSize)));
        Assert.Equal(2, await RoundTripsOf(() => Requests.ApplyAsync(Triage(request, "change-1"))));
        Assert.Equal(1, await RoundTripsOf(() => Requests.FindChangeAsync("change-1")));
        Assert.Equal(1, await RoundTripsOf(() => Requests.ProfessionalStatsAsync()));
        Assert.Equal(1, await RoundTripsOf(() => Requests.PingAsync()));
    }

    [Fact]
    public async Task AStaleChange_CostsNoMoreThanAnAppliedOne_AndWritesNothing()
    {
        var request = (await Requests.CreateAsync(New("key-2"))).Request;
        await Requests.ApplyAsync(Triage(request, "first"));

        ChangeOutcome outcome = null!;
        var rounds = await RoundTripsOf(async () => outcome = await Requests.ApplyAsync(Triage(request, "stale")));

        Assert.IsType<ChangeOutcome.Conflict>(outcome);
        Assert.InRange(rounds, 1, 2);
        Assert.DoesNotContain(Backend.Server.Requests, r => r.Method is "POST" or "PATCH" or "DELETE" && !r.Path.EndsWith("$batch", StringComparison.Ordinal));
        Assert.Equal(2, (await Requests.GetHistoryAsync(request.Number)).Count);
    }
}
