using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The notification outbox, conversation addresses and posted cards on PostgreSQL, shared by every instance. The
/// requests live in the same database, but a change and its notifications still follow the
/// <see cref="RequestChanges"/> protocol, never one transaction, as they must where the two stores are apart.
/// </summary>
/// <remarks>
/// Several instances deliver from one outbox, so <see cref="DueAsync"/> claims what it returns: the rows are locked
/// with <c>FOR UPDATE SKIP LOCKED</c> and marked as this instance's until <see cref="PostgresStoreOptions.OutboxClaimLease"/>
/// after <c>now</c>. Another instance neither gets them nor a recipient's later rows about the same request while
/// the claim holds (those would overtake them); this instance gets them again on its next call. Marking a row
/// retried, delivered or given up ends the claim; a claim left by an instance that died runs out and the rows go to
/// whoever asks next. A pass that runs longer (sends waiting for room in a chat's rate windows) renews its claims
/// (<see cref="RenewClaimsAsync"/>) while it lasts. Claims are taken one at a time (a transaction-scoped advisory lock): with concurrent claims,
/// neither would see the other's rows as claimed before it committed, and could take a recipient's later row while
/// the other takes the earlier one.
/// </remarks>
public sealed class PostgresNotificationStore(
    PostgresDatabase database,
    TimeProvider time,
    IOptions<PostgresStoreOptions> options,
    ILogger<PostgresNotificationStore> logger) : INotificationStore
{
    /// <summary>The most outbox rows one <see cref="DueAsync"/> call returns.</summary>
    public const int MaxDueBatch = 500;

    /// <summary>Delivery errors are cut to this many characters before they are saved.</summary>
    public const int MaxErrorLength = 2000;

    /// <summary>How many copies of a request's card per chat are kept current (the latest ones).</summary>
    public const int CopiesKeptPerChat = 5;

    private const string Staged = "staged";
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Failed = "failed";

    private const string OutboxColumns = "id, key, number, recipient, kind, text, attempts, created_at, next_attempt_at, activity_id, last_error";

    /// <summary>Who holds a claim: this store object, one per instance.</summary>
    private readonly string _claimer = Guid.NewGuid().ToString("N");

    public async Task EnqueueAsync(IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Validate(notifications);
        if (notifications.Count > 0)
        {
            await InsertNotificationsAsync(notifications, at, null, cancellationToken);
        }
    }

    public async Task StageAsync(
        string changeId, RequestNumber? number, IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        Validate(notifications);
        if (notifications.Count > 0)
        {
            await InsertNotificationsAsync(notifications, at, (changeId, number), cancellationToken);
        }
    }

    public async Task<int> ReleaseAsync(string changeId, RequestNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);

        // A key already queued (this change written twice, or queued on its own) stays as it is: the staged copy is
        // skipped, then removed with anything else left staged under this change. Two changes releasing one key at
        // the same moment meet on the unique index; the one that waited runs again and then sees the other's row.
        var released = await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            """
                            UPDATE outbox AS s SET status = 'pending', number = $1
                            WHERE s.change_id = $2 AND s.status = 'staged'
                              AND NOT EXISTS (SELECT 1 FROM outbox AS q WHERE q.key = s.key AND q.status <> 'staged')
                            """)
                        {
                            Parameters = { new() { Value = number.Value }, new() { Value = changeId } },
                        },
                        new NpgsqlBatchCommand("DELETE FROM outbox WHERE change_id = $1 AND status = 'staged'")
                        {
                            Parameters = { new() { Value = changeId } },
                        },
                    },
                };
                await batch.ExecuteNonQueryAsync(cancellationToken);
                return batch.BatchCommands[0].RecordsAffected;
            },
            cancellationToken,
            retryOnUniqueViolation: true);

        if (released > 0)
        {
            Log.StagedReleased(logger, number);
        }

        return released;
    }

    public async Task DropAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        await ExecuteAsync(
            "DELETE FROM outbox WHERE change_id = @change_id AND status = 'staged'",
            p => p.AddWithValue("change_id", changeId),
            cancellationToken);
    }

    public async Task<IReadOnlySet<string>> QueuedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT key FROM outbox WHERE status <> 'staged' AND key = ANY(@keys)", connection);
                command.Parameters.AddWithValue("keys", keys.ToArray());
                var queued = new HashSet<string>(StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    queued.Add(reader.GetString(0));
                }

                return (IReadOnlySet<string>)queued;
            },
            cancellationToken);
    }

    public async Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT count(*), min(created_at) FROM outbox WHERE status = 'pending'", connection);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                return new OutboxDepth(checked((int)reader.GetInt64(0)), reader.IsDBNull(1) ? null : ReadUtc(reader, 1));
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<StagedChange>> StagedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default)
    {
        max = Math.Clamp(max, 1, MaxDueBatch);
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT change_id, min(created_at) AS staged_at FROM outbox
                    WHERE status = 'staged' GROUP BY change_id HAVING min(created_at) <= @before
                    ORDER BY staged_at, change_id COLLATE "C" LIMIT @max
                    """,
                    connection);
                command.Parameters.AddWithValue("before", Instant(before));
                command.Parameters.AddWithValue("max", max);

                var staged = new List<StagedChange>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    staged.Add(new StagedChange(reader.GetString(0), ReadUtc(reader, 1)));
                }

                return staged;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        max = Math.Clamp(max, 1, MaxDueBatch);
        var (items, takenOver) = await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using (var claimLock = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key)", connection, transaction))
                {
                    claimLock.Parameters.AddWithValue("key", PostgresDatabase.OutboxClaimLockKey);
                    await claimLock.ExecuteNonQueryAsync(cancellationToken);
                }

                // A recipient's later rows about a request wait while an earlier one is being retried, or is claimed
                // by another instance, so they arrive in order.
                await using var command = new NpgsqlCommand(
                    """
                    WITH due AS (
                        SELECT o.id, o.claimed_by AS previous FROM outbox AS o
                        WHERE o.status = 'pending' AND o.next_attempt_at <= @now
                          AND (o.claimed_until IS NULL OR o.claimed_until <= @now OR o.claimed_by = @me)
                          AND NOT EXISTS (
                              SELECT 1 FROM outbox AS e
                              WHERE e.number = o.number AND e.recipient = o.recipient AND e.status = 'pending' AND e.id < o.id
                                AND (e.attempts > 0 OR (e.claimed_until > @now AND e.claimed_by <> @me)))
                        ORDER BY o.next_attempt_at, o.id
                        LIMIT @max
                        FOR UPDATE OF o SKIP LOCKED)
                    UPDATE outbox AS u SET claimed_by = @me, claimed_until = @until
                    FROM due WHERE u.id = due.id
                    RETURNING u.id, u.key, u.number, u.recipient, u.kind, u.text, u.attempts, u.created_at, u.next_attempt_at,
                              u.activity_id, u.last_error, due.previous IS NOT NULL AND due.previous <> @me
                    """,
                    connection,
                    transaction);
                command.Parameters.AddWithValue("now", Instant(now));
                command.Parameters.AddWithValue("me", _claimer);
                command.Parameters.AddWithValue("max", max);
                command.Parameters.AddWithValue("until", Instant(now + options.Value.OutboxClaimLease));

                var claimed = new List<OutboxItem>();
                var fromOthers = 0;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    claimed.Add(ReadOutboxItem(reader));
                    fromOthers += reader.GetBoolean(11) ? 1 : 0;
                }

                return (claimed, fromOthers);
            },
            cancellationToken);

        if (takenOver > 0)
        {
            Log.ExpiredClaimsTaken(logger, takenOver);
        }

        return [.. items.OrderBy(i => i.NextAttemptAt).ThenBy(i => i.Id)];
    }

    public TimeSpan? ClaimLease => options.Value.OutboxClaimLease;

    public async Task<IReadOnlyCollection<long>> RenewClaimsAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return [];
        }

        // Only a claim still this instance's: another instance that took a row over once the claim ran out set its
        // own (a DueAsync holding the row's lock commits first, and this update then sees its claimer).
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    UPDATE outbox SET claimed_until = @until
                    WHERE id = ANY(@ids) AND status = 'pending' AND claimed_by = @me
                    RETURNING id
                    """,
                    connection);
                command.Parameters.AddWithValue("until", Instant(now + options.Value.OutboxClaimLease));
                command.Parameters.AddWithValue("ids", ids.ToArray());
                command.Parameters.AddWithValue("me", _claimer);

                var renewed = new List<long>(ids.Count);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    renewed.Add(reader.GetInt64(0));
                }

                return (IReadOnlyCollection<long>)renewed;
            },
            cancellationToken);
    }

    public Task MarkSentAsync(long id, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);

        // The first id wins: a row that has one is never posted again, so a second id cannot be real.
        return ExecuteAsync(
            "UPDATE outbox SET activity_id = @activity_id WHERE id = @id AND status = 'pending' AND activity_id IS NULL",
            p =>
            {
                p.AddWithValue("activity_id", activityId);
                p.AddWithValue("id", id);
            },
            cancellationToken);
    }

    public Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        // Only pending rows move: delivered and failed are final, and unknown ids change nothing.
        ExecuteAsync(
            """
            UPDATE outbox SET status = 'delivered', delivered_at = @at, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND status = 'pending'
            """,
            p =>
            {
                p.AddWithValue("at", Instant(at));
                p.AddWithValue("id", id);
            },
            cancellationToken);

    public Task MarkRetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);

        // The claim ends: when the retry is due, any instance may make it.
        return ExecuteAsync(
            """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = @next, last_error = @error, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND status = 'pending'
            """,
            p =>
            {
                p.AddWithValue("next", Instant(nextAttemptAt));
                p.AddWithValue("error", Truncate(error));
                p.AddWithValue("id", id);
            },
            cancellationToken);
    }

    public async Task MarkFailedAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    UPDATE outbox SET status = 'failed', attempts = attempts + 1, failed_at = @at, last_error = @error,
                                      claimed_by = NULL, claimed_until = NULL
                    WHERE id = @id AND status = 'pending'
                    RETURNING number
                    """,
                    connection);
                command.Parameters.AddWithValue("at", Instant(at));
                command.Parameters.AddWithValue("error", Truncate(error));
                command.Parameters.AddWithValue("id", id);
                if (await command.ExecuteScalarAsync(cancellationToken) is long number)
                {
                    Log.NotificationGivenUp(logger, id, new RequestNumber(number));
                }
            },
            cancellationToken);
    }

    public async Task<int> ForgetFailedAsync(RequestNumber number, string kind, long beforeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "DELETE FROM outbox WHERE number = @number AND kind = @kind AND status = 'failed' AND id < @before", connection);
                command.Parameters.AddWithValue("number", number.Value);
                command.Parameters.AddWithValue("kind", kind);
                command.Parameters.AddWithValue("before", beforeId);
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxItem>> FailedAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT " + OutboxColumns + " FROM outbox WHERE number = @number AND status = 'failed' ORDER BY id", connection);
                command.Parameters.AddWithValue("number", number.Value);

                var items = new List<OutboxItem>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    items.Add(ReadOutboxItem(reader));
                }

                return items;
            },
            cancellationToken);
    }

    public Task SaveAddressAsync(ConversationAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(address.Key, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ServiceUrl, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ConversationId, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ChannelId, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.BotId, nameof(address));

        return ExecuteAsync(
            """
            INSERT INTO conversation_addresses (key, service_url, conversation_id, tenant_id, channel_id, bot_id, updated_at)
            VALUES (@key, @service_url, @conversation_id, @tenant_id, @channel_id, @bot_id, @updated_at)
            ON CONFLICT (key) DO UPDATE SET
                service_url = excluded.service_url,
                conversation_id = excluded.conversation_id,
                tenant_id = excluded.tenant_id,
                channel_id = excluded.channel_id,
                bot_id = excluded.bot_id,
                updated_at = excluded.updated_at
            """,
            p =>
            {
                p.AddWithValue("key", address.Key);
                p.AddWithValue("service_url", address.ServiceUrl);
                p.AddWithValue("conversation_id", address.ConversationId);
                p.AddWithValue("tenant_id", NpgsqlDbType.Text, OrNull(address.TenantId));
                p.AddWithValue("channel_id", address.ChannelId);
                p.AddWithValue("bot_id", address.BotId);
                p.AddWithValue("updated_at", Instant(time.GetUtcNow()));
            },
            cancellationToken);
    }

    public async Task<ConversationAddress?> GetAddressAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    "SELECT key, service_url, conversation_id, tenant_id, channel_id, bot_id FROM conversation_addresses WHERE key = @key",
                    connection);
                command.Parameters.AddWithValue("key", key);

                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken)
                    ? new ConversationAddress(
                        reader.GetString(0),
                        reader.GetString(1),
                        reader.GetString(2),
                        GetNullableString(reader, 3),
                        reader.GetString(4),
                        reader.GetString(5))
                    : null;
            },
            cancellationToken);
    }

    public Task SaveCardAsync(PostedCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Recipient, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.ConversationKey, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.ActivityId, nameof(card));

        return database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction)
                {
                    BatchCommands =
                    {
                        new NpgsqlBatchCommand(
                            """
                            INSERT INTO posted_cards AS c (number, recipient, conversation_key, activity_id, content_hash)
                            VALUES ($1, $2, $3, $4, $5)
                            ON CONFLICT (number, recipient, conversation_key, activity_id) DO UPDATE SET
                                content_hash = COALESCE(excluded.content_hash, c.content_hash)
                            """)
                        {
                            Parameters =
                            {
                                new() { Value = card.Number.Value },
                                new() { Value = card.Recipient },
                                new() { Value = card.ConversationKey },
                                new() { Value = card.ActivityId },
                                new() { Value = OrNull(card.ContentHash), NpgsqlDbType = NpgsqlDbType.Text },
                            },
                        },
                        new NpgsqlBatchCommand(
                            """
                            DELETE FROM posted_cards
                            WHERE number = $1 AND recipient = $2 AND conversation_key = $3
                              AND id NOT IN (
                                SELECT id FROM posted_cards
                                WHERE number = $1 AND recipient = $2 AND conversation_key = $3
                                ORDER BY id DESC LIMIT $4)
                            """)
                        {
                            Parameters =
                            {
                                new() { Value = card.Number.Value },
                                new() { Value = card.Recipient },
                                new() { Value = card.ConversationKey },
                                new() { Value = CopiesKeptPerChat },
                            },
                        },
                    },
                };
                return await batch.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public Task SaveCardContentAsync(PostedCard card, string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        return ExecuteAsync(
            """
            UPDATE posted_cards SET content_hash = @content_hash
            WHERE number = @number AND recipient = @recipient AND conversation_key = @conversation_key AND activity_id = @activity_id
            """,
            p =>
            {
                p.AddWithValue("content_hash", contentHash);
                p.AddWithValue("number", card.Number.Value);
                p.AddWithValue("recipient", card.Recipient);
                p.AddWithValue("conversation_key", card.ConversationKey);
                p.AddWithValue("activity_id", card.ActivityId);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<PostedCard>> CardsAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    SELECT number, recipient, conversation_key, activity_id, content_hash FROM posted_cards
                    WHERE number = @number ORDER BY recipient COLLATE "C", conversation_key COLLATE "C", id DESC
                    """,
                    connection);
                command.Parameters.AddWithValue("number", number.Value);

                var cards = new List<PostedCard>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    cards.Add(new PostedCard(
                        new RequestNumber(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), GetNullableString(reader, 4)));
                }

                return cards;
            },
            cancellationToken);
    }

    /// <summary>
    /// Saves the notifications in one round trip, in order. A key already saved is skipped (ON CONFLICT DO NOTHING
    /// covers the two partial unique indexes: a key among queued rows, and among one change's staged rows); any
    /// other violation still fails.
    /// </summary>
    private Task InsertNotificationsAsync(
        IReadOnlyList<Notification> notifications,
        DateTimeOffset at,
        (string ChangeId, RequestNumber? Number)? staged,
        CancellationToken cancellationToken) =>
        database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction);
                foreach (var notification in notifications)
                {
                    var number = staged is { Number: null } ? (object)DBNull.Value : (staged?.Number ?? notification.Number).Value;
                    batch.BatchCommands.Add(new NpgsqlBatchCommand(
                        """
                        INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status, change_id)
                        VALUES ($1, $2, $3, $4, $5, $6, $6, 0, $7, $8)
                        ON CONFLICT DO NOTHING
                        """)
                    {
                        Parameters =
                        {
                            new() { Value = notification.Key },
                            new() { Value = number, NpgsqlDbType = NpgsqlDbType.Bigint },
                            new() { Value = notification.Recipient },
                            new() { Value = notification.Kind },
                            new() { Value = OrNull(notification.Text), NpgsqlDbType = NpgsqlDbType.Text },
                            new() { Value = Instant(at) },
                            new() { Value = staged is null ? Pending : Staged },
                            new() { Value = OrNull(staged?.ChangeId), NpgsqlDbType = NpgsqlDbType.Text },
                        },
                    });
                }

                return await batch.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);

    private async Task ExecuteAsync(string sql, Action<NpgsqlParameterCollection> parameters, CancellationToken cancellationToken)
    {
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(sql, connection);
                parameters(command.Parameters);
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    private static OutboxItem ReadOutboxItem(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new Notification(reader.GetString(1), new RequestNumber(reader.GetInt64(2)), reader.GetString(3), reader.GetString(4), GetNullableString(reader, 5)),
        reader.GetInt32(6),
        ReadUtc(reader, 7),
        ReadUtc(reader, 8),
        GetNullableString(reader, 9),
        GetNullableString(reader, 10));

    private static void Validate(IReadOnlyList<Notification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (var notification in notifications)
        {
            ArgumentNullException.ThrowIfNull(notification, nameof(notifications));
            ArgumentException.ThrowIfNullOrWhiteSpace(notification.Key, nameof(notifications));
            ArgumentException.ThrowIfNullOrWhiteSpace(notification.Recipient, nameof(notifications));
            ArgumentException.ThrowIfNullOrWhiteSpace(notification.Kind, nameof(notifications));
        }
    }

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];
}
