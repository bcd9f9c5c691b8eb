using System.Data;
using LegalBot.Core.Stores;
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

    /// <summary>The advisory lock key that makes instances claim due outbox rows one at a time (see <see cref="PostgresNotificationStore"/>).</summary>
    internal const long OutboxClaimLockKey = MigrationLockKey + 1;

    private readonly ILogger<PostgresDatabase> _logger;
    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _enforceRequestReferences;
    private readonly Lock _gate = new();
    private Task? _initialization;

    public PostgresDatabase(IOptions<PostgresStoreOptions> options, ILogger<PostgresDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.ConnectionString, "Store:Postgres:ConnectionString");
        _logger = logger;
        _dataSource = NpgsqlDataSource.Create(options.Value.ConnectionString);
        _enforceRequestReferences = options.Value.EnforceRequestReferences;
    }

    /// <summary>The newest schema version this code knows.</summary>
    public static int SchemaVersion => Migrations.Scripts.Count;

    /// <summary>
    /// Opens a pooled connection after making sure the schema is current. The caller disposes it.
    /// </summary>
    /// <exception cref="RequestStoreUnavailableException">The server cannot be reached (down, restarting, a network fault).</exception>
    public async Task<NpgsqlConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await EnsureInitializedAsync().WaitAsync(cancellationToken);
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }
        catch (NpgsqlException exception) when (IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> on a pooled connection. A connection lost on the way (the server restarting or
    /// failing over, a network fault) becomes <see cref="RequestStoreUnavailableException"/>.
    /// </summary>
    public async Task<T> WithConnectionAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        await using var connection = await OpenConnectionAsync(cancellationToken);
        try
        {
            return await work(connection);
        }
        catch (NpgsqlException exception) when (IsUnavailable(exception))
        {
            throw Unavailable(exception);
        }
    }

    /// <inheritdoc cref="WithConnectionAsync{T}"/>
    public Task WithConnectionAsync(Func<NpgsqlConnection, Task> work, CancellationToken cancellationToken) =>
        WithConnectionAsync(
            async connection =>
            {
                await work(connection);
                return true;
            },
            cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a transaction on a pooled connection and commits what it returns. A
    /// serialization failure or a deadlock (another instance changed the same rows at the same moment) runs it
    /// again from the start, a few times, and so does a unique violation when <paramref name="retryOnUniqueViolation"/>
    /// (work that skips rows already there, which a concurrent transaction wrote after it looked); a connection lost on
    /// the way becomes <see cref="RequestStoreUnavailableException"/>. The work rolls back by throwing.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T>> work,
        CancellationToken cancellationToken,
        IsolationLevel isolation = IsolationLevel.ReadCommitted,
        bool retryOnUniqueViolation = false)
    {
        ArgumentNullException.ThrowIfNull(work);
        for (var attempt = 1; ; attempt++)
        {
            await using var connection = await OpenConnectionAsync(cancellationToken);
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(isolation, cancellationToken);
                var result = await work(connection, transaction);
                await transaction.CommitAsync(cancellationToken);
                return result;
            }
            catch (PostgresException exception) when (
                (IsConcurrentChange(exception) || (retryOnUniqueViolation && exception.SqlState == PostgresErrorCodes.UniqueViolation))
                && attempt < MaxAttempts)
            {
                Log.TransactionRetried(_logger, exception.SqlState, attempt);
            }
            catch (NpgsqlException exception) when (IsUnavailable(exception))
            {
                throw Unavailable(exception);
            }
        }
    }

    /// <summary>How many times <see cref="InTransactionAsync"/> runs work that keeps meeting concurrent changes.</summary>
    private const int MaxAttempts = 5;

    private static bool IsConcurrentChange(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected;

    /// <summary>The server or the way to it failed (not the statement): refused or lost connections, a shutdown, too many connections.</summary>
    private static bool IsUnavailable(NpgsqlException exception) =>
        exception.IsTransient && !(exception is PostgresException postgres && IsConcurrentChange(postgres));

    /// <summary>
    /// The idle connections in the pool were most likely lost with this one (a restart or failover ends them all), so
    /// they are closed: the next turn opens fresh ones instead of failing on a dead one.
    /// </summary>
    private RequestStoreUnavailableException Unavailable(NpgsqlException exception)
    {
        _dataSource.Clear();
        return new RequestStoreUnavailableException("The PostgreSQL store cannot be reached right now.", exception);
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

            if (!_enforceRequestReferences)
            {
                await DropRequestReferencesAsync(connection, cancellationToken);
            }

            Log.SchemaReady(_logger, SchemaVersion);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// The outbox, posted cards and document index of a deployment whose requests live elsewhere name requests this
    /// database does not hold, so their references to its (empty) requests table go. Only references still there are dropped (a start
    /// after the first reads and changes nothing), under the migration lock.
    /// </summary>
    private async Task DropRequestReferencesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var found = new List<(string Table, string Constraint)>();
        await using (var read = new NpgsqlCommand(
            """
            SELECT c.conrelid::regclass::text, c.conname
            FROM pg_constraint c
            WHERE c.contype = 'f'
              AND c.confrelid = 'requests'::regclass
              AND c.conrelid IN ('outbox'::regclass, 'posted_cards'::regclass, 'request_documents'::regclass)
            ORDER BY 1, 2
            """,
            connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (table, constraint) in found)
        {
            // Names read from the catalog, quoted as identifiers.
            await ExecuteAsync(connection, $"ALTER TABLE \"{table}\" DROP CONSTRAINT \"{constraint}\"", cancellationToken);
            Log.RequestReferenceDropped(_logger, constraint);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
