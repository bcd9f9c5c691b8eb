using System.Data;
using System.Globalization;
using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>The request store on an embedded SQLite database file.</summary>
public sealed class SqliteRequestStore(SqliteDatabase database, ILogger<SqliteRequestStore> logger) : IRequestStore
{
    /// <summary>States in which a request counts as an ALSP professional's open assignment.</summary>
    private static readonly string AssignedStates = SqlList([.. RequestRules.OpenStates]);

    private const string CreatedAction = "created";

    public async Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubmissionKey, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Details, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Requester, nameof(request));

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);

        // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: writers queue up instead of failing
        // when a read lock would have to be upgraded.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        var number = await InsertRequestAsync(connection, transaction, request, cancellationToken);
        if (number is null)
        {
            var existing = await RequestRows.QuerySingleAsync(
                connection, transaction, "submission_key = $key", ("$key", request.SubmissionKey), cancellationToken)
                ?? throw new InvalidOperationException("A request with this submission key conflicted but could not be read.");

            // The ignored insert still advanced sqlite_sequence; rolling back keeps double clicks from using up numbers.
            await transaction.RollbackAsync(cancellationToken);
            Log.DuplicateSubmission(logger, existing.Number);
            return new CreateResult(existing, Created: false);
        }

        await RequestRows.InsertHistoryAsync(
            connection,
            transaction,
            new HistoryEntry(number.Value, request.At, request.Requester, CreatedAction, null, RequestState.Submitted, null),
            request.SubmissionKey,
            cancellationToken);

        var created = await RequestRows.QuerySingleAsync(
            connection, transaction, "number = $number", ("$number", number.Value.Value), cancellationToken)
            ?? throw new InvalidOperationException("The request just inserted could not be read back.");
        await transaction.CommitAsync(cancellationToken);
        Log.RequestCreated(logger, created.Number);
        return new CreateResult(created, Created: true);
    }

    public async Task<ChangeOutcome> ApplyAsync(RequestChange change, CancellationToken cancellationToken = default)
    {
        Validate(change);

        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);

        // Serializable is BEGIN IMMEDIATE: the version read below cannot go stale before the update.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        var current = await GetAsync(connection, transaction, change.Number, cancellationToken);
        if (current is not null && await FindChangeAsync(connection, transaction, change.ChangeId, cancellationToken) is { } landed)
        {
            // Applied before (a retry): nothing is written again, and the outcome is the same.
            await transaction.RollbackAsync(cancellationToken);
            return landed == change.Number
                ? new ChangeOutcome.Applied(current)
                : throw new ArgumentException("The change id was used for another request.", nameof(change));
        }

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
            change.HistoryLine(current.State),
            change.ChangeId,
            cancellationToken);

        var updated = await GetAsync(connection, transaction, change.Number, cancellationToken)
            ?? throw new InvalidOperationException("The request just updated could not be read back.");
        await transaction.CommitAsync(cancellationToken);
        Log.ChangeApplied(logger, updated.Number, updated.State, updated.Version);
        return new ChangeOutcome.Applied(updated);
    }

    public async Task<RequestNumber?> FindChangeAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await FindChangeAsync(connection, null, changeId, cancellationToken);
    }

    private static async Task<RequestNumber?> FindChangeAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string changeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT number FROM request_history WHERE change_id = $id
            UNION ALL SELECT number FROM requests WHERE submission_key = $id
            LIMIT 1;
            """;
        command.Parameters.AddWithValue("$id", changeId);
        return await command.ExecuteScalarAsync(cancellationToken) is long number ? new RequestNumber(number) : null;
    }

    public async Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QuerySingleAsync(connection, null, "number = $number", ("$number", number.Value), cancellationToken);
    }

    public async Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionKey);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QuerySingleAsync(connection, null, "submission_key = $key", ("$key", submissionKey), cancellationToken);
    }

    public async Task<RequestPage> ListByRequesterAsync(
        string requesterAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterAadObjectId);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QueryPageAsync(
            connection, "requester_aad_id = $requester", [("$requester", requesterAadObjectId)], continuationToken, take, cancellationToken);
    }

    /// <summary>One query: the newest rows by number, the primary key.</summary>
    public async Task<RequestPage> ListRecentAsync(string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QueryPageAsync(connection, "1 = 1", [], continuationToken, take, cancellationToken, RequestRules.MaxRecentPageSize);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT number, at, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note,
                   assignee_aad_id, assignee_name, assignee_email, hours_spent, rating, target_date
            FROM request_history WHERE number = $number ORDER BY id;
            """;
        command.Parameters.AddWithValue("$number", number.Value);

        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(
                new RequestNumber(reader.GetInt64(0)),
                ParseTimestamp(reader.GetString(1)),
                new Person(reader.GetString(2), reader.GetString(3), GetNullableString(reader, 4)),
                reader.GetString(5),
                reader.IsDBNull(6) ? null : ParseEnum<RequestState>(reader.GetString(6)),
                ParseEnum<RequestState>(reader.GetString(7)),
                GetNullableString(reader, 8))
            {
                Assignee = reader.IsDBNull(9) ? null : new Person(reader.GetString(9), reader.GetString(10), GetNullableString(reader, 11)),
                HoursSpent = reader.IsDBNull(12) ? null : ParseDecimal(reader.GetString(12)),
                Rating = reader.IsDBNull(13) ? null : reader.GetInt32(13),
                TargetDate = reader.IsDBNull(14) ? null : ParseDate(reader.GetString(14)),
            });
        }

        return entries;
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1;";
        await command.ExecuteScalarAsync(cancellationToken);
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
        string assigneeAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assigneeAadObjectId);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QueryPageAsync(
            connection,
            "assigned_to_aad_id = $assignee AND state IN (" + AssignedStates + ")",
            [("$assignee", assigneeAadObjectId)],
            continuationToken,
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

        if (change.TargetDate is { } target)
        {
            set.Add("target_date = $target_date");
            p.AddWithValue("$target_date", FormatDate(target));
        }

        // A request filed before pauses were kept has none (NULL): its history has them.
        if (current.Pauses is { } pauses)
        {
            set.Add("pauses = $pauses");
            p.AddWithValue("$pauses", pauses.After(current.State, change.To, change.At).Format());
        }

        command.CommandText = "UPDATE requests SET " + string.Join(", ", set) + " WHERE number = $number AND version = $version;";
        p.AddWithValue("$number", change.Number.Value);
        p.AddWithValue("$version", change.ExpectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static void Validate(RequestChange change) => change.EnsureValid();

    private static async Task<RequestNumber?> InsertRequestAsync(
        SqliteConnection connection, SqliteTransaction transaction, NewRequest request, CancellationToken cancellationToken)
    {
        var details = request.Details;
        var at = FormatTimestamp(request.At);

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO requests (
                submission_key, type_key, title, description, business_unit, counterparty, priority,
                requested_due_date, fields_json, requester_aad_id, requester_name, requester_email, tenant_id, state,
                created_at, updated_at, target_date, version, pauses)
            VALUES (
                $submission_key, $type_key, $title, $description, $business_unit, $counterparty, $priority,
                $requested_due_date, $fields_json, $requester_aad_id, $requester_name, $requester_email, $tenant_id, $state,
                $at, $at, $target_date, 1, '')
            ON CONFLICT (submission_key) DO NOTHING
            RETURNING number;
            """;
        var p = command.Parameters;
        p.AddWithValue("$submission_key", request.SubmissionKey);
        p.AddWithValue("$type_key", details.TypeKey);
        p.AddWithValue("$title", details.Title);
        p.AddWithValue("$description", details.Description);
        p.AddWithValue("$business_unit", details.BusinessUnit);
        p.AddWithValue("$counterparty", OrNull(details.Counterparty));
        p.AddWithValue("$priority", details.Priority.ToString());
        p.AddWithValue("$requested_due_date", details.RequestedDueDate is { } due ? FormatDate(due) : DBNull.Value);
        p.AddWithValue("$fields_json", JsonSerializer.Serialize(details.Fields));
        p.AddWithValue("$requester_aad_id", request.Requester.AadObjectId);
        p.AddWithValue("$requester_name", request.Requester.Name);
        p.AddWithValue("$requester_email", OrNull(request.Requester.Email));
        p.AddWithValue("$tenant_id", OrNull(request.TenantId));
        p.AddWithValue("$state", RequestState.Submitted.ToString());
        p.AddWithValue("$at", at);
        p.AddWithValue("$target_date", FormatDate(request.TargetDate));

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull
            ? null
            : new RequestNumber(Convert.ToInt64(result, CultureInfo.InvariantCulture));
    }

    // Enum names only: safe to inline as SQL literals.
    private static string SqlList(params RequestState[] states) =>
        string.Join(", ", states.Select(s => "'" + s.ToString() + "'"));
}
