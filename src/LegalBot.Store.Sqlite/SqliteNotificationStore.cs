using System.Data;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The notification outbox, conversation addresses and posted cards. It shares the SQLite file with
/// <see cref="SqliteRequestStore"/> but never a transaction: changes and their notifications follow the
/// <see cref="RequestChanges"/> protocol, as they must where the two stores live in different systems. Outbox
/// times are kept in UTC so they sort and compare as text; they come back at offset zero.
/// </summary>
public sealed class SqliteNotificationStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteNotificationStore> logger)
    : INotificationStore
{
    /// <summary>The most outbox rows one <see cref="DueAsync"/> call returns.</summary>
    public const int MaxDueBatch = 500;

    /// <summary>Delivery errors are cut to this many characters before they are saved.</summary>
    public const int MaxErrorLength = 2000;

    private const string Staged = "staged";
    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Failed = "failed";

    private const string OutboxColumns = "id, key, number, recipient, kind, text, attempts, created_at, next_attempt_at, activity_id, last_error";

    public async Task EnqueueAsync(
        IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        Validate(notifications);
        if (notifications.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);
        await InsertNotificationsAsync(connection, transaction, notifications, at, null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task StageAsync(
        string changeId, RequestNumber? number, IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        Validate(notifications);
        if (notifications.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);
        await InsertNotificationsAsync(connection, transaction, notifications, at, (changeId, number), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<int> ReleaseAsync(string changeId, RequestNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        command.Transaction = transaction;

        // A key already queued (this change written twice, or queued on its own) stays as it is: the staged copy
        // is skipped, then removed with anything else left staged under this change.
        command.CommandText = "UPDATE OR IGNORE outbox SET status = $pending, number = $number WHERE change_id = $change_id AND status = $staged;";
        command.Parameters.AddWithValue("$pending", Pending);
        command.Parameters.AddWithValue("$number", number.Value);
        command.Parameters.AddWithValue("$change_id", changeId);
        command.Parameters.AddWithValue("$staged", Staged);
        var released = await command.ExecuteNonQueryAsync(cancellationToken);
        command.CommandText = "DELETE FROM outbox WHERE change_id = $change_id AND status = $staged;";
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (released > 0)
        {
            Log.StagedReleased(logger, number);
        }

        return released;
    }

    public async Task DropAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(changeId);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox WHERE change_id = $change_id AND status = $staged;";
        command.Parameters.AddWithValue("$change_id", changeId);
        command.Parameters.AddWithValue("$staged", Staged);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlySet<string>> QueuedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var queued = new HashSet<string>(StringComparer.Ordinal);
        if (keys.Count == 0)
        {
            return queued;
        }

        // The keys go in as one JSON array: one statement however many there are (ux_outbox_key finds each).
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT key FROM outbox WHERE status <> $staged AND key IN (SELECT value FROM json_each($keys));";
        command.Parameters.AddWithValue("$staged", Staged);
        command.Parameters.AddWithValue("$keys", System.Text.Json.JsonSerializer.Serialize(keys));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            queued.Add(reader.GetString(0));
        }

        return queued;
    }

    public async Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(created_at) FROM outbox WHERE status = $pending;";
        command.Parameters.AddWithValue("$pending", Pending);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return new OutboxDepth(reader.GetInt32(0), reader.IsDBNull(1) ? null : ParseTimestamp(reader.GetString(1)));
    }

    public async Task<IReadOnlyList<StagedChange>> StagedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default)
    {
        max = Math.Clamp(max, 1, MaxDueBatch);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT change_id, MIN(created_at) AS staged_at FROM outbox
            WHERE status = $staged GROUP BY change_id HAVING MIN(created_at) <= $before
            ORDER BY staged_at, change_id LIMIT $max;
            """;
        command.Parameters.AddWithValue("$staged", Staged);
        command.Parameters.AddWithValue("$before", FormatUtcTimestamp(before));
        command.Parameters.AddWithValue("$max", max);

        var staged = new List<StagedChange>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            staged.Add(new StagedChange(reader.GetString(0), ParseTimestamp(reader.GetString(1))));
        }

        return staged;
    }

    /// <summary>One instance delivers from this outbox: nothing is claimed.</summary>
    public TimeSpan? ClaimLease => null;

    public Task<IReadOnlyCollection<long>> RenewClaimsAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return Task.FromResult(ids);
    }

    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        max = Math.Clamp(max, 1, MaxDueBatch);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        // A recipient's later rows about a request wait while an earlier one is being retried, so they arrive in order.
        command.CommandText = "SELECT " + OutboxColumns + " FROM outbox AS o "
            + "WHERE status = $pending AND next_attempt_at <= $now AND NOT EXISTS ("
            + "SELECT 1 FROM outbox AS e WHERE e.number = o.number AND e.recipient = o.recipient AND e.status = $pending "
            + "AND e.id < o.id AND e.attempts > 0) "
            + "ORDER BY next_attempt_at, id LIMIT $max;";
        command.Parameters.AddWithValue("$pending", Pending);
        command.Parameters.AddWithValue("$now", FormatUtcTimestamp(now));
        command.Parameters.AddWithValue("$max", max);
        return await ReadOutboxAsync(command, cancellationToken);
    }

    public async Task MarkSentAsync(long id, string activityId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(activityId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // The first id wins: a row that has one is never posted again, so a second id cannot be real.
        command.CommandText = "UPDATE outbox SET activity_id = $activity_id WHERE id = $id AND status = $pending AND activity_id IS NULL;";
        command.Parameters.AddWithValue("$activity_id", activityId);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pending", Pending);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Only pending rows move: delivered and failed are final, and unknown ids change nothing.
        command.CommandText = "UPDATE outbox SET status = $delivered, delivered_at = $at WHERE id = $id AND status = $pending;";
        command.Parameters.AddWithValue("$delivered", Delivered);
        command.Parameters.AddWithValue("$at", FormatUtcTimestamp(at));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pending", Pending);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkRetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE outbox SET attempts = attempts + 1, next_attempt_at = $next, last_error = $error
            WHERE id = $id AND status = $pending;
            """;
        command.Parameters.AddWithValue("$next", FormatUtcTimestamp(nextAttemptAt));
        command.Parameters.AddWithValue("$error", Truncate(error));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pending", Pending);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task MarkFailedAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(error);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE outbox SET status = $failed, attempts = attempts + 1, failed_at = $at, last_error = $error
            WHERE id = $id AND status = $pending
            RETURNING number;
            """;
        command.Parameters.AddWithValue("$failed", Failed);
        command.Parameters.AddWithValue("$at", FormatUtcTimestamp(at));
        command.Parameters.AddWithValue("$error", Truncate(error));
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$pending", Pending);
        if (await command.ExecuteScalarAsync(cancellationToken) is long number)
        {
            Log.NotificationGivenUp(logger, id, new RequestNumber(number));
        }
    }

    public async Task<IReadOnlyList<OutboxItem>> FailedAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + OutboxColumns + " FROM outbox WHERE number = $number AND status = $failed ORDER BY id;";
        command.Parameters.AddWithValue("$number", number.Value);
        command.Parameters.AddWithValue("$failed", Failed);
        return await ReadOutboxAsync(command, cancellationToken);
    }

    public async Task<int> ForgetFailedAsync(RequestNumber number, string kind, long beforeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(kind);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM outbox WHERE number = $number AND kind = $kind AND status = $failed AND id < $before;";
        command.Parameters.AddWithValue("$number", number.Value);
        command.Parameters.AddWithValue("$kind", kind);
        command.Parameters.AddWithValue("$failed", Failed);
        command.Parameters.AddWithValue("$before", beforeId);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task SaveAddressAsync(ConversationAddress address, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentException.ThrowIfNullOrWhiteSpace(address.Key, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ServiceUrl, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ConversationId, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.ChannelId, nameof(address));
        ArgumentException.ThrowIfNullOrWhiteSpace(address.BotId, nameof(address));

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO conversation_addresses (key, service_url, conversation_id, tenant_id, channel_id, bot_id, updated_at)
            VALUES ($key, $service_url, $conversation_id, $tenant_id, $channel_id, $bot_id, $updated_at)
            ON CONFLICT (key) DO UPDATE SET
                service_url = excluded.service_url,
                conversation_id = excluded.conversation_id,
                tenant_id = excluded.tenant_id,
                channel_id = excluded.channel_id,
                bot_id = excluded.bot_id,
                updated_at = excluded.updated_at;
            """;
        var p = command.Parameters;
        p.AddWithValue("$key", address.Key);
        p.AddWithValue("$service_url", address.ServiceUrl);
        p.AddWithValue("$conversation_id", address.ConversationId);
        p.AddWithValue("$tenant_id", OrNull(address.TenantId));
        p.AddWithValue("$channel_id", address.ChannelId);
        p.AddWithValue("$bot_id", address.BotId);
        p.AddWithValue("$updated_at", FormatUtcTimestamp(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<ConversationAddress?> GetAddressAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT key, service_url, conversation_id, tenant_id, channel_id, bot_id
            FROM conversation_addresses WHERE key = $key;
            """;
        command.Parameters.AddWithValue("$key", key);

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
    }

    /// <summary>How many copies of a request's card per chat are kept current (the latest ones).</summary>
    public const int CopiesKeptPerChat = 5;

    public async Task SaveCardAsync(PostedCard card, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(card.Recipient, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.ConversationKey, nameof(card));
        ArgumentException.ThrowIfNullOrWhiteSpace(card.ActivityId, nameof(card));

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO posted_cards (number, recipient, conversation_key, activity_id, content_hash)
            VALUES ($number, $recipient, $conversation_key, $activity_id, $content_hash)
            ON CONFLICT (number, recipient, conversation_key, activity_id) DO UPDATE SET
                content_hash = IFNULL(excluded.content_hash, content_hash);

            DELETE FROM posted_cards
            WHERE number = $number AND recipient = $recipient AND conversation_key = $conversation_key
              AND id NOT IN (
                SELECT id FROM posted_cards
                WHERE number = $number AND recipient = $recipient AND conversation_key = $conversation_key
                ORDER BY id DESC LIMIT $keep);
            """;
        command.Parameters.AddWithValue("$number", card.Number.Value);
        command.Parameters.AddWithValue("$recipient", card.Recipient);
        command.Parameters.AddWithValue("$conversation_key", card.ConversationKey);
        command.Parameters.AddWithValue("$activity_id", card.ActivityId);
        command.Parameters.AddWithValue("$content_hash", OrNull(card.ContentHash));
        command.Parameters.AddWithValue("$keep", CopiesKeptPerChat);
        await command.ExecuteNonQueryAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveCardContentAsync(PostedCard card, string contentHash, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            UPDATE posted_cards SET content_hash = $content_hash
            WHERE number = $number AND recipient = $recipient AND conversation_key = $conversation_key AND activity_id = $activity_id;
            """;
        command.Parameters.AddWithValue("$content_hash", contentHash);
        command.Parameters.AddWithValue("$number", card.Number.Value);
        command.Parameters.AddWithValue("$recipient", card.Recipient);
        command.Parameters.AddWithValue("$conversation_key", card.ConversationKey);
        command.Parameters.AddWithValue("$activity_id", card.ActivityId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<PostedCard>> CardsAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT number, recipient, conversation_key, activity_id, content_hash FROM posted_cards
            WHERE number = $number ORDER BY recipient, conversation_key, id DESC;
            """;
        command.Parameters.AddWithValue("$number", number.Value);

        var cards = new List<PostedCard>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            cards.Add(new PostedCard(new RequestNumber(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), GetNullableString(reader, 4)));
        }

        return cards;
    }

    private static async Task InsertNotificationsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<Notification> notifications,
        DateTimeOffset at,
        (string ChangeId, RequestNumber? Number)? staged,
        CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        // ON CONFLICT on the key's index, not INSERT OR IGNORE: only a repeated key is skipped; any other violation
        // still fails. A key is unique among queued rows, and among one change's staged rows.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status, change_id)
            VALUES ($key, $number, $recipient, $kind, $text, $at, $at, 0, $status, $change_id)
            ON CONFLICT DO NOTHING;
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var number = command.Parameters.Add("$number", SqliteType.Integer);
        var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        command.Parameters.AddWithValue("$at", FormatUtcTimestamp(at));
        command.Parameters.AddWithValue("$status", staged is null ? Pending : Staged);
        command.Parameters.AddWithValue("$change_id", staged is { } s ? s.ChangeId : DBNull.Value);

        foreach (var notification in notifications)
        {
            key.Value = notification.Key;
            number.Value = staged is { Number: null } ? DBNull.Value : (staged?.Number ?? notification.Number).Value;
            recipient.Value = notification.Recipient;
            kind.Value = notification.Kind;
            text.Value = OrNull(notification.Text);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static async Task<IReadOnlyList<OutboxItem>> ReadOutboxAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        var items = new List<OutboxItem>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            items.Add(new OutboxItem(
                reader.GetInt64(0),
                new Notification(
                    reader.GetString(1),
                    new RequestNumber(reader.GetInt64(2)),
                    reader.GetString(3),
                    reader.GetString(4),
                    GetNullableString(reader, 5)),
                reader.GetInt32(6),
                ParseTimestamp(reader.GetString(7)),
                ParseTimestamp(reader.GetString(8)),
                GetNullableString(reader, 9),
                GetNullableString(reader, 10)));
        }

        return items;
    }

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
