using System.Collections.Concurrent;
using LegalBot.Core.Stores;

namespace LegalBot.Notifications;

/// <summary>
/// Keeps this instance's claim on the outbox rows of one dispatcher pass for as long as the pass is delivering them
/// (a store shared by several instances: <see cref="INotificationStore.ClaimLease"/>). Every third of the lease, on
/// the injected clock, the rows not yet handled are renewed for a full lease, so a pass whose sends wait for room in a
/// chat's rate windows longer than the lease keeps them, and no other instance sends them meanwhile. A row is sent
/// only while its claim is known to hold: if renewals failed until the claim ran out (the database unreachable), or
/// another instance took the row over, it is left alone (<see cref="OutboxClaimLostException"/>).
/// </summary>
public sealed class OutboxClaims : IAsyncDisposable
{
    private readonly INotificationStore store;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly TimeSpan lease;
    private readonly ConcurrentDictionary<long, byte> open = new();
    private readonly ConcurrentDictionary<long, byte> lost = new();
    private readonly CancellationTokenSource stop = new();
    private readonly Task renewing;
    private long heldUntil;

    private OutboxClaims(INotificationStore store, IReadOnlyList<OutboxItem> claimed, DateTimeOffset claimedAt, TimeSpan? lease, TimeProvider time, ILogger logger)
    {
        this.store = store;
        this.time = time;
        this.logger = logger;
        foreach (var item in claimed)
        {
            open[item.Id] = 0;
        }

        if (lease is { } length)
        {
            this.lease = length;
            heldUntil = (claimedAt + length).UtcTicks;
            renewing = RenewAsync();
        }
        else
        {
            // Nothing is claimed: every row stays this instance's.
            heldUntil = DateTimeOffset.MaxValue.UtcTicks;
            renewing = Task.CompletedTask;
        }
    }

    /// <summary>Starts keeping the claim <see cref="INotificationStore.DueAsync"/> took at <paramref name="claimedAt"/> on <paramref name="claimed"/>.</summary>
    public static OutboxClaims Keep(INotificationStore store, IReadOnlyList<OutboxItem> claimed, DateTimeOffset claimedAt, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(claimed);
        return new OutboxClaims(store, claimed, claimedAt, store.ClaimLease, time, logger);
    }

    /// <summary>Throws <see cref="OutboxClaimLostException"/> unless the claim on the row still holds now.</summary>
    public void EnsureHeld(long id)
    {
        if (lost.ContainsKey(id) || time.GetUtcNow().UtcTicks >= Interlocked.Read(ref heldUntil))
        {
            throw new OutboxClaimLostException(id);
        }
    }

    /// <summary>The row was handled (delivered, retried later or given up on): its claim ended with that and is not renewed.</summary>
    public void Done(long id) => open.TryRemove(id, out _);

    private async Task RenewAsync()
    {
        var every = lease / 3;
        while (true)
        {
            try
            {
                await Task.Delay(every, time, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var ids = open.Keys.Where(id => !lost.ContainsKey(id)).ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            var now = time.GetUtcNow();
            try
            {
                var renewed = (await store.RenewClaimsAsync(ids, now, stop.Token)).ToHashSet();
                foreach (var id in ids.Where(id => !renewed.Contains(id) && open.ContainsKey(id)))
                {
                    lost[id] = 0;
                }

                Interlocked.Exchange(ref heldUntil, (now + lease).UtcTicks);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // The claim holds until it runs out; the next renewal may still be in time.
                Log.ClaimsNotRenewed(logger, ex, ids.Count);
            }
        }
    }

    /// <summary>The pass is over: renewals stop, and what it left unhandled is claimed until the lease runs out.</summary>
    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await renewing;
        stop.Dispose();
    }
}

/// <summary>The claim on an outbox row ran out before it was sent, or another instance has it now: it is not sent here.</summary>
public sealed class OutboxClaimLostException : Exception
{
    public OutboxClaimLostException()
    {
    }

    public OutboxClaimLostException(string message)
        : base(message)
    {
    }

    public OutboxClaimLostException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OutboxClaimLostException(long id)
        : base($"The claim on outbox row {id} no longer holds.")
    {
        Id = id;
    }

    public long Id { get; }
}
