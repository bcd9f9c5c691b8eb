using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// The host's workflow store with two test seams: it tells when the dispatcher found nothing due (so a test
/// can wait until the outbox is settled at a given time without sleeping), and it can fail the "mark
/// delivered" step, as a process dying right after a send would.
/// </summary>
public sealed class ObservedWorkflowStore(INotificationStore inner) : INotificationStore, IDisposable
{
    private readonly SemaphoreSlim changed = new(0);
    private readonly Lock gate = new();
    private long dueCalls;
    private (long Call, DateTimeOffset Now)? lastIdle;
    private int deliveredFailures;
    private int sentFailures;
    private int retryFailures;

    /// <summary>When true, every <see cref="MarkDeliveredAsync"/> throws, after nothing was written.</summary>
    public bool FailMarkDelivered { get; set; }

    /// <summary>When true, every <see cref="MarkSentAsync"/> throws, after nothing was written (the store is down).</summary>
    public bool FailMarkSent { get; set; }

    /// <summary>When true, every <see cref="MarkRetryAsync"/> throws, after nothing was written (the store is down).</summary>
    public bool FailMarkRetry { get; set; }

    /// <summary>How many times recording a post's id was refused.</summary>
    public int SentFailures => Volatile.Read(ref sentFailures);

    /// <summary>How many times "mark retry" was refused.</summary>
    public int RetryFailures => Volatile.Read(ref retryFailures);

    /// <summary>How many times "mark delivered" was refused.</summary>
    public int DeliveredFailures => deliveredFailures;

    /// <summary>How many times the outbox was asked for due notifications so far.</summary>
    public long DueCalls => Interlocked.Read(ref dueCalls);

    /// <summary>
    /// Waits until a look at the outbox that started after call number <paramref name="after"/>, at
    /// <paramref name="at"/> or later, found nothing due: everything owed by then was handled; or until
    /// <paramref name="waitsForTheClock"/> says the dispatcher is waiting for the clock to move (a send waiting for
    /// room in a rate window), which only the test can do.
    /// </summary>
    public async Task WaitIdleAsync(long after, DateTimeOffset at, TimeSpan timeout, Func<bool>? waitsForTheClock = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            lock (gate)
            {
                if (lastIdle is { } idle && idle.Call > after && idle.Now >= at)
                {
                    return;
                }
            }

            if (waitsForTheClock?.Invoke() == true)
            {
                return;
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(100), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"The dispatcher did not settle at {at:O} within {timeout}.");
            }
        }
    }

    public Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default) => inner.DepthAsync(cancellationToken);

    public Task<IReadOnlySet<string>> QueuedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default) => inner.QueuedKeysAsync(keys, cancellationToken);

    public async Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref dueCalls);
        var due = await inner.DueAsync(now, max, cancellationToken);
        if (due.Count == 0)
        {
            lock (gate)
            {
                lastIdle = (call, now);
            }

            changed.Release();
        }

        return due;
    }

    public Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (FailMarkDelivered)
        {
            Interlocked.Increment(ref deliveredFailures);
            throw new IOException("Injected: the process stopped before recording the delivery.");
        }

        return inner.MarkDeliveredAsync(id, at, cancellationToken);
    }

    public Task StageAsync(string changeId, RequestNumber? number, IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.StageAsync(changeId, number, notifications, at, cancellationToken);

    public Task<int> ReleaseAsync(string changeId, RequestNumber number, CancellationToken cancellationToken = default) =>
        inner.ReleaseAsync(changeId, number, cancellationToken);

    public Task DropAsync(string changeId, CancellationToken cancellationToken = default) =>
        inner.DropAsync(changeId, cancellationToken);

    public Task<IReadOnlyList<StagedChange>> StagedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default) =>
        inner.StagedAsync(before, max, cancellationToken);

    public Task EnqueueAsync(IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        inner.EnqueueAsync(notifications, at, cancellationToken);

    public Task MarkSentAsync(long id, string activityId, CancellationToken cancellationToken = default) =>
        Refused(FailMarkSent, ref sentFailures) ?? inner.MarkSentAsync(id, activityId, cancellationToken);

    public Task MarkRetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default) =>
        Refused(FailMarkRetry, ref retryFailures) ?? inner.MarkRetryAsync(id, nextAttemptAt, error, cancellationToken);

    private static Task? Refused(bool fail, ref int failures)
    {
        if (!fail)
        {
            return null;
        }

        Interlocked.Increment(ref failures);
        return Task.FromException(new RequestStoreUnavailableException("The store is down (test)."));
    }

    public Task MarkFailedAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken = default) =>
        inner.MarkFailedAsync(id, at, error, cancellationToken);

    public TimeSpan? ClaimLease => inner.ClaimLease;

    public Task<IReadOnlyCollection<long>> RenewClaimsAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default) =>
        inner.RenewClaimsAsync(ids, now, cancellationToken);

    public Task<IReadOnlyList<OutboxItem>> FailedAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        inner.FailedAsync(number, cancellationToken);

    public Task<int> ForgetFailedAsync(RequestNumber number, string kind, long beforeId, CancellationToken cancellationToken = default) =>
        inner.ForgetFailedAsync(number, kind, beforeId, cancellationToken);

    public Task SaveAddressAsync(ConversationAddress address, CancellationToken cancellationToken = default) =>
        inner.SaveAddressAsync(address, cancellationToken);

    public Task<ConversationAddress?> GetAddressAsync(string key, CancellationToken cancellationToken = default) =>
        inner.GetAddressAsync(key, cancellationToken);

    public Task SaveCardAsync(PostedCard card, CancellationToken cancellationToken = default) =>
        inner.SaveCardAsync(card, cancellationToken);

    public Task SaveCardContentAsync(PostedCard card, string contentHash, CancellationToken cancellationToken = default) =>
        inner.SaveCardContentAsync(card, contentHash, cancellationToken);

    public Task<IReadOnlyList<PostedCard>> CardsAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        inner.CardsAsync(number, cancellationToken);

    public void Dispose() => changed.Dispose();
}
