using System.Collections.Concurrent;
using LegalBot.Core.Sending;
using Npgsql;

namespace LegalBot.Store.Postgres;

/// <summary>
/// <see cref="IConversationSendLedger"/> on the <c>conversation_sends</c> table that every instance shares. A reservation
/// is one call of <c>conversation_sends_reserve</c>: under a transaction-scoped advisory lock on the conversation it
/// counts the conversation's sends in each window and either inserts the new send or answers when the first one that
/// must leave has left. Completion times wait in memory and travel with this instance's next call, so a send costs one
/// round trip. Times come from the instances' clocks, which must agree (NTP) to well under a second.
/// </summary>
public sealed class PostgresConversationSendLedger(PostgresDatabase database) : IConversationSendLedger
{
    private readonly ConcurrentQueue<(long Id, DateTime At)> completions = new();

    public async Task<SendReservation> ReserveAsync(string conversationId, DateTimeOffset now, IReadOnlyList<SendWindow> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(windows);
        var (doneIds, doneAt) = TakeCompletions();
        try
        {
            return await database.WithConnectionAsync(
                async connection =>
                {
                    await using var command = new NpgsqlCommand(
                        "SELECT send_id, retry_at FROM conversation_sends_reserve($1, $2, $3, $4, $5, $6)", connection);
                    command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
                    command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
                    command.Parameters.Add(new NpgsqlParameter { Value = windows.Select(w => w.Length).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = windows.Select(w => w.Limit).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = doneIds });
                    command.Parameters.Add(new NpgsqlParameter { Value = doneAt });
                    await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                    await reader.ReadAsync(cancellationToken);
                    return reader.IsDBNull(1)
                        ? SendReservation.Grant(reader.GetInt64(0))
                        : SendReservation.WaitUntil(new DateTimeOffset(reader.GetFieldValue<DateTime>(1), TimeSpan.Zero));
                },
                cancellationToken);
        }
        catch
        {
            Return(doneIds, doneAt);
            throw;
        }
    }

    public void Complete(SendReservation reservation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        if (reservation.Id is { } id)
        {
            completions.Enqueue((id, at.UtcDateTime));
        }
    }

    public async Task RecordAsync(string conversationId, DateTimeOffset at, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        var (doneIds, doneAt) = TakeCompletions();
        try
        {
            await database.WithConnectionAsync(
                async connection =>
                {
                    // One round trip, one implicit transaction.
                    await using var batch = new NpgsqlBatch(connection);
                    var record = new NpgsqlBatchCommand(
                        "INSERT INTO conversation_sends (conversation_id, at) SELECT $1, $2 FROM generate_series(1, $3)");
                    record.Parameters.Add(new NpgsqlParameter { Value = conversationId });
                    record.Parameters.Add(new NpgsqlParameter { Value = at.UtcDateTime });
                    record.Parameters.Add(new NpgsqlParameter { Value = count });
                    batch.BatchCommands.Add(record);
                    var settle = new NpgsqlBatchCommand("SELECT conversation_sends_settle($1, $2, $3)");
                    settle.Parameters.Add(new NpgsqlParameter { Value = doneIds });
                    settle.Parameters.Add(new NpgsqlParameter { Value = doneAt });
                    settle.Parameters.Add(new NpgsqlParameter { Value = (at - SendWindow.Horizon).UtcDateTime });
                    batch.BatchCommands.Add(settle);
                    await batch.ExecuteNonQueryAsync(cancellationToken);
                },
                cancellationToken);
        }
        catch
        {
            Return(doneIds, doneAt);
            throw;
        }
    }

    private (long[] Ids, DateTime[] At) TakeCompletions()
    {
        var ids = new List<long>();
        var at = new List<DateTime>();
        while (completions.TryDequeue(out var completion))
        {
            ids.Add(completion.Id);
            at.Add(completion.At);
        }

        return ([.. ids], [.. at]);
    }

    /// <summary>A call that failed carried no completions: they wait for the next one.</summary>
    private void Return(long[] ids, DateTime[] at)
    {
        for (var i = 0; i < ids.Length; i++)
        {
            completions.Enqueue((ids[i], at[i]));
        }
    }
}
