using System.Data;
using System.Globalization;
using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>The request store on an embedded SQLite database file.</summary>
public sealed class SqliteRequestStore(SqliteDatabase database, ILogger<SqliteRequestStore> logger) : IRequestStore
{
    public const int MaxPageSize = RequestRows.MaxPageSize;

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
            cancellationToken);
        await SqliteWorkflowStore.InsertNotificationsAsync(
            connection,
            transaction,
            [.. request.Notifications.Select(n => n with { Number = number.Value })],
            request.At,
            cancellationToken);

        var created = await RequestRows.QuerySingleAsync(
            connection, transaction, "number = $number", ("$number", number.Value.Value), cancellationToken)
            ?? throw new InvalidOperationException("The request just inserted could not be read back.");
        await transaction.CommitAsync(cancellationToken);
        Log.RequestCreated(logger, created.Number);
        return new CreateResult(created, Created: true);
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
        string requesterAadObjectId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterAadObjectId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await RequestRows.QueryPageAsync(
            connection, "requester_aad_id = $requester", [("$requester", requesterAadObjectId)], skip, take, cancellationToken);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT number, at, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note,
                   assignee_aad_id, assignee_name, assignee_email, hours_spent, rating
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
                created_at, updated_at, target_date, version)
            VALUES (
                $submission_key, $type_key, $title, $description, $business_unit, $counterparty, $priority,
                $requested_due_date, $fields_json, $requester_aad_id, $requester_name, $requester_email, $tenant_id, $state,
                $at, $at, $target_date, 1)
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
}
