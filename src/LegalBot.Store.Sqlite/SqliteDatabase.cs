using System.Data;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The one place that knows the SQLite database file, its connection string and pragmas.
/// The first connection creates the folder and the file and brings the schema up to date.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Reliability",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The writers' semaphore is only awaited (WaitAsync), so it never creates a wait handle to dispose.")]
public sealed class SqliteDatabase
{
    /// <summary>
    /// How long a statement waits for a lock another connection or process holds before it fails. Both SQLite's
    /// busy handler and Microsoft.Data.Sqlite's own retry loop (which otherwise goes on for the 30 s command
    /// timeout) stop here, so a turn on a locked file fails in seconds, within the channel's patience.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    // Per-connection settings; journal_mode=WAL is persistent in the file and set once at start.
    private static string ConnectionPragmas(bool foreignKeys) =>
        "PRAGMA busy_timeout = " + ((int)BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
        + (foreignKeys ? "; PRAGMA foreign_keys = ON" : "; PRAGMA foreign_keys = OFF") + "; PRAGMA synchronous = NORMAL;";

    // The native connections the pragmas were applied to. A pooled SqliteConnection hands back the same native
    // connection, whose settings persist: applying them again on every open was three statements per query.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = new();
    private static readonly object Applied = new();

    private readonly ILogger<SqliteDatabase> _logger;
    private readonly string _pragmas;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _writers = new(1, 1);
    private Task? _initialization;

    public SqliteDatabase(IOptions<SqliteStoreOptions> options, ILogger<SqliteDatabase> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Value.Path, "Store:Sqlite:Path");
        _logger = logger;
        FilePath = System.IO.Path.GetFullPath(options.Value.Path);
        ConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,

            // Also keeps connections of the two kinds in separate pools, as the pragmas stay with a pooled connection.
            ForeignKeys = options.Value.EnforceRequestReferences,
        }.ToString();
        _pragmas = ConnectionPragmas(options.Value.EnforceRequestReferences);
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    public string ConnectionString { get; }

    /// <summary>The newest schema version this code knows.</summary>
    public static int SchemaVersion => Migrations.Scripts.Count;

    /// <summary>
    /// Opens a pooled connection with the standard pragmas applied, after making sure the file exists
    /// and its schema is current. The caller disposes it.
    /// </summary>
    public async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().WaitAsync(cancellationToken);
        return await OpenConfiguredConnectionAsync(cancellationToken);
    }

    /// <summary>
    /// <see cref="OpenConnectionAsync"/> for a connection that writes. Writers in this process take turns
    /// here, waiting asynchronously, before they reach SQLite's write lock: there a waiting writer sleeps in
    /// SQLite's busy handler (1 to 100 ms at a time), holding a thread-pool thread, which under load starves
    /// the pool and stretches every turn's latency. Disposing the connection lets the next writer in. Never
    /// open a second writing connection while holding one.
    /// </summary>
    public async Task<SqliteConnection> OpenWriteConnectionAsync(CancellationToken cancellationToken = default)
    {
        await EnsureInitializedAsync().WaitAsync(cancellationToken);
        await _writers.WaitAsync(cancellationToken);

        // From here the connection owns the turn: disposing it, also on a failed open, releases it.
        var connection = new WriterConnection(ConnectionString, _writers);
        await ConfigureAsync(connection, _pragmas, cancellationToken);
        return connection;
    }

    private Task EnsureInitializedAsync()
    {
        lock (_gate)
        {
            // A failed start (locked file, unusable path) is tried again on the next call.
            if (_initialization is null || _initialization.IsFaulted || _initialization.IsCanceled)
            {
                _initialization = InitializeAsync(CancellationToken.None);
            }

            return _initialization;
        }
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var folder = System.IO.Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        await using var connection = await OpenConfiguredConnectionAsync(cancellationToken);

        var journalMode = Convert.ToString(
            await ExecuteScalarAsync(connection, null, "PRAGMA journal_mode = WAL;", cancellationToken),
            CultureInfo.InvariantCulture);
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            Log.WalUnavailable(_logger, journalMode ?? "unknown");
        }

        await MigrateAsync(connection, cancellationToken);
    }

    private async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var version = await GetUserVersionAsync(connection, null, cancellationToken);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The SQLite database is at schema version {version}, newer than the {SchemaVersion} this release knows."));
        }

        for (var target = version + 1; target <= SchemaVersion; target++)
        {
            // BEGIN IMMEDIATE: a second process starting at the same time waits, then sees the new version.
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
                IsolationLevel.Serializable, cancellationToken);
            if (await GetUserVersionAsync(connection, transaction, cancellationToken) >= target)
            {
                continue;
            }

            await ExecuteNonQueryAsync(connection, transaction, Migrations.Scripts[target - 1], cancellationToken);
            await ExecuteNonQueryAsync(
                connection,
                transaction,
                "PRAGMA user_version = " + target.ToString(CultureInfo.InvariantCulture) + ";",
                cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            Log.MigrationApplied(_logger, target);
        }

        Log.SchemaReady(_logger, SchemaVersion);
    }

    private async Task<SqliteConnection> OpenConfiguredConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await ConfigureAsync(connection, _pragmas, cancellationToken);
        return connection;
    }

    /// <summary>Opens the connection and applies the pragmas; disposes it if either fails.</summary>
    private static async Task ConfigureAsync(SqliteConnection connection, string pragmas, CancellationToken cancellationToken)
    {
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = connection.Handle;
            if (handle is not null && Configured.TryGetValue(handle, out _))
            {
                return;
            }

            await ExecuteNonQueryAsync(connection, null, pragmas, cancellationToken);
            if (handle is not null)
            {
                Configured.AddOrUpdate(handle, Applied);
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<int> GetUserVersionAsync(
        SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken) =>
        Convert.ToInt32(
            await ExecuteScalarAsync(connection, transaction, "PRAGMA user_version;", cancellationToken),
            CultureInfo.InvariantCulture);

    private static async Task ExecuteNonQueryAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<object?> ExecuteScalarAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>A connection holding this process's turn to write, given back when it is disposed.</summary>
    private sealed class WriterConnection(string connectionString, SemaphoreSlim writers) : SqliteConnection(connectionString)
    {
        private int _released;

        protected override void Dispose(bool disposing)
        {
            try
            {
                base.Dispose(disposing);
            }
            finally
            {
                if (Interlocked.Exchange(ref _released, 1) == 0)
                {
                    writers.Release();
                }
            }
        }
    }
}
