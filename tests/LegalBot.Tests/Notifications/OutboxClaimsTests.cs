using System.Diagnostics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Notifications;
using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// A dispatcher pass on PostgreSQL that runs longer than the outbox claim's lease (its sends waiting for room in a
/// chat's rate windows), on a fake clock: two instances' stores on one database of the test server.
/// </summary>
public sealed class OutboxClaimsTests : IAsyncLifetime
{
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(10);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly List<PostgresDatabase> databases = [];
    private string connectionString = string.Empty;

    public async Task InitializeAsync() => connectionString = await PostgresTestServer.CreateDatabaseAsync();

    [Fact]
    public async Task APassRunningPastTheLease_KeepsItsRow_AnotherInstanceGetsItOnlyOnceThePassIsOver_AndAStaleClaimIsNotSent()
    {
        var (requests, mine) = Instance();
        var (_, other) = Instance();
        var filed = await requests.CreateAsync(new NewRequest(
            "claims-1",
            new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "For the pilot.", BusinessUnit = "Sales", Priority = Priority.Normal },
            new Person("aad-requester", "Requester"),
            "tenant-1",
            clock.GetUtcNow(),
            DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).AddDays(3)));
        var start = clock.GetUtcNow();
        await mine.EnqueueAsync([new Notification("claims-1:text", filed.Request.Number, "aad-alsp", "text", "Hello.")], start);
        var due = await mine.DueAsync(start, 10);
        var row = Assert.Single(due).Id;

        await using (var pass = OutboxClaims.Keep(mine, due, start, clock, NullLogger.Instance))
        {
            // Two and a half leases of the clock, a second at a time, the pass still sending.
            for (var second = 1; second <= 25; second++)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await WaitRenewedAsync(row);
                Assert.Empty(await other.DueAsync(clock.GetUtcNow(), 10));
                pass.EnsureHeld(row);
            }
        }

        // The pass is over with the row unhandled (as if the instance died): its claim runs out a lease after the last renewal.
        clock.Advance(Lease);
        var taken = await other.DueAsync(clock.GetUtcNow(), 10);
        Assert.Equal([row], taken.Select(d => d.Id));

        // A pass of the first instance that still counts the row as its own finds it another's at its next renewal,
        // and does not send it.
        var stale = OutboxClaims.Keep(mine, due, clock.GetUtcNow(), clock, NullLogger.Instance);
        stale.EnsureHeld(row);
        clock.Advance(Lease / 3);
        var waited = Stopwatch.StartNew();
        while (!Lost(stale, row))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), "The first instance still takes the row for its own.");
            await Task.Delay(TimeSpan.FromMilliseconds(50), TimeProvider.System);
        }

        await stale.DisposeAsync();
    }

    private static bool Lost(OutboxClaims claims, long row)
    {
        try
        {
            claims.EnsureHeld(row);
            return false;
        }
        catch (OutboxClaimLostException)
        {
            return true;
        }
    }

    /// <summary>Waits until the row's claim was renewed at the last third of a lease the clock passed.</summary>
    private async Task WaitRenewedAsync(long row)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT claimed_until FROM outbox WHERE id = $1", connection) { Parameters = { new() { Value = row } } };
            var until = new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync())!, TimeSpan.Zero);
            if (until - clock.GetUtcNow() >= Lease / 2)
            {
                return;
            }

            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(20), $"The claim was not renewed: it holds until {until:O}, the clock is at {clock.GetUtcNow():O}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    private (PostgresRequestStore Requests, PostgresNotificationStore Notifications) Instance()
    {
        var options = new PostgresStoreOptions { ConnectionString = connectionString, OutboxClaimLease = Lease };
        var database = new PostgresDatabase(Options.Create(options), NullLogger<PostgresDatabase>.Instance);
        databases.Add(database);
        return (
            new PostgresRequestStore(database, NullLogger<PostgresRequestStore>.Instance),
            new PostgresNotificationStore(database, clock, Options.Create(options), NullLogger<PostgresNotificationStore>.Instance));
    }

    public async Task DisposeAsync()
    {
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }

        await PostgresTestServer.DropDatabaseAsync(connectionString);
    }
}
