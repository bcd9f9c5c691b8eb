using System.Data;
using System.Globalization;
using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace LegalBot.Store.Sqlite;

/// <summary>The request store on an embedded SQLite database file.</summary>
public sealed class SqliteRequestStore(SqliteDatabase database, ILogger<SqliteRequestStore> logger) : IRequestStore
{
    public const int MaxPageSize = 50;

    private const string CreatedAction = "created";

    private const string RequestColumns = """
        number, submission_key, type_key, title, description, business_unit, counterparty, priority,
        requested_due_date, fields_json, requester_aad_id, requester_name, requester_email, tenant_id, state,
        assigned_to_aad_id, assigned_to_name, assigned_to_email, created_at, updated_at, target_date, version
        """;

    private const string SelectRequest = "SELECT " + RequestColumns + " FROM requests";

    public async Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.SubmissionKey, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Details, nameof(request));
        ArgumentNullException.ThrowIfNull(request.Requester, nameof(request));

        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // Serializable is BEGIN IMMEDIATE in Microsoft.Data.Sqlite: writers queue up instead of failing
        // when a read lock would have to be upgraded.
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(
            IsolationLevel.Serializable, cancellationToken);

        var number = await InsertRequestAsync(connection, transaction, request, cancellationToken);
        if (number is null)
        {
            var existing = await QuerySingleAsync(
                connection, transaction, "submission_key = $key", ("$key", request.SubmissionKey), cancellationToken)
                ?? throw new InvalidOperationException("A request with this submission key conflicted but could not be read.");

            // The ignored insert still advanced sqlite_sequence; rolling back keeps double clicks from using up numbers.
            await transaction.RollbackAsync(cancellationToken);
            Log.DuplicateSubmission(logger, existing.Number);
            return new CreateResult(existing, Created: false);
        }

        await InsertHistoryAsync(
            connection,
            transaction,
            new HistoryEntry(number.Value, request.At, request.Requester, CreatedAction, null, RequestState.Submitted, null),
            cancellationToken);

        var created = await QuerySingleAsync(
            connection, transaction, "number = $number", ("$number", number.Value.Value), cancellationToken)
            ?? throw new InvalidOperationException("The request just inserted could not be read back.");
        await transaction.CommitAsync(cancellationToken);
        Log.RequestCreated(logger, created.Number);
        return new CreateResult(created, Created: true);
    }

    public async Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, "number = $number", ("$number", number.Value), cancellationToken);
    }

    public async Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(submissionKey);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        return await QuerySingleAsync(connection, null, "submission_key = $key", ("$key", submissionKey), cancellationToken);
    }

    public async Task<RequestPage> ListByRequesterAsync(
        string requesterAadObjectId, int skip, int take, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requesterAadObjectId);
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        take = Math.Clamp(take, 1, MaxPageSize);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);

        // One statement, so the page and its total come from the same snapshot.
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + RequestColumns + ", COUNT(*) OVER () AS total FROM requests "
            + "WHERE requester_aad_id = $requester ORDER BY number DESC LIMIT $take OFFSET $skip;";
        command.Parameters.AddWithValue("$requester", requesterAadObjectId);
        command.Parameters.AddWithValue("$take", take);
        command.Parameters.AddWithValue("$skip", skip);

        var items = new List<LegalRequest>(take);
        var total = 0;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(ReadRequest(reader));
                total = reader.GetInt32(reader.GetOrdinal("total"));
            }
        }

        if (items.Count == 0 && skip > 0)
        {
            // Past the end: the window count saw no rows, so count separately.
            await using var count = connection.CreateCommand();
            count.CommandText = "SELECT COUNT(*) FROM requests WHERE requester_aad_id = $requester;";
            count.Parameters.AddWithValue("$requester", requesterAadObjectId);
            total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        return new RequestPage(items, total, skip, take);
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT number, at, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note
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
                GetNullableString(reader, 8)));
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
        p.AddWithValue("$counterparty", (object?)details.Counterparty ?? DBNull.Value);
        p.AddWithValue("$priority", details.Priority.ToString());
        p.AddWithValue("$requested_due_date", details.RequestedDueDate is { } due ? FormatDate(due) : DBNull.Value);
        p.AddWithValue("$fields_json", JsonSerializer.Serialize(details.Fields));
        p.AddWithValue("$requester_aad_id", request.Requester.AadObjectId);
        p.AddWithValue("$requester_name", request.Requester.Name);
        p.AddWithValue("$requester_email", (object?)request.Requester.Email ?? DBNull.Value);
        p.AddWithValue("$tenant_id", (object?)request.TenantId ?? DBNull.Value);
        p.AddWithValue("$state", RequestState.Submitted.ToString());
        p.AddWithValue("$at", at);
        p.AddWithValue("$target_date", FormatDate(request.TargetDate));

        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull
            ? null
            : new RequestNumber(Convert.ToInt64(result, CultureInfo.InvariantCulture));
    }

    private static async Task InsertHistoryAsync(
        SqliteConnection connection, SqliteTransaction transaction, HistoryEntry entry, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO request_history (number, at, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note)
            VALUES ($number, $at, $actor_aad_id, $actor_name, $actor_email, $action, $from_state, $to_state, $note);
            """;
        var p = command.Parameters;
        p.AddWithValue("$number", entry.Number.Value);
        p.AddWithValue("$at", FormatTimestamp(entry.At));
        p.AddWithValue("$actor_aad_id", entry.Actor.AadObjectId);
        p.AddWithValue("$actor_name", entry.Actor.Name);
        p.AddWithValue("$actor_email", (object?)entry.Actor.Email ?? DBNull.Value);
        p.AddWithValue("$action", entry.Action);
        p.AddWithValue("$from_state", (object?)entry.FromState?.ToString() ?? DBNull.Value);
        p.AddWithValue("$to_state", entry.ToState.ToString());
        p.AddWithValue("$note", (object?)entry.Note ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task<LegalRequest?> QuerySingleAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string where,
        (string Name, object Value) parameter,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = SelectRequest + " WHERE " + where + ";";
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRequest(reader) : null;
    }

    private static LegalRequest ReadRequest(SqliteDataReader reader)
    {
        var assignedId = GetNullableString(reader, 15);
        return new LegalRequest
        {
            Number = new RequestNumber(reader.GetInt64(0)),
            Details = new RequestDraft
            {
                TypeKey = reader.GetString(2),
                Title = reader.GetString(3),
                Description = reader.GetString(4),
                BusinessUnit = reader.GetString(5),
                Counterparty = GetNullableString(reader, 6),
                Priority = ParseEnum<Priority>(reader.GetString(7)),
                RequestedDueDate = reader.IsDBNull(8) ? null : ParseDate(reader.GetString(8)),
                Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(9)) ?? [],
            },
            Requester = new Person(reader.GetString(10), reader.GetString(11), GetNullableString(reader, 12)),
            TenantId = GetNullableString(reader, 13),
            State = ParseEnum<RequestState>(reader.GetString(14)),
            AssignedTo = assignedId is null
                ? null
                : new Person(assignedId, reader.GetString(16), GetNullableString(reader, 17)),
            CreatedAt = ParseTimestamp(reader.GetString(18)),
            UpdatedAt = ParseTimestamp(reader.GetString(19)),
            TargetDate = ParseDate(reader.GetString(20)),
            Version = reader.GetInt32(21),
        };
    }

    private static string? GetNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static T ParseEnum<T>(string value)
        where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: false);

    // ISO 8601 round-trip ("o") keeps ticks and the offset.
    private static string FormatTimestamp(DateTimeOffset value) => value.ToString("o", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.ParseExact(value, "o", CultureInfo.InvariantCulture, DateTimeStyles.None);

    private static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly ParseDate(string value) =>
        DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}
