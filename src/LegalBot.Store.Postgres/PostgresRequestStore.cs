using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The request store on PostgreSQL, shared by every instance of the bot. Request numbers come from the identity
/// column (unique and increasing under concurrency, with gaps where a repeated filing used one up); a filing is one
/// insert that a second filing with the same submission key joins rather than repeats; a change locks its request's
/// row, so changes to one request queue up and exactly one of several at the same version lands.
/// </summary>
public sealed class PostgresRequestStore(PostgresDatabase database, ILogger<PostgresRequestStore> logger) : IRequestStore
{
    private const string CreatedAction = "created";

    private static readonly string[] OpenStates = [.. RequestRules.OpenStates.Select(s => s.ToString())];

    public async Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubmissionKey, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Details, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Requester, nameof(request));

        var result = await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                // A concurrent filing with the same key waits here for the first to commit, then inserts nothing.
                var created = await InsertRequestAsync(connection, transaction, request, cancellationToken);
                if (created is null)
                {
                    var existing = await PostgresRequestRows.QuerySingleAsync(
                        connection, transaction, "submission_key = @value", request.SubmissionKey, cancellationToken)
                        ?? throw new InvalidOperationException("A request with this submission key conflicted but could not be read.");
                    return new CreateResult(existing, Created: false);
                }

                await PostgresRequestRows.InsertHistoryAsync(
                    connection,
                    transaction,
                    new HistoryEntry(created.Number, request.At, request.Requester, CreatedAction, null, RequestState.Submitted, null),
                    request.SubmissionKey,
                    cancellationToken);
                return new CreateResult(created, Created: true);
            },
            cancellationToken);

        if (result.Created)
        {
            Log.RequestCreated(logger, result.Request.Number);
        }
        else
        {
            Log.DuplicateSubmission(logger, result.Request.Number);
        }

        return result;
    }

    public async Task<ChangeOutcome> ApplyAsync(RequestChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        change.EnsureValid();

        (ChangeOutcome Outcome, bool Written) result;
        try
        {
            result = await database.InTransactionAsync<(ChangeOutcome, bool)>(
                async (connection, transaction) =>
                {
                    // The row lock queues changes to one request: the version read here stays current until commit.
                    var current = await PostgresRequestRows.QuerySingleAsync(
                        connection, transaction, "number = @value FOR UPDATE", change.Number.Value, cancellationToken);
                    if (current is null)
                    {
                        return (new ChangeOutcome.NotFound(), false);
                    }

                    if (await FindChangeAsync(connection, transaction, change.ChangeId, cancellationToken) is { } landed)
                    {
                        // Applied before (a retry): nothing is written again, and the outcome is the same.
                        return landed == change.Number
                            ? (new ChangeOutcome.Applied(current), false)
                            : throw new ArgumentException("The change id was used for another request.", nameof(change));
                    }

                    if (current.Version != change.ExpectedVersion)
                    {
                        return (new ChangeOutcome.Conflict(current), false);
                    }

                    var updated = await UpdateRequestAsync(connection, transaction, current, change, cancellationToken);
                    await PostgresRequestRows.InsertHistoryAsync(
                        connection,
                        transaction,
                        change.HistoryLine(current.State),
                        change.ChangeId,
                        cancellationToken);
                    return (new ChangeOutcome.Applied(updated), true);
                },
                cancellationToken);
        }
        catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "request_history" })
        {
            // The same change id landed on another request in a concurrent transaction.
            throw new ArgumentException("The change id was used for another request.", nameof(change), exception);
        }

        switch (result.Outcome)
        {
            case ChangeOutcome.Applied { Request: var applied } when result.Written:
                Log.ChangeApplied(logger, applied.Number, applied.State, applied.Version);
                break;
            case ChangeOutcome.Conflict { Current: var current }:
                Log.StaleChange(logger, change.Number, change.ExpectedVersion, current.Version);
                break;
        }

        return result.Outcome;
    }

    public async Task<RequestNumber?> FindChangeAsync(string changeId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(changeId);
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await FindChangeAsync(connection, null, changeId, cancellationToken);
            },
            cancellationToken);
    }

    private static async Task<RequestNumber?> FindChangeAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string changeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT number FROM request_history WHERE change_id = @id
            UNION ALL SELECT number FROM requests WHERE submission_key = @id
            LIMIT 1
            """,
            connection,
            transaction);
        command.Parameters.AddWithValue("id", changeId);
        return await command.ExecuteScalarAsync(cancellationToken) is long number ? new RequestNumber(number) : null;
    }

    public async Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.QuerySingleAsync(connection, null, "number = @value", number.Value, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionKey);
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.QuerySingleAsync(connection, null, "submission_key = @value", submissionKey, cancellationToken);
            },
            cancellationToken);
    }

    public async Task<RequestPage> ListByRequesterAsync(
        string requesterAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterAadObjectId);
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.QueryPageAsync(
                    connection,
                    "requester_aad_id = @requester",
                    [new NpgsqlParameter("requester", requesterAadObjectId)],
                    continuationToken,
                    take,
                    cancellationToken);
            },
            cancellationToken);
    }

    public async Task<RequestPage> ListByAssigneeAsync(
        string assigneeAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assigneeAadObjectId);
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.QueryPageAsync(
                    connection,
                    "assigned_to_aad_id = @assignee AND state = ANY (@states)",
                    [new NpgsqlParameter("assignee", assigneeAadObjectId), new NpgsqlParameter("states", OpenStates)],
                    continuationToken,
                    take,
                    cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>One query: the newest rows by number, the primary key.</summary>
    public async Task<RequestPage> ListRecentAsync(string? continuationToken, int take, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.QueryPageAsync(
                    connection, "TRUE", [], continuationToken, take, cancellationToken, RequestRules.MaxRecentPageSize);
            },
            cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {

                // Kept up to date by a trigger (schema migration 2); a professional with nothing open or completed is left out.
                await using var command = new NpgsqlCommand(
                    "SELECT aad_id, open_count, completed_count, on_time_count FROM professional_stats WHERE open_count > 0 OR completed_count > 0",
                    connection);
                var stats = new Dictionary<string, ProfessionalStats>(StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    var id = reader.GetString(0);
                    stats[id] = new ProfessionalStats(id, reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3));
                }

                return stats;
            },
            cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        return await database.WithConnectionAsync(
            async connection =>
            {
                return await PostgresRequestRows.ReadHistoryAsync(connection, number, cancellationToken);
            },
            cancellationToken);
    }

    public async Task PingAsync(CancellationToken cancellationToken = default)
    {
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
            },
            cancellationToken);
    }

    /// <summary>Files the request; null when its submission key was already filed.</summary>
    private static async Task<LegalRequest?> InsertRequestAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, NewRequest request, CancellationToken cancellationToken)
    {
        var details = request.Details;
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO requests (
                submission_key, type_key, title, description, business_unit, counterparty, priority, requested_due_date,
                fields_json, requester_aad_id, requester_name, requester_email, tenant_id, state,
                created_at, created_offset, created_ticks, updated_at, updated_offset, updated_ticks, target_date, version, pauses)
            VALUES (
                @submission_key, @type_key, @title, @description, @business_unit, @counterparty, @priority, @requested_due_date,
                @fields_json, @requester_aad_id, @requester_name, @requester_email, @tenant_id, @state,
                @at, @offset, @ticks, @at, @offset, @ticks, @target_date, 1, '')
            ON CONFLICT (submission_key) DO NOTHING
            RETURNING
            """ + " " + PostgresRequestRows.Columns,
            connection,
            transaction);
        var p = command.Parameters;
        p.AddWithValue("submission_key", request.SubmissionKey);
        p.AddWithValue("type_key", details.TypeKey);
        p.AddWithValue("title", details.Title);
        p.AddWithValue("description", details.Description);
        p.AddWithValue("business_unit", details.BusinessUnit);
        p.AddWithValue("counterparty", NpgsqlDbType.Text, OrNull(details.Counterparty));
        p.AddWithValue("priority", details.Priority.ToString());
        p.AddWithValue("requested_due_date", NpgsqlDbType.Date, details.RequestedDueDate is { } due ? due : DBNull.Value);
        p.AddWithValue("fields_json", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(details.Fields));
        p.AddWithValue("requester_aad_id", request.Requester.AadObjectId);
        p.AddWithValue("requester_name", request.Requester.Name);
        p.AddWithValue("requester_email", NpgsqlDbType.Text, OrNull(request.Requester.Email));
        p.AddWithValue("tenant_id", NpgsqlDbType.Text, OrNull(request.TenantId));
        p.AddWithValue("state", RequestState.Submitted.ToString());
        p.AddWithValue("at", Instant(request.At));
        p.AddWithValue("offset", request.At.Offset);
        p.AddWithValue("ticks", TickDigit(request.At));
        p.AddWithValue("target_date", request.TargetDate);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? PostgresRequestRows.Read(reader) : null;
    }

    /// <summary>Writes the change to the request row locked by the caller, and returns the row as it now is.</summary>
    private static async Task<LegalRequest> UpdateRequestAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, LegalRequest current, RequestChange change, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand { Connection = connection, Transaction = transaction };
        var p = command.Parameters;
        var set = new List<string>
        {
            "state = @to", "updated_at = @at", "updated_offset = @offset", "updated_ticks = @ticks", "version = version + 1",
        };
        p.AddWithValue("to", change.To.ToString());
        p.AddWithValue("at", Instant(change.At));
        p.AddWithValue("offset", change.At.Offset);
        p.AddWithValue("ticks", TickDigit(change.At));

        if (change.ChangesAssignee)
        {
            set.Add("assigned_to_aad_id = @assignee_id, assigned_to_name = @assignee_name, assigned_to_email = @assignee_email");
            p.AddWithValue("assignee_id", NpgsqlDbType.Text, OrNull(change.Assignee?.AadObjectId));
            p.AddWithValue("assignee_name", NpgsqlDbType.Text, OrNull(change.Assignee?.Name));
            p.AddWithValue("assignee_email", NpgsqlDbType.Text, OrNull(change.Assignee?.Email));
        }

        if (change.HoursSpent is { } hours)
        {
            set.Add("hours_spent = @hours");
            p.AddWithValue("hours", hours);
        }

        if (change.Rating is { } rating)
        {
            set.Add("rating = @rating, rating_comment = @rating_comment");
            p.AddWithValue("rating", rating);
            p.AddWithValue("rating_comment", NpgsqlDbType.Text, OrNull(change.Note));
        }

        if (change.To == RequestState.Completed && current.State != RequestState.Completed)
        {
            // The date where the work was completed (the change's own offset) decides whether it was on time.
            set.Add("completed_at = @at, completed_offset = @offset, completed_ticks = @ticks, completed_on = @completed_on");
            p.AddWithValue("completed_on", DateOnly.FromDateTime(change.At.DateTime));
        }

        if (change.TargetDate is { } target)
        {
            set.Add("target_date = @target_date");
            p.AddWithValue("target_date", target);
        }

        // A request filed before pauses were kept has none (NULL): its history has them.
        if (current.Pauses is { } pauses)
        {
            set.Add("pauses = @pauses");
            p.AddWithValue("pauses", pauses.After(current.State, change.To, change.At).Format());
        }

        command.CommandText = "UPDATE requests SET " + string.Join(", ", set)
            + " WHERE number = @number RETURNING " + PostgresRequestRows.Columns;
        p.AddWithValue("number", change.Number.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? PostgresRequestRows.Read(reader)
            : throw new InvalidOperationException("The locked request could not be updated.");
    }
}
