using System.Collections.Concurrent;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Keeps sends within Teams' limits: per conversation the four windows of <see cref="DispatcherOptions.ConversationWindows"/>
/// (7 a second, 8 in two seconds, 60 in thirty seconds, 1,800 an hour by default), and
/// <see cref="DispatcherOptions.PerAppPerSecond"/> across the app in any one second, so a burst of assignments is paced
/// rather than throttled into failure. Honours the channel's Retry-After for a conversation. Waits run on the injected
/// clock. The conversation windows hold across instances too: a send also reserves its place in the shared
/// <see cref="IConversationSendLedger"/>, a turn's replies included (<see cref="AcquireForTurnAsync"/>).
/// </summary>
/// <remarks>
/// A send holds its slot until it completes, and counts in each window from then on. The channel counts a send
/// when it arrives, which is somewhere between the start and the end of the call; counting from the end means no
/// two sends more than the limit apart can land in the same window on the channel's side, whatever the network
/// did. (A token bucket refilled once a second lets twice the limit through across a refill.)
/// </remarks>
public sealed class SendThrottle(IOptions<DispatcherOptions> options, IConversationSendLedger ledger, TimeProvider time) : IDisposable
{
    private readonly IReadOnlyList<SendWindow> conversationWindows = options.Value.ConversationWindows();
    private readonly ConcurrentDictionary<string, Window> conversations = new(StringComparer.Ordinal);
    private readonly Window app = new(null, [new SendWindow(TimeSpan.FromSeconds(1), options.Value.PerAppPerSecond)], null, time);

    /// <summary>Waits for a slot in the conversation and in the app; dispose the lease when the send has completed.</summary>
    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var forConversation = await For(conversationId).AcquireAsync(cancellationToken);
        try
        {
            return new Lease(forConversation, await app.AcquireAsync(cancellationToken));
        }
        catch
        {
            forConversation.Abandon();
            throw;
        }
    }

    /// <summary>
    /// Takes places in the conversation's windows, here and in the shared ledger, for <paramref name="count"/> messages
    /// a turn is about to send, waiting at most <paramref name="within"/> on the injected clock, and on the wall clock
    /// (the user is waiting on them). The per-app pace is the dispatcher's alone: replies never wait behind queued notifications for it.
    /// Places not taken in time, or not taken because the ledger cannot be reached, are counted once the messages
    /// went out (<see cref="TurnPlaces.SentAsync"/>), so what follows still leaves room for them.
    /// </summary>
    public async Task<TurnPlaces> AcquireForTurnAsync(string conversationId, int count, TimeSpan within, CancellationToken cancellationToken)
    {
        var window = For(conversationId);
        var slots = new List<Window.Slot>(count);
        Exception? unreachable = null;
        // The user waits on the wall clock: the bound holds there too when the injected clock is another (a test's).
        using var deadline = new CancellationTokenSource(within, time);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        wait.CancelAfter(within);
        try
        {
            while (slots.Count < count)
            {
                slots.Add(await window.AcquireAsync(wait.Token));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No room within the wait: the rest go without a place.
        }
        catch (RequestStoreUnavailableException exception)
        {
            unreachable = exception;
        }
        catch
        {
            slots.ForEach(s => s.Abandon());
            throw;
        }

        return new TurnPlaces(this, conversationId, [.. slots], count - slots.Count, unreachable);
    }

    /// <summary>
    /// Counts messages sent to the conversation without a slot: they take room in its windows, here and in the
    /// shared ledger.
    /// </summary>
    public Task RecordAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        For(conversationId).Record(count);
        return count > 0 ? ledger.RecordAsync(conversationId, time.GetUtcNow(), count, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>How many sends are waiting for room in a window (or for a Retry-After to pass) right now.</summary>
    public int Waiting => app.Waiting + conversations.Values.Sum(w => w.Waiting);

    /// <summary>The channel asked to wait (429 with Retry-After): nothing more goes to the conversation until then.</summary>
    public void Defer(string conversationId, TimeSpan after) => For(conversationId).Defer(after);

    public void Dispose()
    {
        app.Dispose();
        foreach (var window in conversations.Values)
        {
            window.Dispose();
        }
    }

    private Window For(string conversationId) =>
        conversations.GetOrAdd(conversationId, id => new Window(id, conversationWindows, ledger, time));

    /// <summary>The places a turn took for its messages (<see cref="AcquireForTurnAsync"/>).</summary>
    public sealed class TurnPlaces
    {
        private readonly SendThrottle throttle;
        private readonly string conversationId;
        private readonly IReadOnlyList<IDisposable> slots;
        private int sent;

        internal TurnPlaces(SendThrottle throttle, string conversationId, IReadOnlyList<IDisposable> slots, int missing, Exception? unreachable)
        {
            this.throttle = throttle;
            this.conversationId = conversationId;
            this.slots = slots;
            Missing = missing;
            Unreachable = unreachable;
        }

        /// <summary>How many of the messages got no place: no room within the wait, or the ledger could not be reached.</summary>
        public int Missing { get; }

        /// <summary>Why the ledger gave no place, when it could not be reached.</summary>
        public Exception? Unreachable { get; }

        /// <summary>
        /// The messages went out (or failed on the wire): each place counts from now, and the messages without one
        /// are recorded here and in the ledger. Throws <see cref="RequestStoreUnavailableException"/> when the ledger
        /// cannot be reached for those; they still count on this instance.
        /// </summary>
        public Task SentAsync(CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref sent, 1) != 0)
            {
                return Task.CompletedTask;
            }

            foreach (var slot in slots)
            {
                slot.Dispose();
            }

            return Missing > 0 ? throttle.RecordAsync(conversationId, Missing, cancellationToken) : Task.CompletedTask;
        }
    }

    private sealed class Lease(Window.Slot conversation, Window.Slot app) : IDisposable
    {
        public void Dispose()
        {
            app.Dispose();
            conversation.Dispose();
        }
    }

    /// <summary>
    /// Sliding windows of sends to one conversation (or the app); waiters are served one at a time, in turn. With a
    /// ledger, a slot is granted only once the ledger has room too.
    /// </summary>
    private sealed class Window(string? conversationId, IReadOnlyList<SendWindow> windows, IConversationSendLedger? ledger, TimeProvider time) : IDisposable
    {
        private readonly (long Length, int Limit)[] limits =
            [.. windows.Select(w => ((long)(time.TimestampFrequency * w.Length.TotalSeconds), w.Limit))];

        private readonly SemaphoreSlim turn = new(1, 1);
        private readonly Lock gate = new();

        // When each completed send was counted, oldest first (sends are recorded in time order).
        private readonly List<long> sends = [];
        private int inFlight;
        private int waiting;
        private long deferredUntil;
        private TaskCompletionSource completed = NewSignal();

        public async Task<Slot> AcquireAsync(CancellationToken cancellationToken)
        {
            await turn.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    Task? wait;
                    lock (gate)
                    {
                        wait = LocalWait(cancellationToken);
                        if (wait is null && ledger is null)
                        {
                            inFlight++;
                            return new Slot(this, null);
                        }
                    }

                    if (wait is null)
                    {
                        // Room here; the ledger knows what other instances sent. This caller holds the turn, so
                        // nothing else takes a slot in this window meanwhile.
                        var reservation = await ledger!.ReserveAsync(conversationId!, time.GetUtcNow(), windows, cancellationToken);
                        if (reservation.Granted)
                        {
                            lock (gate)
                            {
                                inFlight++;
                            }

                            return new Slot(this, reservation);
                        }

                        var until = reservation.RetryAt!.Value - time.GetUtcNow();
                        wait = Task.Delay(until > TimeSpan.Zero ? until : TimeSpan.Zero, time, cancellationToken);
                    }

                    Interlocked.Increment(ref waiting);
                    try
                    {
                        await wait;
                    }
                    finally
                    {
                        Interlocked.Decrement(ref waiting);
                    }
                }
            }
            finally
            {
                turn.Release();
            }
        }

        public int Waiting => Volatile.Read(ref waiting);

        /// <summary>What to wait for before the windows here have room; null when they have. Called under the gate.</summary>
        private Task? LocalWait(CancellationToken cancellationToken)
        {
            var now = time.GetTimestamp();
            if (now < deferredUntil)
            {
                return Task.Delay(time.GetElapsedTime(now, deferredUntil), time, cancellationToken);
            }

            sends.RemoveRange(0, After(now - limits.Max(l => l.Length)));
            long? until = null;
            foreach (var (length, limit) in limits)
            {
                // The sends in (now - length, now]; when full, the first of them that must leave sets the time.
                var first = After(now - length);
                var excess = inFlight + sends.Count - first - limit + 1;
                if (excess <= 0)
                {
                    continue;
                }

                if (excess > sends.Count - first)
                {
                    // Slots taken by sends still in flight: wait for one to complete.
                    return completed.Task.WaitAsync(cancellationToken);
                }

                until = Math.Max(until ?? 0, sends[first + excess - 1] + length);
            }

            return until is { } at ? Task.Delay(time.GetElapsedTime(now, at), time, cancellationToken) : null;
        }

        /// <summary>The index of the first send counted after <paramref name="timestamp"/>.</summary>
        private int After(long timestamp)
        {
            int low = 0, high = sends.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (sends[middle] <= timestamp)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        public void Record(int count)
        {
            lock (gate)
            {
                var now = time.GetTimestamp();
                for (var i = 0; i < count; i++)
                {
                    sends.Add(now);
                }
            }
        }

        public void Defer(TimeSpan after)
        {
            lock (gate)
            {
                var until = time.GetTimestamp() + (long)(time.TimestampFrequency * after.TotalSeconds);
                deferredUntil = Math.Max(deferredUntil, until);
            }
        }

        private void Release(bool sent, SendReservation? reservation)
        {
            TaskCompletionSource signal;
            lock (gate)
            {
                inFlight--;
                if (sent)
                {
                    sends.Add(time.GetTimestamp());
                }

                signal = completed;
                completed = NewSignal();
            }

            // A send abandoned before it went counts from now too: a shared ledger would otherwise hold it as still on
            // its way.
            if (reservation is not null)
            {
                ledger!.Complete(reservation, time.GetUtcNow());
            }

            signal.TrySetResult();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => turn.Dispose();

        public sealed class Slot(Window window, SendReservation? reservation) : IDisposable
        {
            private int released;

            /// <summary>The send completed (or failed on the wire): it counts from now.</summary>
            public void Dispose() => Release(sent: true);

            /// <summary>Nothing was sent with the slot: it frees now here (the ledger counts the reservation from now).</summary>
            public void Abandon() => Release(sent: false);

            private void Release(bool sent)
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    window.Release(sent, reservation);
                }
            }
        }
    }
}
