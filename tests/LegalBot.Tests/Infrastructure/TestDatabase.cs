using Microsoft.Data.Sqlite;

namespace LegalBot.Tests.Infrastructure;

/// <summary>The bot's SQLite file as a test reads it, from outside the host, to check what was really saved.</summary>
public static class TestDatabase
{
    /// <summary>
    /// Opens the file without pooling (a pooled handle would keep it open after the test) and waits up to 10 seconds
    /// for a lock another writer holds.
    /// </summary>
    public static async Task<SqliteConnection> OpenAsync(string path, SqliteOpenMode mode = SqliteOpenMode.ReadOnly)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 10000;";
        await command.ExecuteNonQueryAsync();
        return connection;
    }

    /// <summary>Every outbox row, oldest first.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> OutboxAsync(string path)
    {
        await using var connection = await OpenAsync(path);
        return await OutboxRows.ReadAsync(connection);
    }
}
