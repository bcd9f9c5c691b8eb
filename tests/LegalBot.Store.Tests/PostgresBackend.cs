using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LegalBot.Store.Tests;

/// <summary>
/// The shared store: requests, outbox and state in a PostgreSQL database of the backend's own on the test server,
/// dropped afterwards. Each store set has its own connection pool and outbox claimer, as another instance would.
/// </summary>
public sealed class PostgresBackend : IStoreBackend
{
    private readonly List<PostgresDatabase> _opened = [];
    private readonly SemaphoreSlim _gate = new(1, 1);
    private string? _connectionString;

    /// <summary>The database's connection string (pooled, as the bot uses it); created on the first call.</summary>
    public async Task<string> ConnectionStringAsync()
    {
        await _gate.WaitAsync();
        try
        {
            _connectionString ??= new NpgsqlConnectionStringBuilder(await PostgresTestServer.CreateDatabaseAsync()) { Pooling = true }.ConnectionString;
            return _connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>A new instance's view of the database: its own pool, migrations checked as at a start.</summary>
    public async Task<PostgresDatabase> OpenAsync(PostgresStoreOptions? options = null)
    {
        var settings = options ?? new PostgresStoreOptions();
        settings.ConnectionString = await ConnectionStringAsync();
        var database = new PostgresDatabase(Options.Create(settings), NullLogger<PostgresDatabase>.Instance);
        lock (_opened)
        {
            _opened.Add(database);
        }

        return database;
    }

    public async Task<StoreSet> CreateAsync(TimeProvider time) => Stores(await OpenAsync(), time);

    /// <summary>The store set over <paramref name="database"/>.</summary>
    public static StoreSet Stores(PostgresDatabase database, TimeProvider time, PostgresStoreOptions? options = null) => new(
        new PostgresRequestStore(database, NullLogger<PostgresRequestStore>.Instance),
        new PostgresNotificationStore(database, time, Options.Create(options ?? new PostgresStoreOptions()), NullLogger<PostgresNotificationStore>.Instance),
        new PostgresStateStore(database, time, NullLogger<PostgresStateStore>.Instance),
        new PostgresRequestFacts(database));

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }

        if (_connectionString is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(_connectionString);
        }

        _gate.Dispose();
    }
}
