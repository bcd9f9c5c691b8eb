using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Data.Sqlite;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The metrics' facts in three queries, whatever the number of requests: one over the requests in the period or open,
/// each with its triage, assignment and acceptance times found through the history index; one over the history
/// lines that stop or restart the service-level clock; one over the assignments of those requests and their answers.
/// </summary>
public sealed class SqliteRequestFacts(SqliteDatabase database) : IRequestFacts
{
    private static readonly string Open = string.Join(", ", Enum.GetValues<RequestState>().Where(s => !WorkflowTable.IsTerminal(s)).Select(s => $"'{s}'"));

    private static readonly string Paused = string.Join(", ", Enum.GetValues<RequestState>().Where(s => s.IsPaused()).Select(s => $"'{s}'"));

    private static readonly string TriageActions = string.Join(", ", new[] { WorkflowAction.Assign, WorkflowAction.KeepInHouse, WorkflowAction.AskForInfo, WorkflowAction.Reject }.Select(a => $"'{Camel(a)}'"));

    private static readonly string AssignActions = string.Join(", ", new[] { WorkflowAction.Assign, WorkflowAction.Reassign }.Select(a => $"'{Camel(a)}'"));

    /// <summary>The requests a period's facts take (as <c>r</c>): open, or filed, completed or assigned in [$from, $to).</summary>
    private static readonly string InScope = $"""
        (r.state IN ({Open})
            OR (julianday(r.created_at) >= julianday($from) AND julianday(r.created_at) < julianday($to))
            OR (r.completed_at IS NOT NULL AND julianday(r.completed_at) >= julianday($from) AND julianday(r.completed_at) < julianday($to))
            OR EXISTS (SELECT 1 FROM request_history h
                        WHERE h.number = r.number AND h.action IN ({AssignActions})
                          AND julianday(h.at) >= julianday($from) AND julianday(h.at) < julianday($to)))
        """;

    private static readonly string FactsQuery = $"""
        SELECT r.number, r.type_key, r.state, r.created_at, r.target_date, r.completed_at, r.assigned_to_aad_id, r.hours_spent, r.rating,
               (SELECT h.at FROM request_history h
                 WHERE h.number = r.number AND h.action IN ({TriageActions}) ORDER BY h.id LIMIT 1) AS triaged_at,
               a.at AS accepted_at, a.actor_aad_id AS accepted_by,
               (SELECT h.at FROM request_history h
                 WHERE h.number = r.number AND h.action IN ({AssignActions}) AND (a.id IS NULL OR h.id < a.id)
                 ORDER BY h.id DESC LIMIT 1) AS assigned_at
          FROM requests r
          LEFT JOIN request_history a ON a.id = (
               SELECT h.id FROM request_history h WHERE h.number = r.number AND h.action = '{Camel(WorkflowAction.Accept)}' ORDER BY h.id DESC LIMIT 1)
         WHERE {InScope}
        """;

    private static readonly string PausesQuery = $"""
        SELECT number, at, to_state FROM request_history
         WHERE to_state IN ({Paused}) OR from_state IN ({Paused})
         ORDER BY number, id
        """;

    private static readonly string AssignmentsQuery = $"""
        SELECT a.number, a.at, a.action, a.actor_aad_id, a.assignee_aad_id, a.assignee_name
          FROM request_history a JOIN requests r ON r.number = a.number
         WHERE a.action IN ({AssignActions}, '{Camel(WorkflowAction.Accept)}', '{Camel(WorkflowAction.Decline)}') AND {InScope}
         ORDER BY a.number, a.id
        """;

    public async Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = new List<RequestFacts>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = FactsQuery;
            command.Parameters.AddWithValue("$from", FormatUtcTimestamp(from));
            command.Parameters.AddWithValue("$to", FormatUtcTimestamp(to));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add(new RequestFacts(
                    new RequestNumber(reader.GetInt64(0)),
                    reader.GetString(1),
                    ParseEnum<RequestState>(reader.GetString(2)),
                    ParseTimestamp(reader.GetString(3)),
                    ParseDate(reader.GetString(4)),
                    TimeOrNull(reader, 9),
                    TimeOrNull(reader, 12),
                    TimeOrNull(reader, 10),
                    GetNullableString(reader, 11),
                    TimeOrNull(reader, 5),
                    GetNullableString(reader, 6),
                    reader.IsDBNull(7) ? null : ParseDecimal(reader.GetString(7)),
                    reader.IsDBNull(8) ? null : reader.GetInt32(8),
                    []));
            }
        }

        var pauses = await PausesAsync(connection, cancellationToken);
        var assignments = await AssignmentsAsync(connection, from, to, cancellationToken);
        return [.. rows.Select(r => (pauses.TryGetValue(r.Number.Value, out var p) ? r with { Pauses = p } : r) with
        {
            Assignments = assignments.TryGetValue(r.Number.Value, out var a) ? a : [],
        })];
    }

    /// <summary>
    /// Each request's assignments, oldest first: an accept or decline answers the assignment before it when its
    /// professional gave it; a reassignment leaves the one before unanswered.
    /// </summary>
    private static async Task<Dictionary<long, IReadOnlyList<Assignment>>> AssignmentsAsync(SqliteConnection connection, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var found = new Dictionary<long, List<Assignment>>();
        var accept = Camel(WorkflowAction.Accept);
        var decline = Camel(WorkflowAction.Decline);
        await using var command = connection.CreateCommand();
        command.CommandText = AssignmentsQuery;
        command.Parameters.AddWithValue("$from", FormatUtcTimestamp(from));
        command.Parameters.AddWithValue("$to", FormatUtcTimestamp(to));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            var at = ParseTimestamp(reader.GetString(1));
            var action = reader.GetString(2);
            if (!found.TryGetValue(number, out var list))
            {
                found[number] = list = [];
            }

            if (action != accept && action != decline)
            {
                if (GetNullableString(reader, 4) is { } assignee)
                {
                    list.Add(new Assignment(assignee, GetNullableString(reader, 5) ?? "", at));
                }

                continue;
            }

            var last = list.Count - 1;
            if (last >= 0 && list[last] is { AcceptedAt: null, DeclinedAt: null } open
                && string.Equals(open.ProfessionalId, reader.GetString(3), StringComparison.OrdinalIgnoreCase))
            {
                list[last] = action == accept ? open with { AcceptedAt = at } : open with { DeclinedAt = at };
            }
        }

        return found.ToDictionary(f => f.Key, f => (IReadOnlyList<Assignment>)f.Value);
    }

    /// <summary>Each request's waits on its requester, from the lines entering and leaving the paused states.</summary>
    private static async Task<Dictionary<long, IReadOnlyList<Pause>>> PausesAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<long, List<(DateTimeOffset, RequestState)>>();
        await using var command = connection.CreateCommand();
        command.CommandText = PausesQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            if (!lines.TryGetValue(number, out var list))
            {
                lines[number] = list = [];
            }

            list.Add((ParseTimestamp(reader.GetString(1)), ParseEnum<RequestState>(reader.GetString(2))));
        }

        return lines.ToDictionary(l => l.Key, l => ServiceLevels.PausesOf(l.Value));
    }

    private static DateTimeOffset? TimeOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTimestamp(reader.GetString(ordinal));

    private static string Camel(WorkflowAction action)
    {
        var name = action.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
