using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LegalBot.Store.Tests;

/// <summary>What only the PostgreSQL store does: its migrations, shared by instances that start at once.</summary>
public sealed class PostgresMigrationTests : IAsyncLifetime
{
    private string _connectionString = string.Empty;

    public async Task InitializeAsync() => _connectionString = await PostgresTestServer.CreateDatabaseAsync();

    public Task DisposeAsync() => PostgresTestServer.DropDatabaseAsync(_connectionString);

    [Fact]
    public async Task SeveralInstancesStartingAtOnce_ApplyEachMigrationOnce()
    {
        var instances = Enumerable.Range(0, 6).Select(_ => Open()).ToList();

        await Task.WhenAll(instances.Select(i => Task.Run(i.EnsureInitializedAsync)));

        Assert.Equal(Enumerable.Range(1, PostgresDatabase.SchemaVersion), await VersionsAsync(instances[0]));
        foreach (var instance in instances)
        {
            await instance.DisposeAsync();
        }
    }

    [Fact]
    public async Task StartingAgain_ChangesNothingAndKeepsData()
    {
        await using (var first = Open())
        {
            await using var connection = await first.OpenConnectionAsync();
            await using var insert = new NpgsqlCommand(
                "INSERT INTO user_settings (aad_id, time_zone, updated_at) VALUES ('u1', 'Europe/Zurich', now())", connection);
            await insert.ExecuteNonQueryAsync();
        }

        await using var second = Open();
        await using var again = await second.OpenConnectionAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM user_settings", again);

        Assert.Equal(1L, await count.ExecuteScalarAsync());
        Assert.Equal(Enumerable.Range(1, PostgresDatabase.SchemaVersion), await VersionsAsync(second));
    }

    [Fact]
    public async Task RequestNumbers_StartAt1001()
    {
        await using var database = Open();
        await using var connection = await database.OpenConnectionAsync();
        await using var insert = new NpgsqlCommand(
            """
            INSERT INTO requests (submission_key, type_key, title, description, business_unit, priority, fields_json,
                                  requester_aad_id, requester_name, state, created_at, created_offset, updated_at, target_date, version)
            VALUES ('k', 'nda', 't', 'd', 'bu', 'Normal', '{}', 'u1', 'U', 'New', now(), interval '0', now(), current_date, 1)
            RETURNING number
            """,
            connection);

        Assert.Equal(1001L, await insert.ExecuteScalarAsync());
    }

    [Fact]
    public async Task ADatabaseHoldingOnlyLocalStores_DropsTheOutboxAndDocumentReferencesToRequests_OnceAndKeepsThemDroppedAfter()
    {
        await using (var full = Open())
        {
            await full.EnsureInitializedAsync();
            Assert.Equal(["outbox", "posted_cards", "request_documents"], await TablesReferringToRequestsAsync(full));
        }

        var firstLog = new ListLogger<PostgresDatabase>();
        await using (var local = Open(enforceRequestReferences: false, firstLog))
        {
            await local.EnsureInitializedAsync();
            Assert.Empty(await TablesReferringToRequestsAsync(local));
        }

        var secondLog = new ListLogger<PostgresDatabase>();
        await using var again = Open(enforceRequestReferences: false, secondLog);
        await using var connection = await again.OpenConnectionAsync();

        // A notification about a request this database does not hold is kept: its request lives in the lists.
        await using var insert = new NpgsqlCommand(
            "INSERT INTO outbox (key, number, recipient, kind, created_at, next_attempt_at) VALUES ('k1', 1042, 'u1', 'notice', now(), now())",
            connection);
        Assert.Equal(1, await insert.ExecuteNonQueryAsync());

        // So is the index row of a document in its library.
        await using var document = new NpgsqlCommand(
            """
            INSERT INTO request_documents (id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, added_ticks, library_item_id)
            VALUES ('0123456789abcdef0123456789abcdef', 1042, 'Contract.pdf', 'pdf', 1, 'u1', 'U', now(), 0, '01ABCDEF')
            """,
            connection);
        Assert.Equal(1, await document.ExecuteNonQueryAsync());
        Assert.Equal(3, firstLog.Entries.Count(e => e.EventId.Id == 7004));
        Assert.DoesNotContain(secondLog.Entries, e => e.EventId.Id == 7004);
        Assert.Empty(await TablesReferringToRequestsAsync(again));
    }

    [Fact]
    public void AMissingConnectionString_IsRefusedNamingTheKey()
    {
        var error = Assert.Throws<ArgumentException>(
            () => new PostgresDatabase(Options.Create(new PostgresStoreOptions()), NullLogger<PostgresDatabase>.Instance));

        Assert.Contains("Store:Postgres:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private PostgresDatabase Open(bool enforceRequestReferences = true, ILogger<PostgresDatabase>? logger = null) =>
        new(
            Options.Create(new PostgresStoreOptions { ConnectionString = _connectionString, EnforceRequestReferences = enforceRequestReferences }),
            logger ?? NullLogger<PostgresDatabase>.Instance);

    private static async Task<List<string>> TablesReferringToRequestsAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var read = new NpgsqlCommand(
            """
            SELECT conrelid::regclass::text FROM pg_constraint
            WHERE contype = 'f' AND confrelid = 'requests'::regclass AND conrelid <> 'request_history'::regclass
            ORDER BY 1
            """,
            connection);
        await using var reader = await read.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return tables;
    }

    private static async Task<List<int>> VersionsAsync(PostgresDatabase database)
    {
        await using var connection = await database.OpenConnectionAsync();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version ORDER BY version", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var versions = new List<int>();
        while (await reader.ReadAsync())
        {
            versions.Add(reader.GetInt32(0));
        }

        return versions;
    }
}
