using System.Data;
using System.Globalization;
using LegalBot.Store.Sqlite;
using Microsoft.Bot.Builder;
using Microsoft.Data.Sqlite;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LegalBot.State;

/// <summary>
/// Bot Builder state (ConversationState, UserState) kept in the <c>bot_state</c> table of the LegalBot
/// SQLite database. Behaves like Bot Builder's <see cref="MemoryStorage"/>: reads return only the keys
/// found, as <see cref="JObject"/>s (BotState converts them to the property types); writes honour the
/// ETag of <see cref="IStoreItem"/> values (null or "*" means last write wins).
/// </summary>
/// <remarks>
/// Stored JSON never names .NET types (<see cref="TypeNameHandling.None"/>), so the file cannot choose
/// what gets instantiated. A batch of writes or deletes is one transaction.
/// </remarks>
public sealed class SqliteBotStorage(SqliteDatabase database, TimeProvider timeProvider) : IStorage
{
    private const string ETagProperty = "ETag";

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS bot_state (
            key         TEXT NOT NULL PRIMARY KEY,
            etag        TEXT NULL,
            json        TEXT NOT NULL,
            updated_at  TEXT NOT NULL
        ) STRICT;
        """;

    private static readonly JsonSerializer Serializer = JsonSerializer.Create(new JsonSerializerSettings
    {
        TypeNameHandling = TypeNameHandling.None,
        ReferenceLoopHandling = ReferenceLoopHandling.Error,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 64,
    });

    private readonly Lock _gate = new();
    private Task? _tableReady;

    public async Task<IDictionary<string, object>> ReadAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var items = new Dictionary<string, object>(keys.Length, StringComparer.Ordinal);
        if (keys.Length == 0)
        {
            return items;
        }

        await using var connection = await OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json FROM bot_state WHERE key = $key;";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            keyParameter.Value = key;
            if (await command.ExecuteScalarAsync(cancellationToken) is string json)
            {
                items[key] = Parse(json);
            }
        }

        return items;
    }

    public async Task WriteAsync(IDictionary<string, object> changes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0)
        {
            return;
        }

        var updatedAt = timeProvider.GetUtcNow().ToString("o", CultureInfo.InvariantCulture);
        await using var connection = await OpenWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        foreach (var (key, value) in changes)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(changes));
            if (value is null)
            {
                await DeleteKeyAsync(connection, transaction, key, cancellationToken);
                continue;
            }

            var state = JObject.FromObject(value, Serializer);
            string? etag = null;
            if (TryGetExpectedETag(value, out var expected))
            {
                var current = await ReadETagAsync(connection, transaction, key, cancellationToken);
                if (current is not null && !string.IsNullOrEmpty(expected) && expected != "*" && expected != current)
                {
                    // Disposing the transaction rolls the whole batch back.
                    throw new EtagConflictException(string.Create(
                        CultureInfo.InvariantCulture, $"Etag conflict. Original: {expected} Current: {current}"));
                }

                etag = Guid.NewGuid().ToString("N");
                state[ETagProperty] = etag;
            }

            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT INTO bot_state (key, etag, json, updated_at) VALUES ($key, $etag, $json, $updated_at)
                ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, json = excluded.json, updated_at = excluded.updated_at;
                """;
            command.Parameters.AddWithValue("$key", key);
            command.Parameters.AddWithValue("$etag", (object?)etag ?? DBNull.Value);
            command.Parameters.AddWithValue("$json", state.ToString(Formatting.None));
            command.Parameters.AddWithValue("$updated_at", updatedAt);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task DeleteAsync(string[] keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            return;
        }

        await using var connection = await OpenWriteAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);
        foreach (var key in keys)
        {
            ArgumentNullException.ThrowIfNull(key, nameof(keys));
            await DeleteKeyAsync(connection, transaction, key, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    private static bool TryGetExpectedETag(object value, out string? expected)
    {
        switch (value)
        {
            case IStoreItem item:
                expected = item.ETag;
                return true;
            case JObject json when json.TryGetValue(ETagProperty, StringComparison.Ordinal, out var token):
                expected = token.Type == JTokenType.String ? token.Value<string>() : null;
                return true;
            default:
                expected = null;
                return false;
        }
    }

    private static JObject Parse(string json)
    {
        using var reader = new JsonTextReader(new StringReader(json))
        {
            DateParseHandling = DateParseHandling.None,
            MaxDepth = 64,
        };
        return JObject.Load(reader);
    }

    private static async Task<string?> ReadETagAsync(
        SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT etag FROM bot_state WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    private static async Task DeleteKeyAsync(
        SqliteConnection connection, SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM bot_state WHERE key = $key;";
        command.Parameters.AddWithValue("$key", key);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync().WaitAsync(cancellationToken);
        return await database.OpenConnectionAsync(cancellationToken);
    }

    private async Task<SqliteConnection> OpenWriteAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync().WaitAsync(cancellationToken);
        return await database.OpenWriteConnectionAsync(cancellationToken);
    }

    private Task EnsureTableAsync()
    {
        lock (_gate)
        {
            if (_tableReady is null || _tableReady.IsFaulted || _tableReady.IsCanceled)
            {
                _tableReady = CreateTableAsync();
            }

            return _tableReady;
        }
    }

    private async Task CreateTableAsync()
    {
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        await using var command = connection.CreateCommand();
        command.CommandText = CreateTable;
        await command.ExecuteNonQueryAsync(CancellationToken.None);
    }
}
