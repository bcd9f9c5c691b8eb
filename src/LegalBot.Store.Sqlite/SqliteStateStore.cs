using System.Data;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// <see cref="IStateStore"/> on the <c>bot_state</c> table. A batch of writes or deletes is one transaction, taken
/// with the write lock (BEGIN IMMEDIATE), so an etag read in it cannot change before the batch commits.
/// </summary>
public sealed class SqliteStateStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteStateStore> logger) : IStateStore
{
    public async Task<IReadOnlyList<StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        StateKeys.ThrowIfInvalid(keys, nameof(keys));
        if (keys.Count == 0)
        {
            return [];
        }

        var documents = new List<StateDocument>(keys.Count);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT json, etag FROM bot_state WHERE key = $key;";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys.Distinct(StringComparer.Ordinal))
        {
            keyParameter.Value = key;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                documents.Add(new StateDocument(key, reader.GetString(0), reader.GetString(1)));
            }
        }

        return documents;
    }

    public async Task<IReadOnlyDictionary<string, string>> WriteAsync(
        IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writes);
        foreach (var write in writes)
        {
            ArgumentNullException.ThrowIfNull(write, nameof(writes));
            ArgumentNullException.ThrowIfNull(write.Json, nameof(writes));
        }

        StateKeys.ThrowIfInvalid(writes.Select(w => w.Key), nameof(writes), distinct: true);
        var etags = new Dictionary<string, string>(writes.Count, StringComparer.Ordinal);
        if (writes.Count == 0)
        {
            return etags;
        }

        var updatedAt = FormatUtcTimestamp(time.GetUtcNow());
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        await using var current = connection.CreateCommand();
        current.Transaction = transaction;
        current.CommandText = "SELECT etag FROM bot_state WHERE key = $key;";
        var currentKey = current.Parameters.Add("$key", SqliteType.Text);

        await using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO bot_state (key, etag, json, updated_at) VALUES ($key, $etag, $json, $updated_at)
            ON CONFLICT (key) DO UPDATE SET etag = excluded.etag, json = excluded.json, updated_at = excluded.updated_at;
            """;
        var key = upsert.Parameters.Add("$key", SqliteType.Text);
        var etag = upsert.Parameters.Add("$etag", SqliteType.Text);
        var json = upsert.Parameters.Add("$json", SqliteType.Text);
        upsert.Parameters.AddWithValue("$updated_at", updatedAt);

        foreach (var write in writes)
        {
            if (write.IsConditional)
            {
                currentKey.Value = write.Key;
                if (await current.ExecuteScalarAsync(cancellationToken) is string stored && stored != write.ExpectedETag)
                {
                    // Disposing the transaction rolls the whole batch back.
                    Log.StateConflict(logger);
                    throw new StateConflictException(write.Key, write.ExpectedETag!, stored);
                }
            }

            var newETag = Guid.NewGuid().ToString("N");
            key.Value = write.Key;
            etag.Value = newETag;
            json.Value = write.Json;
            await upsert.ExecuteNonQueryAsync(cancellationToken);
            etags[write.Key] = newETag;
        }

        await transaction.CommitAsync(cancellationToken);
        return etags;
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        StateKeys.ThrowIfInvalid(keys, nameof(keys));
        if (keys.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "DELETE FROM bot_state WHERE key = $key;";
        var keyParameter = command.Parameters.Add("$key", SqliteType.Text);
        foreach (var key in keys)
        {
            keyParameter.Value = key;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // updated_at is round-trip UTC text of one width: it orders as the instants do.
        command.CommandText = """
            DELETE FROM bot_state WHERE key IN (
                SELECT key FROM bot_state
                WHERE substr(key, 1, length($prefix)) = $prefix AND updated_at < $before
                LIMIT $max);
            """;
        command.Parameters.AddWithValue("$prefix", keyPrefix);
        command.Parameters.AddWithValue("$before", FormatUtcTimestamp(writtenBefore));
        command.Parameters.AddWithValue("$max", Math.Max(0, max));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
