using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Keeps sends within Teams' limits: at most <see cref="DispatcherOptions.PerConversationPerSecond"/> sends to
/// one conversation, and <see cref="DispatcherOptions.PerAppPerSecond"/> across the app, in any one-second
/// window, so a burst of assignments is paced rather than throttled into failure. Honours the channel's
/// Retry-After for a conversation. Waits run on the injected clock.
/// </summary>
/// <remarks>
/// A send holds its slot until it completes, and the slot frees one second after that. The channel counts a
/// send when it arrives, which is somewhere between the start and the end of the call; counting from the end
/// means no two sends more than the limit apart can land in the same second on the channel's side, whatever
/// the network did. (A token bucket refilled once a second lets twice the limit through across a refill.)
/// </remarks>
public sealed class SendThrottle(IOptions<DispatcherOptions> options, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly ConcurrentDictionary<string, Window> conversations = new(StringComparer.Ordinal);
    private readonly Window app = new(options.Value.PerAppPerSecond, time);

    /// <summary>Waits for a slot in the conversation and in the app; dispose the lease when the send has completed.</summary>
    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        var conversation = conversations.GetOrAdd(conversationId, _ => new Window(options.Value.PerConversationPerSecond, time));
        var forConversation = await conversation.AcquireAsync(cancellationToken);
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

    /// <summary>Counts messages sent to the conversation without a slot (a turn's replies): they take room in its window.</summary>
    public void Record(string conversationId, int count) =>
        conversations.GetOrAdd(conversationId, _ => new Window(options.Value.PerConversationPerSecond, time)).Record(count);

    /// <summary>The channel asked to wait (429 with Retry-After): nothing more goes to the conversation until then.</summary>
    public void Defer(string conversationId, TimeSpan after) =>
        conversations.GetOrAdd(conversationId, _ => new Window(options.Value.PerConversationPerSecond, time)).Defer(after);

    public void Dispose()
    {
        app.Dispose();
        foreach (var window in conversations.Values)
        {
            window.Dispose();
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

    /// <summary>A sliding one-second window of sends; waiters are served one at a time, in turn.</summary>
    private sealed class Window(int limit, TimeProvider time) : IDisposable
    {
        private readonly long period = (long)(time.TimestampFrequency * Period.TotalSeconds);
        private readonly SemaphoreSlim turn = new(1, 1);
        private readonly Lock gate = new();

        // When each completed send leaves the window, in order (sends are recorded in time order).
        private readonly Queue<long> leaves = new();
        private int inFlight;
        private long deferredUntil;
        private TaskCompletionSource completed = NewSignal();

        public async Task<Slot> AcquireAsync(CancellationToken cancellationToken)
        {
            await turn.WaitAsync(cancellationToken);
            try
            {
                while (true)
                {
                    Task wait;
                    lock (gate)
                    {
                        var now = time.GetTimestamp();
                        while (leaves.Count > 0 && leaves.Peek() <= now)
                        {
                            leaves.Dequeue();
                        }

                        if (now < deferredUntil)
                        {
                            wait = Task.Delay(time.GetElapsedTime(now, deferredUntil), time, cancellationToken);
                        }
                        else if (inFlight + leaves.Count < limit)
                        {
                            inFlight++;
                            return new Slot(this);
                        }
                        else if (leaves.Count > 0)
                        {
                            wait = Task.Delay(time.GetElapsedTime(now, leaves.Peek()), time, cancellationToken);
                        }
                        else
                        {
                            // Every slot is taken by a send still in flight: wait for one to complete.
                            wait = completed.Task.WaitAsync(cancellationToken);
                        }
                    }

                    await wait;
                }
            }
            finally
            {
                turn.Release();
            }
        }

        public void Record(int count)
        {
            lock (gate)
            {
                var leavesAt = time.GetTimestamp() + period;
                for (var i = 0; i < count; i++)
                {
                    leaves.Enqueue(leavesAt);
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

        private void Release(bool sent)
        {
            TaskCompletionSource signal;
            lock (gate)
            {
                inFlight--;
                if (sent)
                {
                    leaves.Enqueue(time.GetTimestamp() + period);
                }

                signal = completed;
                completed = NewSignal();
            }

            signal.TrySetResult();
        }

        private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Dispose() => turn.Dispose();

        public sealed class Slot(Window window) : IDisposable
        {
            private int released;

            /// <summary>The send completed (or failed on the wire): the slot frees one second from now.</summary>
            public void Dispose() => Release(sent: true);

            /// <summary>Nothing was sent with the slot: it frees now.</summary>
            public void Abandon() => Release(sent: false);

            private void Release(bool sent)
            {
                if (Interlocked.Exchange(ref released, 1) == 0)
                {
                    window.Release(sent);
                }
            }
        }
    }
}
