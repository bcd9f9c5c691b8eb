using System.Security.Cryptography;
using System.Text;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Npgsql;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// <see cref="IStateStore"/> on the <c>bot_state</c> table, shared by every instance: two instances handling turns of
/// one conversation meet on the etag. Rows are keyed by a SHA-256 of the key (a key may be longer than a btree entry
/// can hold) and keep the key itself, which every read and delete also compares. A batch is one transaction that
/// locks the rows it replaces in key-hash order, so batches over the same keys queue up instead of deadlocking, and an
/// etag checked in it stays current until it commits.
/// </summary>
public sealed class PostgresStateStore(PostgresDatabase database, TimeProvider time, ILogger<PostgresStateStore> logger) : IStateStore
{
    public async Task<IReadOnlyList<StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        StateKeys.ThrowIfInvalid(keys, nameof(keys));
        var wanted = keys.Distinct(StringComparer.Ordinal).ToList();
        if (wanted.Count == 0)
        {
            return [];
        }

        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT s.key, s.json, s.etag FROM bot_state AS s
                    JOIN unnest(@hashes, @keys) AS k (key_hash, key) ON s.key_hash = k.key_hash AND s.key = k.key
                    """,
                    connection);
                command.Parameters.AddWithValue("hashes", wanted.Select(Hash).ToArray());
                command.Parameters.AddWithValue("keys", wanted.ToArray());

                var documents = new List<StateDocument>(wanted.Count);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    documents.Add(new StateDocument(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
                }

                return documents;
            },
            cancellationToken);
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
        if (writes.Count == 0)
        {
            return new Dictionary<string, string>(StringComparer.Ordinal);
        }

        var ordered = writes.Select(w => (Write: w, Hash: Hash(w.Key))).OrderBy(w => w.Hash, ByteOrder.Instance).ToList();
        var updatedAt = Instant(time.GetUtcNow());
        try
        {
            return await database.InTransactionAsync<IReadOnlyDictionary<string, string>>(
                async (connection, transaction) =>
                {
                    var stored = await LockAsync(connection, transaction, ordered.Select(w => w.Hash).ToArray(), cancellationToken);
                    foreach (var (write, hash) in ordered)
                    {
                        if (write.IsConditional && stored.TryGetValue(Convert.ToHexString(hash), out var current) && current != write.ExpectedETag)
                        {
                            // Thrown out of the transaction, which rolls the whole batch back.
                            throw new StateConflictException(write.Key, write.ExpectedETag!, current);
                        }
                    }

                    var etags = ordered.ToDictionary(w => w.Write.Key, _ => Guid.NewGuid().ToString("N"), StringComparer.Ordinal);
                    await using var upsert = new NpgsqlCommand(
                        """
                        INSERT INTO bot_state (key_hash, key, etag, json, updated_at)
                        SELECT key_hash, key, etag, json, @updated_at FROM unnest(@hashes, @keys, @etags, @jsons) AS w (key_hash, key, etag, json)
                        ON CONFLICT (key_hash) DO UPDATE SET key = excluded.key, etag = excluded.etag, json = excluded.json, updated_at = excluded.updated_at
                        """,
                        connection,
                        transaction);
                    upsert.Parameters.AddWithValue("updated_at", updatedAt);
                    upsert.Parameters.AddWithValue("hashes", ordered.Select(w => w.Hash).ToArray());
                    upsert.Parameters.AddWithValue("keys", ordered.Select(w => w.Write.Key).ToArray());
                    upsert.Parameters.AddWithValue("etags", ordered.Select(w => etags[w.Write.Key]).ToArray());
                    upsert.Parameters.AddWithValue("jsons", ordered.Select(w => w.Write.Json).ToArray());
                    await upsert.ExecuteNonQueryAsync(cancellationToken);
                    return etags;
                },
                cancellationToken);
        }
        catch (StateConflictException)
        {
            Log.StateConflict(logger);
            throw;
        }
    }

    public async Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        StateKeys.ThrowIfInvalid(keys, nameof(keys));
        var doomed = keys.Distinct(StringComparer.Ordinal).ToList();
        if (doomed.Count == 0)
        {
            return;
        }

        // One statement: all of the keys go, or none.
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "DELETE FROM bot_state AS s USING unnest(@hashes, @keys) AS k (key_hash, key) WHERE s.key_hash = k.key_hash AND s.key = k.key",
                    connection);
                command.Parameters.AddWithValue("hashes", doomed.Select(Hash).ToArray());
                command.Parameters.AddWithValue("keys", doomed.ToArray());
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyPrefix);
        return await database.WithConnectionAsync(
            async connection =>
            {
                // SKIP LOCKED: two instances sweeping at once take different rows, and a row being written is left alone.
                await using var command = new NpgsqlCommand(
                    """
                    DELETE FROM bot_state WHERE key_hash IN (
                        SELECT key_hash FROM bot_state
                        WHERE left(key, length(@prefix)) = @prefix AND updated_at < @before
                        LIMIT @max FOR UPDATE SKIP LOCKED)
                    """,
                    connection);
                command.Parameters.AddWithValue("prefix", keyPrefix);
                command.Parameters.AddWithValue("before", Instant(writtenBefore));
                command.Parameters.AddWithValue("max", Math.Max(0, max));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Locks the stored rows among <paramref name="hashes"/> in hash order and returns their etags by hex hash.</summary>
    private static async Task<Dictionary<string, string>> LockAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, byte[][] hashes, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "SELECT key_hash, etag FROM bot_state WHERE key_hash = ANY (@hashes) ORDER BY key_hash FOR UPDATE",
            connection,
            transaction);
        command.Parameters.AddWithValue("hashes", hashes);

        var etags = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            etags[Convert.ToHexString(reader.GetFieldValue<byte[]>(0))] = reader.GetString(1);
        }

        return etags;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Byte-wise order, as PostgreSQL sorts <c>bytea</c>: inserts then take index locks in the order the lock query took row locks.</summary>
    private sealed class ByteOrder : IComparer<byte[]>
    {
        public static readonly ByteOrder Instance = new();

        public int Compare(byte[]? x, byte[]? y) => x.AsSpan().SequenceCompareTo(y);
    }
}
