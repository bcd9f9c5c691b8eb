using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The <c>requests</c> and <c>request_history</c> rows as the stores read and write them: the one column
/// list, the row-to-<see cref="LegalRequest"/> mapping, and the history insert.
/// </summary>
internal static class RequestRows
{
    /// <summary>The SQLite store's continuation tokens (its own prefix, so another store's are refused).</summary>
    private static readonly NumberPageToken PageTokens = new("s1.");

    // Read by position in Read below; keep the two in step.
    public const string Columns = """
        number, submission_key, type_key, title, description, business_unit, counterparty, priority,
        requested_due_date, fields_json, requester_aad_id, requester_name, requester_email, tenant_id, state,
        assigned_to_aad_id, assigned_to_name, assigned_to_email, created_at, updated_at, target_date, version,
        completed_at, hours_spent, rating, rating_comment, pauses
        """;

    public const string Select = "SELECT " + Columns + " FROM requests";

    public static LegalRequest Read(SqliteDataReader reader)
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
            CompletedAt = reader.IsDBNull(22) ? null : ParseTimestamp(reader.GetString(22)),
            HoursSpent = reader.IsDBNull(23) ? null : ParseDecimal(reader.GetString(23)),
            Rating = reader.IsDBNull(24) ? null : reader.GetInt32(24),
            RatingComment = GetNullableString(reader, 25),
            Pauses = PauseLog.Parse(GetNullableString(reader, 26)),
        };
    }

    public static async Task<LegalRequest?> QuerySingleAsync(
        SqliteConnection connection,
        SqliteTransaction? transaction,
        string where,
        (string Name, object Value) parameter,
        CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Select + " WHERE " + where + ";";
        command.Parameters.AddWithValue(parameter.Name, parameter.Value);

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// A page of requests matching <paramref name="where"/> (a fixed SQL condition; values go in
    /// <paramref name="parameters"/>), newest first, after the request <paramref name="continuationToken"/> points
    /// at (keyset paging on the number, so a request filed meanwhile neither repeats nor hides a row).
    /// <paramref name="take"/> is clamped to 1..<paramref name="maxTake"/>.
    /// </summary>
    public static async Task<RequestPage> QueryPageAsync(
        SqliteConnection connection,
        string where,
        IReadOnlyList<(string Name, object Value)> parameters,
        string? continuationToken,
        int take,
        CancellationToken cancellationToken,
        int maxTake = RequestRules.MaxPageSize)
    {
        var before = continuationToken is null ? long.MaxValue : PageTokens.Read(continuationToken);
        take = Math.Clamp(take, 1, maxTake);

        // One row more than the page tells whether another page follows.
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT " + Columns + " FROM requests "
            + "WHERE (" + where + ") AND number < $before ORDER BY number DESC LIMIT $take;";
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.Parameters.AddWithValue("$before", before);
        command.Parameters.AddWithValue("$take", take + 1);

        var items = new List<LegalRequest>(take + 1);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                items.Add(Read(reader));
            }
        }

        return PageTokens.Page(items, take);
    }

    public static async Task InsertHistoryAsync(
        SqliteConnection connection, SqliteTransaction transaction, HistoryEntry entry, string? changeId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            INSERT INTO request_history (number, at, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note,
                                         assignee_aad_id, assignee_name, assignee_email, hours_spent, rating, change_id, target_date)
            VALUES ($number, $at, $actor_aad_id, $actor_name, $actor_email, $action, $from_state, $to_state, $note,
                    $assignee_aad_id, $assignee_name, $assignee_email, $hours_spent, $rating, $change_id, $target_date);
            """;
        var p = command.Parameters;
        p.AddWithValue("$number", entry.Number.Value);
        p.AddWithValue("$at", FormatTimestamp(entry.At));
        p.AddWithValue("$actor_aad_id", entry.Actor.AadObjectId);
        p.AddWithValue("$actor_name", entry.Actor.Name);
        p.AddWithValue("$actor_email", OrNull(entry.Actor.Email));
        p.AddWithValue("$action", entry.Action);
        p.AddWithValue("$from_state", OrNull(entry.FromState?.ToString()));
        p.AddWithValue("$to_state", entry.ToState.ToString());
        p.AddWithValue("$note", OrNull(entry.Note));
        p.AddWithValue("$assignee_aad_id", OrNull(entry.Assignee?.AadObjectId));
        p.AddWithValue("$assignee_name", OrNull(entry.Assignee?.Name));
        p.AddWithValue("$assignee_email", OrNull(entry.Assignee?.Email));
        p.AddWithValue("$hours_spent", entry.HoursSpent is { } hours ? FormatDecimal(hours) : DBNull.Value);
        p.AddWithValue("$rating", entry.Rating is { } rating ? rating : DBNull.Value);
        p.AddWithValue("$change_id", OrNull(changeId));
        p.AddWithValue("$target_date", entry.TargetDate is { } target ? FormatDate(target) : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
