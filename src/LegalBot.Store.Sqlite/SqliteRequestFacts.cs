using System.Collections.Frozen;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// The metrics' facts in three sequential reads, whatever the number of requests: the requests in the period or open;
/// the history lines that triage, assign or accept, in order per request; and the lines that stop or restart the
/// service-level clock. Each request's triage, assignment and acceptance are found while the lines stream by, so no
/// query runs per request.
/// </summary>
public sealed class SqliteRequestFacts(SqliteDatabase database) : IRequestFacts
{
    private static readonly string Open = Quoted(RequestFactsLines.OpenStates);

    private static readonly string Paused = Quoted(RequestFactsLines.PausedStates);

    private static readonly FrozenSet<string> Triage = RequestFactsLines.TriageActions.ToFrozenSet(StringComparer.Ordinal);

    private static readonly FrozenSet<string> Assignment = RequestFactsLines.AssignActions.ToFrozenSet(StringComparer.Ordinal);

    private static readonly string Acceptance = RequestFactsLines.AcceptAction;

    private static readonly string RequestsQuery = $"""
        SELECT number, type_key, state, created_at, target_date, completed_at, assigned_to_aad_id, hours_spent, rating
          FROM requests
         WHERE state IN ({Open})
            OR (julianday(created_at) >= julianday($from) AND julianday(created_at) < julianday($to))
            OR (completed_at IS NOT NULL AND julianday(completed_at) >= julianday($from) AND julianday(completed_at) < julianday($to))
        """;

    private static readonly string StepsQuery = $"""
        SELECT number, action, at, actor_aad_id FROM request_history
         WHERE action IN ({Quoted([.. Triage.Union(Assignment).Append(Acceptance).Distinct()])})
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

    /// <summary>
    /// Each request's first triage decision, its last acceptance (and who accepted), and the assignment that acceptance
    /// answered (the last one before it), or the last assignment when none was accepted.
    /// </summary>
    private static async Task StepsAsync(SqliteConnection connection, Dictionary<long, RequestFacts> rows, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = StepsQuery;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var steps = new Steps();
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            if (number != steps.Number)
            {
                steps.SaveTo(rows);
                steps = new Steps { Number = number, Wanted = rows.ContainsKey(number) };
            }

            if (steps.Wanted)
            {
                steps.Add(reader.GetString(1), ParseTimestamp(reader.GetString(2)), GetNullableString(reader, 3));
            }
        }

        steps.SaveTo(rows);
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

    /// <summary>One request's triage, assignment and acceptance lines, read in order.</summary>
    private sealed class Steps
    {
        private DateTimeOffset? triaged;
        private DateTimeOffset? lastAssigned;
        private DateTimeOffset? assignedBeforeAcceptance;
        private DateTimeOffset? accepted;
        private string? acceptedBy;

        public long Number { get; init; } = -1;

        public bool Wanted { get; init; }

        public void Add(string action, DateTimeOffset at, string? actor)
        {
            if (triaged is null && Triage.Contains(action))
            {
                triaged = at;
            }

            if (Assignment.Contains(action))
            {
                lastAssigned = at;
            }

            if (action == Acceptance)
            {
                (accepted, acceptedBy, assignedBeforeAcceptance) = (at, actor, lastAssigned);
            }
        }

        public void SaveTo(Dictionary<long, RequestFacts> rows)
        {
            if (Wanted)
            {
                rows[Number] = rows[Number] with
                {
                    TriagedAt = triaged,
                    AssignedAt = accepted is null ? lastAssigned : assignedBeforeAcceptance,
                    AcceptedAt = accepted,
                    AcceptedBy = acceptedBy,
                };
            }
        }
    }

    private static DateTimeOffset? TimeOrNull(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : ParseTimestamp(reader.GetString(ordinal));

    /// <summary>Names the store itself writes, quoted for an IN list.</summary>
    private static string Quoted(IReadOnlyList<string> names) => string.Join(", ", names.Select(n => $"'{n}'"));
}
