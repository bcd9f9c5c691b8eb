using System.Data;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Npgsql;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The metrics' facts in one batch of two queries, whatever the number of requests, read from one snapshot:
/// the requests in the period or open, each with its triage, assignment and acceptance lines found through the
/// history index; then those requests' history lines that stop or restart the service-level clock. Times come back
/// exactly as written (offset and last 100-nanosecond digit kept beside each <c>timestamptz</c>); the period's bounds
/// are compared with the same precision.
/// </summary>
public sealed class PostgresRequestFacts(PostgresDatabase database) : IRequestFacts
{
    // $1 the open states; [$2 instant, $3 tick digit) to [$4 instant, $5 tick digit) the period.
    private const string InPeriod = """
        r.state = ANY ($1)
           OR ((r.created_at, r.created_ticks) >= ($2, $3) AND (r.created_at, r.created_ticks) < ($4, $5))
           OR (r.completed_at IS NOT NULL
               AND (r.completed_at, r.completed_ticks) >= ($2, $3) AND (r.completed_at, r.completed_ticks) < ($4, $5))
        """;

    // Read by position in ReadFacts below; keep the two in step. $6 the triage actions, $7 the accept action, $8 the
    // assign actions.
    private const string FactsQuery = $"""
        SELECT r.number, r.type_key, r.state, r.created_at, r.created_offset, r.created_ticks, r.target_date,
               r.completed_at, r.completed_offset, r.completed_ticks, r.assigned_to_aad_id, r.hours_spent, r.rating,
               t.at, t.at_offset, t.at_ticks,
               a.at, a.at_offset, a.at_ticks, a.actor_aad_id,
               s.at, s.at_offset, s.at_ticks
          FROM requests r
          LEFT JOIN LATERAL (
               SELECT h.at, h.at_offset, h.at_ticks FROM request_history h
                WHERE h.number = r.number AND h.action = ANY ($6)
                ORDER BY h.id LIMIT 1) t ON true
          LEFT JOIN LATERAL (
               SELECT h.id, h.at, h.at_offset, h.at_ticks, h.actor_aad_id FROM request_history h
                WHERE h.number = r.number AND h.action = $7
                ORDER BY h.id DESC LIMIT 1) a ON true
          LEFT JOIN LATERAL (
               SELECT h.at, h.at_offset, h.at_ticks FROM request_history h
                WHERE h.number = r.number AND h.action = ANY ($8) AND (a.id IS NULL OR h.id < a.id)
                ORDER BY h.id DESC LIMIT 1) s ON true
         WHERE {InPeriod}
        """;

    // $6 the paused states.
    private const string PausesQuery = $"""
        SELECT h.number, h.at, h.at_offset, h.at_ticks, h.to_state FROM request_history h
         WHERE (h.to_state = ANY ($6) OR h.from_state = ANY ($6))
           AND h.number IN (SELECT r.number FROM requests r WHERE {InPeriod})
         ORDER BY h.number, h.id
        """;

    private static readonly string[] OpenStates = [.. RequestFactsLines.OpenStates];

    private static readonly string[] PausedStates = [.. RequestFactsLines.PausedStates];

    private static readonly string[] TriageActions = [.. RequestFactsLines.TriageActions];

    private static readonly string[] AssignActions = [.. RequestFactsLines.AssignActions];

    public async Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // One snapshot for both statements, so the pauses belong to the requests as read.
        return await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction);

                // The planner's cost for one lookup per request crosses the JIT threshold long before compiling pays
                // off: on 100,000 requests compiling took longer than running the statements. Off for this read only.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL jit = off"));
                var facts = new NpgsqlBatchCommand(FactsQuery);
                AddPeriod(facts, from, to);
                facts.Parameters.Add(new NpgsqlParameter { Value = TriageActions });
                facts.Parameters.Add(new NpgsqlParameter { Value = RequestFactsLines.AcceptAction });
                facts.Parameters.Add(new NpgsqlParameter { Value = AssignActions });
                var pauses = new NpgsqlBatchCommand(PausesQuery);
                AddPeriod(pauses, from, to);
                pauses.Parameters.Add(new NpgsqlParameter { Value = PausedStates });
                batch.BatchCommands.Add(facts);
                batch.BatchCommands.Add(pauses);

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                var rows = new List<RequestFacts>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    rows.Add(ReadFacts(reader));
                }

                await reader.NextResultAsync(cancellationToken);
                var waits = await ReadPausesAsync(reader, cancellationToken);
                return (IReadOnlyList<RequestFacts>)[.. rows.Select(r => waits.TryGetValue(r.Number.Value, out var p) ? r with { Pauses = p } : r)];
            },
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    /// <summary>The period's bounds as $1..$5 of <see cref="InPeriod"/>: exact to the 100-nanosecond tick.</summary>
    private static void AddPeriod(NpgsqlBatchCommand command, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = OpenStates });
        command.Parameters.Add(new NpgsqlParameter { Value = Instant(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = TickDigit(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = Instant(to) });
        command.Parameters.Add(new NpgsqlParameter { Value = TickDigit(to) });
    }

    private static RequestFacts ReadFacts(NpgsqlDataReader reader) => new(
        new RequestNumber(reader.GetInt64(0)),
        reader.GetString(1),
        ParseEnum<RequestState>(reader.GetString(2)),
        ReadExact(reader, 3, 4, 5),
        reader.GetFieldValue<DateOnly>(6),
        TimeOrNull(reader, 13),
        TimeOrNull(reader, 20),
        TimeOrNull(reader, 16),
        GetNullableString(reader, 19),
        TimeOrNull(reader, 7),
        GetNullableString(reader, 10),
        reader.IsDBNull(11) ? null : reader.GetDecimal(11),
        reader.IsDBNull(12) ? null : reader.GetInt32(12),
        []);

    /// <summary>Each request's waits on its requester, from the lines entering and leaving the paused states.</summary>
    private static async Task<Dictionary<long, IReadOnlyList<Pause>>> ReadPausesAsync(NpgsqlDataReader reader, CancellationToken cancellationToken)
    {
        var lines = new Dictionary<long, List<(DateTimeOffset, RequestState)>>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var number = reader.GetInt64(0);
            if (!lines.TryGetValue(number, out var list))
            {
                lines[number] = list = [];
            }

            list.Add((ReadExact(reader, 1, 2, 3), ParseEnum<RequestState>(reader.GetString(4))));
        }

        return lines.ToDictionary(l => l.Key, l => ServiceLevels.PausesOf(l.Value));
    }

    /// <summary>A time kept as instant, offset and tick digit in three columns from <paramref name="instant"/>, or null.</summary>
    private static DateTimeOffset? TimeOrNull(NpgsqlDataReader reader, int instant) =>
        reader.IsDBNull(instant) ? null : ReadExact(reader, instant, instant + 1, instant + 2);
}
