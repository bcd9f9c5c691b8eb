using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The one place that knows the PostgreSQL connection string. It owns the connection pool (an
/// <see cref="NpgsqlDataSource"/>) and brings the schema up to date before the first connection is handed out;
/// several instances starting at once on one database take turns through an advisory lock, so each migration is
/// applied exactly once.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    /// <summary>
    /// The advisory lock key that serializes migrations across instances: the first eight bytes of "LegalBot" read
    /// as a number, so it does not collide with another application's small integer keys on a shared server.
    /// </summary>
    internal const long MigrationLockKey = 0x4C6567616C426F74;

    private readonly ILogger<PostgresDatabase> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly Lock _gate = new();
    private Task? _initialization;

    public PostgresDatabase(IOptions<PostgresStoreOptions> options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.ConnectionString, "Store:Postgres:ConnectionString");
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
    }

    /// <summary>The newest schema version this code knows.</summary>
    public static int SchemaVersion => Migrations.Scripts.Count;

    /// <summary>
    /// Opens a pooled connection after making sure the schema is current. The caller disposes it.
    /// </summary>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().WaitAsync(cancellationToken);
        return await _dataSource.OpenConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// Applies the migrations this database lacks, once per instance; a failed attempt is retried by the next call.
    /// </summary>
    public Task EnsureInitializedAsync()
    {
        lock (_gate)
        {
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = MigrateAsync(CancellationToken.None);
            }

            return _initialization;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);

        // A session-level lock: held across the per-migration transactions, released on unlock or when the
        // connection closes (also when this instance dies mid-way).
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(
                connection,
                """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version     integer     PRIMARY KEY,
                    applied_at  timestamptz NOT NULL DEFAULT now()
                )
                """,
                cancellationToken);

            int current;
            await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM schema_version", connection))
            {
                current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            }

            if (current > SchemaVersion)
            {
                throw new InvalidOperationException(
                    $"The PostgreSQL schema is at version {current}, newer than this build knows ({SchemaVersion}); run a newer build.");
            }

            for (var version = current; version < SchemaVersion; version++)
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var script = new NpgsqlCommand(Migrations.Scripts[version], connection, transaction))
                {
                    await script.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO schema_version (version) VALUES ($1)", connection, transaction))
                {
                    record.Parameters.Add(new NpgsqlParameter { Value = version + 1 });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                Log.MigrationApplied(_logger, version + 1);
            }

            Log.SchemaReady(_logger, SchemaVersion);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
