using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Tests;

/// <summary>A database file in a fresh temporary folder, removed with everything in it on dispose.</summary>
internal sealed class TempDatabase : IDisposable
{
    public TempDatabase(string fileName = "legalbot.db")
    {
        Folder = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
        FilePath = Path.Combine(Folder, "data", fileName);
    }

    /// <summary>The temporary root; it does not exist until the database creates it.</summary>
    public string Folder { get; }

    public string FilePath { get; }

    /// <param name="enforceRequestReferences">False for a file that keeps only the outbox, the requests living elsewhere.</param>
    public SqliteDatabase Open(ILogger<SqliteDatabase>? logger = null, bool enforceRequestReferences = true) =>
        new(Options.Create(new SqliteStoreOptions { Path = FilePath, EnforceRequestReferences = enforceRequestReferences }), logger ?? NullLogger<SqliteDatabase>.Instance);

    public SqliteRequestStore OpenStore(ILogger<SqliteDatabase>? logger = null) =>
        new(Open(logger), NullLogger<SqliteRequestStore>.Instance);

    public SqliteNotificationStore OpenWorkflowStore(TimeProvider time, ILogger<SqliteNotificationStore>? logger = null, bool enforceRequestReferences = true) =>
        new(Open(enforceRequestReferences: enforceRequestReferences), time, logger ?? NullLogger<SqliteNotificationStore>.Instance);

    public SqliteStateStore OpenStateStore(TimeProvider time, ILogger<SqliteStateStore>? logger = null) =>
        new(Open(), time, logger ?? NullLogger<SqliteStateStore>.Instance);

    /// <summary>A plain connection, outside the store's pool and pragmas (foreign keys explicitly off), for raw SQL.</summary>
    /// <param name="create">Creates the folder and the file when they do not exist (to prepare an old schema).</param>
    public async Task<SqliteConnection> OpenRawConnectionAsync(bool create = false)
    {
        if (create)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
            ForeignKeys = false,
        }.ToString());
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>Creates the file at an earlier schema version, as that release left it, then runs <paramref name="sql"/> on it.</summary>
    public async Task CreateAtSchemaAsync(int version, string sql = "")
    {
        await using var connection = await OpenRawConnectionAsync(create: true);
        await using var command = connection.CreateCommand();
        command.CommandText = string.Concat(Migrations.Scripts.Take(version))
            + "PRAGMA user_version = " + version.ToString(System.Globalization.CultureInfo.InvariantCulture) + ";" + sql;
        await command.ExecuteNonQueryAsync();
    }

    public async Task<object?> ExecuteScalarAsync(string sql)
    {
        await using var connection = await OpenRawConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        // Pooled connections keep the file open; release them before deleting the folder.
        using (var pooled = new SqliteConnection(Open().ConnectionString))
        {
            SqliteConnection.ClearPool(pooled);
        }

        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
