using System.Data;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Npgsql;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// The metrics' facts in one batch of three queries, whatever the number of requests, read from one snapshot: the
/// requests open, or filed, completed or assigned in the period; those requests' triage, assignment and answer lines in
/// order (read into <see cref="RequestSteps"/>); and their lines that stop or restart the service-level clock. Times
/// come back exactly as written (offset and last 100-nanosecond digit kept beside each <c>timestamptz</c>); the period's
/// bounds are compared with the same precision.
/// </summary>
public sealed class PostgresRequestFacts(PostgresDatabase database) : IRequestFacts
{
    // $1 the open states; [$2 instant, $3 tick digit) to [$4 instant, $5 tick digit) the period; $6 the assign actions.
    private const string InPeriod = """
        r.state = ANY ($1)
           OR ((r.created_at, r.created_ticks) >= ($2, $3) AND (r.created_at, r.created_ticks) < ($4, $5))
           OR (r.completed_at IS NOT NULL
               AND (r.completed_at, r.completed_ticks) >= ($2, $3) AND (r.completed_at, r.completed_ticks) < ($4, $5))
           OR r.number IN (SELECT a.number FROM request_history a
                            WHERE a.action = ANY ($6) AND (a.at, a.at_ticks) >= ($2, $3) AND (a.at, a.at_ticks) < ($4, $5))
        """;

    // Read by position in ReadFacts below; keep the two in step.
    private const string FactsQuery = $"""
        SELECT r.number, r.type_key, r.state, r.created_at, r.created_offset, r.created_ticks, r.target_date,
               r.completed_at, r.completed_offset, r.completed_ticks, r.assigned_to_aad_id, r.hours_spent, r.rating
          FROM requests r
         WHERE {InPeriod}
        """;

    // $7 the step actions.
    private const string StepsQuery = $"""
        SELECT h.number, h.action, h.at, h.at_offset, h.at_ticks, h.actor_aad_id, h.assignee_aad_id, h.assignee_name
          FROM request_history h
         WHERE h.action = ANY ($7)
           AND h.number IN (SELECT r.number FROM requests r WHERE {InPeriod})
         ORDER BY h.number, h.id
        """;

    // $7 the paused states.
    private const string PausesQuery = $"""
        SELECT h.number, h.at, h.at_offset, h.at_ticks, h.to_state FROM request_history h
         WHERE (h.to_state = ANY ($7) OR h.from_state = ANY ($7))
           AND h.number IN (SELECT r.number FROM requests r WHERE {InPeriod})
         ORDER BY h.number, h.id
        """;

    private static readonly string[] OpenStates = [.. RequestFactsLines.OpenStates];

    private static readonly string[] PausedStates = [.. RequestFactsLines.PausedStates];

    private static readonly string[] AssignActions = [.. RequestFactsLines.AssignActions];

    private static readonly string[] StepActions = [.. RequestFactsLines.StepActions];

    public async Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        // One snapshot for the three statements, so the lines belong to the requests as read.
        return await database.InTransactionAsync(
            async (connection, transaction) =>
            {
                await using var batch = new NpgsqlBatch(connection, transaction);

                // The planner's cost estimate crosses the JIT threshold long before compiling pays off: on 100,000
                // requests compiling took longer than running the statements. Off for this read only.
                batch.BatchCommands.Add(new NpgsqlBatchCommand("SET LOCAL jit = off"));
                batch.BatchCommands.Add(Command(FactsQuery, from, to));
                batch.BatchCommands.Add(Command(StepsQuery, from, to, StepActions));
                batch.BatchCommands.Add(Command(PausesQuery, from, to, PausedStates));

                await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
                var rows = new Dictionary<long, RequestFacts>();
                while (await reader.ReadAsync(cancellationToken))
                {
                    var read = ReadFacts(reader);
                    rows[read.Number.Value] = read;
                }

                await reader.NextResultAsync(cancellationToken);
                await ReadStepsAsync(reader, rows, cancellationToken);
                await reader.NextResultAsync(cancellationToken);
                var waits = await ReadPausesAsync(reader, cancellationToken);
                return (IReadOnlyList<RequestFacts>)[.. rows.Values.Select(r => waits.TryGetValue(r.Number.Value, out var p) ? r with { Pauses = p } : r)];
            },
            cancellationToken,
            IsolationLevel.RepeatableRead);
    }

    /// <summary>A statement of the batch with the period as $1..$6 and, if given, <paramref name="names"/> as $7.</summary>
    private static NpgsqlBatchCommand Command(string sql, DateTimeOffset from, DateTimeOffset to, string[]? names = null)
    {
        var command = new NpgsqlBatchCommand(sql);
        AddPeriod(command, from, to);
        if (names is not null)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = names });
        }

        return command;
    }

    /// <summary>Each request's triage, assignments and their answers, read into <see cref="RequestSteps"/> as the lines stream by.</summary>
    private static async Task ReadStepsAsync(NpgsqlDataReader reader, Dictionary<long, RequestFacts> rows, CancellationToken cancellationToken)
    {
        var steps = new RequestStepsReader(rows);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (steps.Wants(reader.GetInt64(0)))
            {
                steps.Add(reader.GetString(1), ReadExact(reader, 2, 3, 4), reader.GetString(5), GetNullableString(reader, 6), GetNullableString(reader, 7));
            }
        }

        steps.Finish();
    }

    /// <summary>The period as $1..$6 of <see cref="InPeriod"/>: its bounds exact to the 100-nanosecond tick.</summary>
    private static void AddPeriod(NpgsqlBatchCommand command, DateTimeOffset from, DateTimeOffset to)
    {
        command.Parameters.Add(new NpgsqlParameter { Value = OpenStates });
        command.Parameters.Add(new NpgsqlParameter { Value = Instant(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = TickDigit(from) });
        command.Parameters.Add(new NpgsqlParameter { Value = Instant(to) });
        command.Parameters.Add(new NpgsqlParameter { Value = TickDigit(to) });
        command.Parameters.Add(new NpgsqlParameter { Value = AssignActions });
    }

    private static RequestFacts ReadFacts(NpgsqlDataReader reader) => new(
        new RequestNumber(reader.GetInt64(0)),
        reader.GetString(1),
        ParseEnum<RequestState>(reader.GetString(2)),
        ReadExact(reader, 3, 4, 5),
        reader.GetFieldValue<DateOnly>(6),
        null,
        null,
        null,
        null,
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
