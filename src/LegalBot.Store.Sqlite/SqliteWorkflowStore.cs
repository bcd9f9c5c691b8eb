using System.Data;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// Request changes, the notification outbox, conversation addresses and posted cards, in the same SQLite
/// file as <see cref="SqliteRequestStore"/>. Outbox times are kept in UTC so they sort and compare as text;
/// they come back at offset zero.
/// </summary>
public sealed class SqliteWorkflowStore(SqliteDatabase database, TimeProvider time, ILogger<SqliteWorkflowStore> logger)
    : IWorkflowStore
{
    /// <summary>The most outbox rows one <see cref="DueAsync"/> call returns.</summary>
    public const int MaxDueBatch = 500;

    /// <summary>Delivery errors are cut to this many characters before they are saved.</summary>
    public const int MaxErrorLength = 2000;

    private const string Pending = "pending";
    private const string Delivered = "delivered";
    private const string Failed = "failed";

    private const string OutboxColumns = "id, key, number, recipient, kind, text, attempts, created_at, next_attempt_at, activity_id";

    /// <summary>States in which a request counts as an ALSP professional's open assignment.</summary>
    private static readonly string AssignedStates = SqlList([.. RequestRules.OpenStates]);

    public async Task<ChangeOutcome> ApplyAsync(
        RequestChange change, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default)
    {
        Validate(change);
        Validate(notifications);

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);

        // Serializable is BEGIN IMMEDIATE: the version read below cannot go stale before the update.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        var current = await GetAsync(connection, transaction, change.Number, cancellationToken);
        if (current is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new ChangeOutcome.NotFound();
        }

        if (current.Version != change.ExpectedVersion)
        {
            await transaction.RollbackAsync(cancellationToken);
            Log.StaleChange(logger, change.Number, change.ExpectedVersion, current.Version);
            return new ChangeOutcome.Conflict(current);
        }

        if (!await UpdateRequestAsync(connection, transaction, current, change, cancellationToken))
        {
            // Cannot happen inside BEGIN IMMEDIATE; the version guard on the UPDATE makes sure a lost update never passes.
            var now = await GetAsync(connection, transaction, change.Number, cancellationToken);
            await transaction.RollbackAsync(cancellationToken);
            return now is null ? new ChangeOutcome.NotFound() : new ChangeOutcome.Conflict(now);
        }

        await RequestRows.InsertHistoryAsync(
            connection,
            transaction,
            new HistoryEntry(change.Number, change.At, change.Actor, change.Action, current.State, change.To, change.Note)
            {
                Assignee = change.ChangesAssignee ? change.Assignee : null,
                HoursSpent = change.HoursSpent,
                Rating = change.Rating,
            },
            cancellationToken);
        await InsertNotificationsAsync(connection, transaction, notifications, change.At, cancellationToken);

        var updated = await GetAsync(connection, transaction, change.Number, cancellationToken)
            ?? throw new InvalidOperationException("The request just updated could not be read back.");
        await transaction.CommitAsync(cancellationToken);
        Log.ChangeApplied(logger, updated.Number, updated.State, updated.Version);
        return new ChangeOutcome.Applied(updated);
    }

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
        await InsertNotificationsAsync(connection, transaction, notifications, at, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
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

    public async Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Kept up to date by triggers (schema migration 3); a professional with nothing open or completed is left out.
        command.CommandText = "SELECT aad_id, open_count, completed_count, on_time_count FROM professional_stats "
            + "WHERE open_count > 0 OR completed_count > 0;";

        var stats = new Dictionary<string, ProfessionalStats>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var id = reader.GetString(0);
            stats[id] = new ProfessionalStats(id, reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
        }

        return stats;
    }

    public async Task<RequestPage> ListByAssigneeAsync(
        string assigneeAadObjectId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assigneeAadObjectId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QueryPageAsync(
            connection,
            "assigned_to_aad_id = $assignee AND state IN (" + AssignedStates + ")",
            [("$assignee", assigneeAadObjectId)],
            skip,
            take,
            cancellationToken);
    }

    private static Task<LegalRequest?> GetAsync(
        SqliteConnection connection, SqliteTransaction transaction, RequestNumber number, CancellationToken cancellationToken) =>
        RequestRows.QuerySingleAsync(connection, transaction, "number = $number", ("$number", number.Value), cancellationToken);

    /// <summary>Updates the request if it is still at the expected version; false when it was not.</summary>
    private static async Task<bool> UpdateRequestAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        LegalRequest current,
        RequestChange change,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        var p = command.Parameters;
        var set = new List<string> { "state = $to", "updated_at = $at", "version = version + 1" };
        p.AddWithValue("$to", change.To.ToString());
        p.AddWithValue("$at", FormatTimestamp(change.At));

        if (change.ChangesAssignee)
        {
            set.Add("assigned_to_aad_id = $assignee_id, assigned_to_name = $assignee_name, assigned_to_email = $assignee_email");
            p.AddWithValue("$assignee_id", OrNull(change.Assignee?.AadObjectId));
            p.AddWithValue("$assignee_name", OrNull(change.Assignee?.Name));
            p.AddWithValue("$assignee_email", OrNull(change.Assignee?.Email));
        }

        if (change.HoursSpent is { } hours)
        {
            set.Add("hours_spent = $hours");
            p.AddWithValue("$hours", FormatDecimal(hours));
        }

        if (change.Rating is { } rating)
        {
            set.Add("rating = $rating, rating_comment = $rating_comment");
            p.AddWithValue("$rating", rating);
            p.AddWithValue("$rating_comment", OrNull(change.Note));
        }

        if (change.To == RequestState.Completed && current.State != RequestState.Completed)
        {
            set.Add("completed_at = $at");
        }

        command.CommandText = "UPDATE requests SET " + string.Join(", ", set) + " WHERE number = $number AND version = $version;";
        p.AddWithValue("$number", change.Number.Value);
        p.AddWithValue("$version", change.ExpectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    internal static async Task InsertNotificationsAsync(
        SqliteConnection connection,
        SqliteTransaction transaction,
        IReadOnlyList<Notification> notifications,
        DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        if (notifications.Count == 0)
        {
            return;
        }

        // ON CONFLICT (key), not INSERT OR IGNORE: only a repeated key is skipped; any other violation still fails.
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO outbox (key, number, recipient, kind, text, created_at, next_attempt_at, attempts, status)
            VALUES ($key, $number, $recipient, $kind, $text, $at, $at, 0, $pending)
            ON CONFLICT (key) DO NOTHING;
            """;
        var key = command.Parameters.Add("$key", SqliteType.Text);
        var number = command.Parameters.Add("$number", SqliteType.Integer);
        var recipient = command.Parameters.Add("$recipient", SqliteType.Text);
        var kind = command.Parameters.Add("$kind", SqliteType.Text);
        var text = command.Parameters.Add("$text", SqliteType.Text);
        command.Parameters.AddWithValue("$at", FormatUtcTimestamp(at));
        command.Parameters.AddWithValue("$pending", Pending);

        foreach (var notification in notifications)
        {
            key.Value = notification.Key;
            number.Value = notification.Number.Value;
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
                GetNullableString(reader, 9)));
        }

        return items;
    }

    private static void Validate(RequestChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(change.Actor, nameof(change));
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Actor.AadObjectId, nameof(change));
        ArgumentException.ThrowIfNullOrWhiteSpace(change.Action, nameof(change));
        if (change.ChangesAssignee && change.Assignee is { } assignee)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(assignee.AadObjectId, nameof(change));
            ArgumentNullException.ThrowIfNull(assignee.Name, nameof(change));
        }

        if (change.HoursSpent is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.HoursSpent, "Hours spent cannot be negative.");
        }

        if (change.Rating is { } given && !RequestRules.IsValidRating(given))
        {
            throw new ArgumentOutOfRangeException(nameof(change), change.Rating, $"A rating is from {RequestRules.MinRating} to {RequestRules.MaxRating}.");
        }
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

    // Enum names only: safe to inline as SQL literals.
    private static string SqlList(params RequestState[] states) =>
        string.Join(", ", states.Select(s => "'" + s.ToString() + "'"));
}
