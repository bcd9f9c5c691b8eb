using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Npgsql;
using NpgsqlTypes;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The <c>requests</c> and <c>request_history</c> rows as the store reads and writes them: the one column list, the
/// row-to-<see cref="LegalRequest"/> mapping, keyset pages and the history insert.
/// </summary>
internal static class PostgresRequestRows
{
    /// <summary>The PostgreSQL store's continuation tokens (its own prefix, so another store's are refused).</summary>
    private static readonly NumberPageToken PageTokens = new("p1.");

    // Read by position in Read below; keep the two in step.
    public const string Columns = """
        number, type_key, title, description, business_unit, counterparty, priority, requested_due_date, fields_json::text,
        requester_aad_id, requester_name, requester_email, tenant_id, state, assigned_to_aad_id, assigned_to_name,
        assigned_to_email, created_at, created_offset, created_ticks, updated_at, updated_offset, updated_ticks, target_date,
        version, completed_at, completed_offset, completed_ticks, hours_spent, rating, rating_comment, pauses
        """;

    public static LegalRequest Read(NpgsqlDataReader reader)
    {
        var assignedId = GetNullableString(reader, 14);
        return new LegalRequest
        {
            Number = new RequestNumber(reader.GetInt64(0)),
            Details = new RequestDraft
            {
                TypeKey = reader.GetString(1),
                Title = reader.GetString(2),
                Description = reader.GetString(3),
                BusinessUnit = reader.GetString(4),
                Counterparty = GetNullableString(reader, 5),
                Priority = ParseEnum<Priority>(reader.GetString(6)),
                RequestedDueDate = reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7),
                Fields = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(8)) ?? [],
            },
            Requester = new Person(reader.GetString(9), reader.GetString(10), GetNullableString(reader, 11)),
            TenantId = GetNullableString(reader, 12),
            State = ParseEnum<RequestState>(reader.GetString(13)),
            AssignedTo = assignedId is null ? null : new Person(assignedId, reader.GetString(15), GetNullableString(reader, 16)),
            CreatedAt = ReadExact(reader, 17, 18, 19),
            UpdatedAt = ReadExact(reader, 20, 21, 22),
            TargetDate = reader.GetFieldValue<DateOnly>(23),
            Version = reader.GetInt32(24),
            CompletedAt = reader.IsDBNull(25) ? null : ReadExact(reader, 25, 26, 27),
            HoursSpent = reader.IsDBNull(28) ? null : reader.GetDecimal(28),
            Rating = reader.IsDBNull(29) ? null : reader.GetInt32(29),
            RatingComment = GetNullableString(reader, 30),
            Pauses = PauseLog.Parse(GetNullableString(reader, 31)),
        };
    }

    /// <summary>The one request matching <paramref name="where"/> (a fixed SQL condition on <c>@value</c>), or null.</summary>
    public static async Task<LegalRequest?> QuerySingleAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string where, object value, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT " + Columns + " FROM requests WHERE " + where, connection, transaction);
        command.Parameters.AddWithValue("value", value);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    /// <summary>
    /// A page of requests matching <paramref name="where"/> (a fixed SQL condition; values in
    /// <paramref name="parameters"/>), newest first, after the request <paramref name="continuationToken"/> points at
    /// (keyset paging on the number, so a request filed meanwhile neither repeats nor hides a row).
    /// <paramref name="take"/> is clamped to 1..<paramref name="maxTake"/>.
    /// </summary>
    public static async Task<RequestPage> QueryPageAsync(
        NpgsqlConnection connection,
        string where,
        IReadOnlyList<NpgsqlParameter> parameters,
        string? continuationToken,
        int take,
        CancellationToken cancellationToken,
        int maxTake = RequestRules.MaxPageSize)
    {
        var before = continuationToken is null ? long.MaxValue : PageTokens.Read(continuationToken);
        take = Math.Clamp(take, 1, maxTake);

        // One row more than the page tells whether another page follows.
        await using var command = new NpgsqlCommand(
            "SELECT " + Columns + " FROM requests WHERE (" + where + ") AND number < @before ORDER BY number DESC LIMIT @take",
            connection);
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(parameter);
        }

        command.Parameters.AddWithValue("before", before);
        command.Parameters.AddWithValue("take", take + 1);

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
        NpgsqlConnection connection, NpgsqlTransaction transaction, HistoryEntry entry, string? changeId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO request_history (number, at, at_offset, at_ticks, actor_aad_id, actor_name, actor_email, action, from_state,
                                         to_state, note, assignee_aad_id, assignee_name, assignee_email, hours_spent, rating, change_id,
                                         target_date)
            VALUES (@number, @at, @at_offset, @at_ticks, @actor_aad_id, @actor_name, @actor_email, @action, @from_state,
                    @to_state, @note, @assignee_aad_id, @assignee_name, @assignee_email, @hours_spent, @rating, @change_id,
                    @target_date)
            """,
            connection,
            transaction);
        var p = command.Parameters;
        p.AddWithValue("number", entry.Number.Value);
        p.AddWithValue("at", Instant(entry.At));
        p.AddWithValue("at_offset", entry.At.Offset);
        p.AddWithValue("at_ticks", TickDigit(entry.At));
        p.AddWithValue("actor_aad_id", entry.Actor.AadObjectId);
        p.AddWithValue("actor_name", entry.Actor.Name);
        p.AddWithValue("actor_email", NpgsqlDbType.Text, OrNull(entry.Actor.Email));
        p.AddWithValue("action", entry.Action);
        p.AddWithValue("from_state", NpgsqlDbType.Text, OrNull(entry.FromState?.ToString()));
        p.AddWithValue("to_state", entry.ToState.ToString());
        p.AddWithValue("note", NpgsqlDbType.Text, OrNull(entry.Note));
        p.AddWithValue("assignee_aad_id", NpgsqlDbType.Text, OrNull(entry.Assignee?.AadObjectId));
        p.AddWithValue("assignee_name", NpgsqlDbType.Text, OrNull(entry.Assignee?.Name));
        p.AddWithValue("assignee_email", NpgsqlDbType.Text, OrNull(entry.Assignee?.Email));
        p.AddWithValue("hours_spent", NpgsqlDbType.Numeric, entry.HoursSpent is { } hours ? hours : DBNull.Value);
        p.AddWithValue("rating", NpgsqlDbType.Integer, entry.Rating is { } rating ? rating : DBNull.Value);
        p.AddWithValue("change_id", NpgsqlDbType.Text, OrNull(changeId));
        p.AddWithValue("target_date", NpgsqlDbType.Date, entry.TargetDate is { } target ? target : DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<IReadOnlyList<HistoryEntry>> ReadHistoryAsync(
        NpgsqlConnection connection, RequestNumber number, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            SELECT number, at, at_offset, at_ticks, actor_aad_id, actor_name, actor_email, action, from_state, to_state, note,
                   assignee_aad_id, assignee_name, assignee_email, hours_spent, rating, target_date
            FROM request_history WHERE number = @number ORDER BY id
            """,
            connection);
        command.Parameters.AddWithValue("number", number.Value);

        var entries = new List<HistoryEntry>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new HistoryEntry(
                new RequestNumber(reader.GetInt64(0)),
                ReadExact(reader, 1, 2, 3),
                new Person(reader.GetString(4), reader.GetString(5), GetNullableString(reader, 6)),
                reader.GetString(7),
                reader.IsDBNull(8) ? null : ParseEnum<RequestState>(reader.GetString(8)),
                ParseEnum<RequestState>(reader.GetString(9)),
                GetNullableString(reader, 10))
            {
                Assignee = reader.IsDBNull(11) ? null : new Person(reader.GetString(11), reader.GetString(12), GetNullableString(reader, 13)),
                HoursSpent = reader.IsDBNull(14) ? null : reader.GetDecimal(14),
                Rating = reader.IsDBNull(15) ? null : reader.GetInt32(15),
                TargetDate = reader.IsDBNull(16) ? null : reader.GetFieldValue<DateOnly>(16),
            });
        }

        return entries;
    }
}
