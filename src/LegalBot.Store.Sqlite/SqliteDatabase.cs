using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The one place that knows the SQLite database file, its connection string and pragmas.
/// The first connection creates the folder and the file and brings the schema up to date.
/// </summary>
public sealed class SqliteDatabase
{
    /// <summary>
    /// How long a statement waits for a lock another connection or process holds before it fails. Both SQLite's
    /// busy handler and Microsoft.Data.Sqlite's own retry loop (which otherwise goes on for the 30 s command
    /// timeout) stop here, so a turn on a locked file fails in seconds, within the channel's patience.
    /// </summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    // Per-connection settings; journal_mode=WAL is persistent in the file and set once at start.
    private static readonly string ConnectionPragmas =
        "PRAGMA busy_timeout = " + ((int)BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)
        + "; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;";

    private readonly ILogger<SqliteDatabase> _logger;
    private readonly Lock _gate = new();
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
        }.ToString();
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
        try
        {
            await connection.OpenAsync(cancellationToken);
            await ExecuteNonQueryAsync(connection, null, ConnectionPragmas, cancellationToken);
            return connection;
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
}
