using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The metrics' facts in three sequential reads, whatever the number of requests: the requests open, or filed,
/// completed or assigned in the period; the history lines that triage, assign, accept or decline, in order per
/// request (<see cref="RequestSteps"/> reads them as they stream by, so no query runs per request); and the lines that
/// stop or restart the service-level clock.
/// </summary>
public sealed class SqliteRequestFacts(SqliteDatabase database) : IRequestFacts
{
    private static readonly string Open = Quoted(RequestFactsLines.OpenStates);

    private static readonly string Paused = Quoted(RequestFactsLines.PausedStates);

    private static readonly string Assignments = Quoted(RequestFactsLines.AssignActions);

    private static readonly string RequestsQuery = $"""
        SELECT number, type_key, state, created_at, target_date, completed_at, assigned_to_aad_id, hours_spent, rating
          FROM requests
         WHERE state IN ({Open})
            OR (julianday(created_at) >= julianday($from) AND julianday(created_at) < julianday($to))
            OR (completed_at IS NOT NULL AND julianday(completed_at) >= julianday($from) AND julianday(completed_at) < julianday($to))
            OR number IN (SELECT number FROM request_history
                           WHERE action IN ({Assignments}) AND julianday(at) >= julianday($from) AND julianday(at) < julianday($to))
        """;

    private static readonly string StepsQuery = $"""
        SELECT number, action, at, actor_aad_id, assignee_aad_id, assignee_name FROM request_history
         WHERE action IN ({Quoted(RequestFactsLines.StepActions)})
         ORDER BY number, id
        """;

    private static readonly string PausesQuery = $"""
        SELECT number, at, to_state FROM request_history
         WHERE to_state IN ({Paused}) OR from_state IN ({Paused})
         ORDER BY number, id
        """;

    public async Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = new Dictionary<long, RequestFacts>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = RequestsQuery;
            command.Parameters.AddWithValue("$from", FormatUtcTimestamp(from));
            command.Parameters.AddWithValue("$to", FormatUtcTimestamp(to));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var number = reader.GetInt64(0);
                rows[number] = new RequestFacts(
                    new RequestNumber(number),
                    reader.GetString(1),
                    ParseEnum<RequestState>(reader.GetString(2)),
                    ParseTimestamp(reader.GetString(3)),
                    ParseDate(reader.GetString(4)),
                    null,
                    null,
                    null,
                    null,
                    TimeOrNull(reader, 5),
                    GetNullableString(reader, 6),
                    reader.IsDBNull(7) ? null : ParseDecimal(reader.GetString(7)),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    []);
            }
        }

        await StepsAsync(connection, rows, cancellationToken);
        await PausesAsync(connection, rows, cancellationToken);
        return [.. rows.Values];
    }

    /// <summary>Each request's triage, assignments and their answers, read into <see cref="RequestSteps"/> as the lines stream by.</summary>
    private static async Task StepsAsync(SqliteConnection connection, Dictionary<long, RequestFacts> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = StepsQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = new RequestStepsReader(rows);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (steps.Wants(reader.GetInt64(0)))
            {
                steps.Add(reader.GetString(1), ParseTimestamp(reader.GetString(2)), reader.GetString(3), GetNullableString(reader, 4), GetNullableString(reader, 5));
            }
        }

        steps.Finish();
    }

    /// <summary>Each request's waits on its requester, from the lines entering and leaving the paused states.</summary>
    private static async Task PausesAsync(SqliteConnection connection, Dictionary<long, RequestFacts> rows, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<long, List<(DateTimeOffset, RequestState)>>();
        await using var command = connection.CreateCommand();
        command.CommandText = PausesQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            if (!rows.ContainsKey(number))
            {
                continue;
            }

            if (!lines.TryGetValue(number, out var list))
            {
                lines[number] = list = [];
            }

            list.Add((ParseTimestamp(reader.GetString(1)), ParseEnum<RequestState>(reader.GetString(2))));
        }

        foreach (var (number, list) in lines)
        {
            rows[number] = rows[number] with { Pauses = ServiceLevels.PausesOf(list) };
        }
    }

    private static DateTimeOffset? TimeOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTimestamp(reader.GetString(ordinal));

    /// <summary>Names the store itself writes, quoted for an IN list.</summary>
    private static string Quoted(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
