using System.Collections.Concurrent;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Npgsql;

namespace LegalBot.Store.Postgres;

/// <summary>
/// <see cref="IConversationSendLedger"/> on the <c>conversation_sends</c> table that every instance shares. A reservation
/// is one call of <c>conversation_sends_reserve</c>: under a transaction-scoped advisory lock on the conversation it
/// counts the conversation's sends in each window and either inserts the new send or answers when the first one that
/// must leave has left. Completion times are written as they come, off the sending path (one call at a time, each
/// carrying every completion waiting), and when that fails travel with this instance's next call. Times come from the instances' clocks, which must agree (NTP) to well under a second.
/// </summary>
/// <remarks>
/// A send reserved and not yet completed counts as if it went now, in every window: the channel may take it at any
/// moment until it completes, later than it was reserved. A reservation never completed (its instance died mid-send)
/// stops being in doubt <see cref="InFlight"/> after it was taken, and counts from then.
/// </remarks>
/// <param name="inFlight">How long a reservation may stay uncompleted before it counts from then: longer than any call to the channel takes.</param>
public sealed class PostgresConversationSendLedger(PostgresDatabase database, TimeSpan inFlight) : IConversationSendLedger
{
    /// <summary>The longest a send stays in doubt by default: above the Bot Connector client's own timeout (100 seconds).</summary>
    public static readonly TimeSpan DefaultInFlight = TimeSpan.FromMinutes(2);

    public PostgresConversationSendLedger(PostgresDatabase database)
        : this(database, DefaultInFlight)
    {
    }

    /// <summary>How long a reservation not completed counts as a send on its way.</summary>
    public TimeSpan InFlight { get; } = inFlight;

    private readonly ConcurrentQueue<(long Id, DateTime At)> completions = new();
    private int flushing;

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
                        "SELECT send_id, retry_at FROM conversation_sends_reserve($1, $2, $3, $4, $5, $6, $7)", connection);
                    command.Parameters.Add(new NpgsqlParameter { Value = conversationId });
                    command.Parameters.Add(new NpgsqlParameter { Value = now.UtcDateTime });
                    command.Parameters.Add(new NpgsqlParameter { Value = windows.Select(w => w.Length).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = windows.Select(w => w.Limit).ToArray() });
                    command.Parameters.Add(new NpgsqlParameter { Value = doneIds });
                    command.Parameters.Add(new NpgsqlParameter { Value = doneAt });
                    command.Parameters.Add(new NpgsqlParameter { Value = InFlight });
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
            if (Interlocked.CompareExchange(ref flushing, 1, 0) == 0)
            {
                _ = FlushAsync();
            }
        }
    }

    /// <summary>
    /// Writes the completions waiting here at once, one call at a time, so other instances count each send from its
    /// completion within moments, not only from this instance's next reservation (an idle instance may make none for
    /// a while, and until then its sends would count from before the channel took them). When the database cannot be
    /// reached they stay here and travel with the next call.
    /// </summary>
    private async Task FlushAsync()
    {
        var failed = false;
        do
        {
            try
            {
                while (!failed && !completions.IsEmpty)
                {
                    var (doneIds, doneAt) = TakeCompletions();
                    try
                    {
                        await database.WithConnectionAsync(
                            async connection =>
                            {
                                await using var settle = new NpgsqlCommand("SELECT conversation_sends_settle($1, $2, $3)", connection);
                                settle.Parameters.Add(new NpgsqlParameter { Value = doneIds });
                                settle.Parameters.Add(new NpgsqlParameter { Value = doneAt });
                                settle.Parameters.Add(new NpgsqlParameter { Value = doneAt.Min() - SendWindow.Horizon - InFlight });
                                await settle.ExecuteNonQueryAsync(CancellationToken.None);
                            },
                            CancellationToken.None);
                    }
                    catch (Exception exception) when (exception is RequestStoreUnavailableException or NpgsqlException or TimeoutException)
                    {
                        Return(doneIds, doneAt);
                        failed = true;
                    }
                }
            }
            finally
            {
                Volatile.Write(ref flushing, 0);
            }
        }
        while (!failed && !completions.IsEmpty && Interlocked.CompareExchange(ref flushing, 1, 0) == 0);
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
                    settle.Parameters.Add(new NpgsqlParameter { Value = (at - SendWindow.Horizon - InFlight).UtcDateTime });
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
