using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// The professionals' figures on every legal staff card are counted from the whole list at most once per
/// <c>Store:Graph:StatsCacheDuration</c>; this instance's own changes move them at once, others' show within it.
/// </summary>
public sealed class ProfessionalStatsCacheTests : SharePointStoreTests
{
    private static readonly Person Alsp = new("aad-alsp", "ALSP Professional One");

    private async Task<int> RoundTripsOf(Func<Task> operation)
    {
        Backend.Server.ClearRequests();
        await operation();
        return Backend.Server.GraphRoundTrips.Count;
    }

    private async Task<LegalRequest> AssignedAsync(string key, IRequestStore? through = null)
    {
        var request = (await Requests.CreateAsync(New(key))).Request;
        var change = Triage(request, "assign-" + key) with { To = RequestState.Assigned, Action = "assign", ChangesAssignee = true, Assignee = Alsp };
        return Assert.IsType<ChangeOutcome.Applied>(await (through ?? Requests).ApplyAsync(change)).Request;
    }

    private async Task<ProfessionalStats?> FiguresAsync(IRequestStore? of = null) =>
        (await (of ?? Requests).ProfessionalStatsAsync()).GetValueOrDefault(Alsp.AadObjectId);

    [Fact]
    public async Task AfterACount_TheFiguresCostNoGraphCall_UntilTheDurationHasPassed()
    {
        await AssignedAsync("k1");
        Assert.Equal(new ProfessionalStats(Alsp.AadObjectId, 1, 0, 0), await FiguresAsync());

        Time.Advance(TimeSpan.FromSeconds(59));
        ProfessionalStats? again = null;
        Assert.Equal(0, await RoundTripsOf(async () => again = await FiguresAsync()));
        Assert.Equal(new ProfessionalStats(Alsp.AadObjectId, 1, 0, 0), again);

        Time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await RoundTripsOf(() => FiguresAsync()));
    }

    [Fact]
    public async Task ThisInstancesOwnChanges_MoveTheFiguresAtOnce()
    {
        var first = await AssignedAsync("k1");
        await FiguresAsync();

        var second = await AssignedAsync("k2");
        var accepted = await MoveAsync(first, "accept", RequestState.InProgress, Alsp);
        await MoveAsync(accepted, "complete", RequestState.Completed, Alsp, hours: 2m);
        await MoveAsync(second, "decline", RequestState.InTriage, Alsp);

        ProfessionalStats? figures = null;
        Assert.Equal(0, await RoundTripsOf(async () => figures = await FiguresAsync()));
        Assert.Equal(new ProfessionalStats(Alsp.AadObjectId, 0, 1, 1), figures);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(figures, await FiguresAsync());
    }

    [Fact]
    public async Task AnotherInstancesChanges_ShowWithinTheDuration()
    {
        await AssignedAsync("k1");
        await FiguresAsync();

        await AssignedAsync("k2", through: Backend.CreateStore(Time));

        Assert.Equal(1, (await FiguresAsync())!.OpenAssignments);
        Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await FiguresAsync())!.OpenAssignments);
    }

    [Fact]
    public async Task WithNoDuration_EveryCardCountsTheList()
    {
        var uncached = Backend.CreateStore(Time, new GraphStoreOptions
        {
            TenantId = Backend.Options.TenantId,
            ClientId = Backend.Options.ClientId,
            ClientSecret = Backend.Options.ClientSecret,
            SiteId = Backend.Options.SiteId,
            GraphBaseUrl = Backend.Options.GraphBaseUrl,
            AuthorityHost = Backend.Options.AuthorityHost,
            StatsCacheDuration = TimeSpan.Zero,
        });
        await AssignedAsync("k1");

        Assert.Equal(1, await RoundTripsOf(() => FiguresAsync(uncached)));
        Assert.Equal(1, await RoundTripsOf(() => FiguresAsync(uncached)));
    }
}
