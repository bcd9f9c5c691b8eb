using LegalBot.Core.Stores;
using LegalBot.Store.Postgres;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Tests;

/// <summary>The request contract on PostgreSQL, and what only a store shared by several instances must do.</summary>
public sealed class PostgresRequestStoreTests : RequestStoreContract<PostgresBackend>
{
    [Fact]
    public async Task Create_ConcurrentFilingsWithOneKeyOnSeveralInstances_FileOneRequest()
    {
        var instances = new List<IRequestStore> { Store };
        for (var i = 0; i < 3; i++)
        {
            instances.Add((await Backend.CreateAsync(Time)).Requests);
        }

        var request = NewRequest("double-click-on-two-instances");

        var results = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => Task.Run(() => instances[i % instances.Count].CreateAsync(request))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Request.Number).Distinct());
        Assert.Single(await ListAllAsync(Requester.AadObjectId));
        Assert.Single(await Store.GetHistoryAsync(results[0].Request.Number));
    }

    [Fact]
    public async Task AServerThatCannotBeReached_IsUnavailable_ForPingAndForFiling()
    {
        var database = new PostgresDatabase(
            Options.Create(new PostgresStoreOptions { ConnectionString = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2" }),
            NullLogger<PostgresDatabase>.Instance);
        await using var _ = database;
        var store = new PostgresRequestStore(database, NullLogger<PostgresRequestStore>.Instance);

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => store.PingAsync());
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => store.CreateAsync(NewRequest()));
    }
}
