using System.Collections.Concurrent;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Notifications;
using LegalBot.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// The throttle on its own, on a fake clock: Teams' per-conversation windows (1 s, 2 s, 30 s, an hour) and the
/// per-app window, Retry-After, a turn's own replies and the ledger another instance shares. (The host tests check the same limits end to end on what the fake channel received.)
/// </summary>
public sealed class SendThrottleTests : IDisposable
{
    private const string Chat = "a:chat-1";
    private const string OtherChat = "a:chat-2";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly InProcessConversationSendLedger ledger = new();
    private readonly SendThrottle throttle;

    public SendThrottleTests() => throttle = NewThrottle(ledger);

    private SendThrottle NewThrottle(IConversationSendLedger shared) =>
        new(Options.Create(new DispatcherOptions { PerConversationPerSecond = 7, PerAppPerSecond = 10 }), shared, clock);

    [Fact]
    public async Task SevenSendsToOneChat_GoAtOnce_TheEighthWaitsUntilTheFirstIsASecondOld()
    {
        for (var i = 0; i < 7; i++)
        {
            (await throttle.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        }

        var eighth = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(eighth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await eighth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task ASlotHeldByASendInFlight_FreesOnlyOneSecondAfterTheSendCompletes()
    {
        var held = new List<IDisposable>();
        for (var i = 0; i < 7; i++)
        {
            held.Add(await throttle.AcquireAsync(Chat, CancellationToken.None));
        }

        var eighth = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(5));
        Assert.False(eighth.IsCompleted);

        held[0].Dispose();
        var waited = await AdvanceUntilAsync(eighth);
        Assert.InRange(waited, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));
        (await eighth).Dispose();
        held.ForEach(h => h.Dispose());
    }

    /// <summary>
    /// Moves the clock on in small steps until <paramref name="task"/> completes; returns how far it moved. The
    /// waiter wakes on another thread when a send completes and only then sets its timer, so the clock moves in
    /// steps, each followed by a short chance for the task to finish, rather than in one jump that could pass
    /// before the timer exists.
    /// </summary>
    private async Task<TimeSpan> AdvanceUntilAsync(Task task)
    {
        var step = TimeSpan.FromMilliseconds(50);
        var moved = TimeSpan.Zero;
        while (!task.IsCompleted && moved < TimeSpan.FromSeconds(10))
        {
            clock.Advance(step);
            moved += step;
            await Task.WhenAny(task, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System));
        }

        Assert.True(task.IsCompleted, "still waiting after 10 s on the clock");
        return moved;
    }

    [Fact]
    public async Task OtherChats_ShareTheAppWindow()
    {
        for (var i = 0; i < 7; i++)
        {
            (await throttle.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        }

        for (var i = 0; i < 3; i++)
        {
            (await throttle.AcquireAsync(OtherChat, CancellationToken.None)).Dispose();
        }

        var eleventh = throttle.AcquireAsync("a:chat-3", CancellationToken.None);
        Assert.False(eleventh.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await eleventh.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task RetryAfter_HoldsThatChatOnly_UntilItHasPassed()
    {
        throttle.Defer(Chat, TimeSpan.FromSeconds(3));

        var deferred = throttle.AcquireAsync(Chat, CancellationToken.None);
        (await throttle.AcquireAsync(OtherChat, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(deferred.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await deferred.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task ATurnsReplies_TakeRoomInTheChatsWindow()
    {
        await throttle.RecordAsync(Chat, 6, CancellationToken.None);

        (await throttle.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        var eighth = throttle.AcquireAsync(Chat, CancellationToken.None);
        Assert.False(eighth.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(1));
        (await eighth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task ACancelledWait_GivesUpItsTurn_AndTheNextCallerIsServed()
    {
        for (var i = 0; i < 7; i++)
        {
            (await throttle.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        }

        using var cancel = new CancellationTokenSource();
        var cancelled = throttle.AcquireAsync(Chat, cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);

        var next = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task EightInTwoSeconds_AreNeverExceeded_ThoughSevenASecondWouldAllowMore()
    {
        await SendNowAsync(7);

        // A second later the one-second window is empty, but the two-second window has room for one only.
        clock.Advance(TimeSpan.FromSeconds(1));
        await SendNowAsync(1);
        var ninth = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(ninth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await ninth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        await SendNowAsync(6);
        Assert.False(throttle.AcquireAsync(Chat, CancellationToken.None).IsCompleted);
    }

    [Fact]
    public async Task SixtyInThirtySeconds_TheSixtyFirstWaitsUntilTheFirstIsThirtySecondsOld()
    {
        // Ten batches of six replies, three seconds apart (0 s to 27 s); two seconds on, the short windows are clear.
        for (var i = 0; i < 10; i++)
        {
            clock.Advance(i == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(3));
            await throttle.RecordAsync(Chat, 6, CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromSeconds(2));
        var sixtyFirst = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(sixtyFirst.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await sixtyFirst.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task EighteenHundredInAnHour_TheNextWaitsUntilTheFirstIsAnHourOld()
    {
        // Sixty replies every two minutes (0 to 58 minutes); 31 seconds on, the shorter windows are clear.
        for (var i = 0; i < 30; i++)
        {
            clock.Advance(i == 0 ? TimeSpan.Zero : TimeSpan.FromMinutes(2));
            await throttle.RecordAsync(Chat, 60, CancellationToken.None);
        }

        clock.Advance(TimeSpan.FromSeconds(31));
        var next = throttle.AcquireAsync(Chat, CancellationToken.None);
        (await throttle.AcquireAsync(OtherChat, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        clock.Advance(TimeSpan.FromSeconds(89) - TimeSpan.FromMilliseconds(1));
        Assert.False(next.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await next.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task AsFastAsAllowed_TheGrantedSendsKeepEveryWindow()
    {
        // Sends one after another for two minutes of the clock, moving it on whenever the throttle waits. The clock
        // only ever moves in whole tenths of a second, so each wait ends on a step.
        var granted = await Task.Run(async () =>
        {
            var times = new List<DateTimeOffset>();
            var end = clock.GetUtcNow() + TimeSpan.FromMinutes(2);
            while (clock.GetUtcNow() < end)
            {
                var acquire = throttle.AcquireAsync(Chat, CancellationToken.None);
                while (!acquire.IsCompleted)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(100));
                    // Lets a continuation the step released run before the next step.
                    await Task.Yield();
                }

                (await acquire).Dispose();
                times.Add(clock.GetUtcNow());
            }

            return times;
        });

        Assert.Null(SendWindowCheck.FirstExcess(granted, SendWindow.Teams.Select(w => (w.Length, w.Limit))));
        // Not stricter than needed: 60 in the first thirty seconds, close to 60 in each thirty after.
        Assert.Equal(60, granted.Count(t => t < granted[0] + TimeSpan.FromSeconds(30)));
        Assert.InRange(granted.Count(t => t < granted[0] + TimeSpan.FromMinutes(2)), 200, 240);
    }

    [Fact]
    public async Task AnotherInstancesSends_InTheSharedLedger_TakeRoomInTheWindows()
    {
        using var other = NewThrottle(ledger);
        for (var i = 0; i < 7; i++)
        {
            (await other.AcquireAsync(Chat, CancellationToken.None)).Dispose();
        }

        var eighth = throttle.AcquireAsync(Chat, CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(eighth.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        (await eighth.WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
    }

    [Fact]
    public async Task ATurnsReplies_AreRecordedInTheSharedLedger()
    {
        await throttle.RecordAsync(Chat, 7, CancellationToken.None);

        var refused = await ledger.ReserveAsync(Chat, clock.GetUtcNow(), SendWindow.Teams, CancellationToken.None);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(1), refused.RetryAt);
    }

    [Fact]
    public async Task ATurnsReplies_WaitForRoomBeforeTheyGo_AndThenCountLikeAnySend()
    {
        await SendNowAsync(7);

        var places = throttle.AcquireForTurnAsync(Chat, 1, TimeSpan.FromSeconds(2), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(places.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var taken = await places.WaitAsync(TimeSpan.FromSeconds(5));
        await taken.SentAsync(CancellationToken.None);
        Assert.Equal(0, taken.Missing);

        // Eight in the last second: the two-second window is full until the first seven are two seconds old.
        var refused = await ledger.ReserveAsync(Chat, clock.GetUtcNow(), SendWindow.Teams, CancellationToken.None);
        Assert.Equal(clock.GetUtcNow() + TimeSpan.FromSeconds(1), refused.RetryAt);
    }

    [Fact]
    public async Task ATurnsReplies_WithNoRoomWithinTheWait_GoAnyway_AndAreCountedOnceSent()
    {
        // The channel asked for ten seconds' rest: no room for the turn within its two seconds.
        throttle.Defer(Chat, TimeSpan.FromSeconds(10));

        var places = throttle.AcquireForTurnAsync(Chat, 3, TimeSpan.FromSeconds(2), CancellationToken.None);
        clock.Advance(TimeSpan.FromMilliseconds(1999));
        Assert.False(places.IsCompleted);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var late = await places.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(3, late.Missing);
        Assert.Null(late.Unreachable);
        await late.SentAsync(CancellationToken.None);

        // They count: another instance finds room for four more in this second, not five.
        var sentAt = clock.GetUtcNow();
        for (var i = 0; i < 4; i++)
        {
            Assert.True((await ledger.ReserveAsync(Chat, sentAt, SendWindow.Teams, CancellationToken.None)).Granted);
        }

        var refused = await ledger.ReserveAsync(Chat, sentAt, SendWindow.Teams, CancellationToken.None);
        Assert.Equal(sentAt + TimeSpan.FromSeconds(1), refused.RetryAt);
    }

    [Fact]
    public async Task ATurnsReplies_WhenTheLedgerCannotBeReached_GoAtOnce_AndSayWhy()
    {
        using var cut = NewThrottle(new UnreachableLedger());

        var places = await cut.AcquireForTurnAsync(Chat, 2, TimeSpan.FromSeconds(2), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(2, places.Missing);
        Assert.IsType<RequestStoreUnavailableException>(places.Unreachable);
        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => places.SentAsync(CancellationToken.None));
    }

    /// <summary>
    /// Two instances on one ledger: one delivers notifications to a chat in bursts of six every six seconds, the
    /// other takes the user's turns there, two replies every three seconds, for three minutes of the clock. Their
    /// bursts meet every six seconds (six and two would be eight in a second, where Teams allows seven); each reply
    /// waits for its place, never longer than the turn's wait, and together they keep every window.
    /// </summary>
    [Fact]
    public async Task RepliesAndNotifications_FromTwoInstances_TogetherKeepEveryWindow()
    {
        using var turns = NewThrottle(ledger);
        var sent = new ConcurrentQueue<DateTimeOffset>();
        var missing = 0;
        var running = new List<Task>();

        async Task BurstAsync()
        {
            for (var i = 0; i < 6; i++)
            {
                var slot = await throttle.AcquireAsync(Chat, CancellationToken.None);
                sent.Enqueue(clock.GetUtcNow());
                slot.Dispose();
            }
        }

        async Task TurnAsync()
        {
            var places = await turns.AcquireForTurnAsync(Chat, 2, TimeSpan.FromSeconds(2), CancellationToken.None);
            sent.Enqueue(clock.GetUtcNow());
            sent.Enqueue(clock.GetUtcNow());
            await places.SentAsync(CancellationToken.None);
            Interlocked.Add(ref missing, places.Missing);
        }

        await Task.Run(async () =>
        {
            for (var second = 0; second < 180; second++)
            {
                if (second % 6 == 0)
                {
                    running.Add(BurstAsync());
                }

                if (second % 3 == 0)
                {
                    running.Add(TurnAsync());
                }

                for (var step = 0; step < 10; step++)
                {
                    clock.Advance(TimeSpan.FromMilliseconds(100));
                    await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromMilliseconds(5), TimeProvider.System));
                }
            }

            await AdvanceUntilAsync(Task.WhenAll(running));
        });

        Assert.Equal((30 * 6) + (60 * 2), sent.Count);
        Assert.Equal(0, missing);
        Assert.Null(SendWindowCheck.FirstExcess(sent, SendWindow.Teams.Select(w => (w.Length, w.Limit))));
    }

    /// <summary>A shared ledger whose database is down.</summary>
    private sealed class UnreachableLedger : IConversationSendLedger
    {
        public Task<SendReservation> ReserveAsync(string conversationId, DateTimeOffset now, IReadOnlyList<SendWindow> windows, CancellationToken cancellationToken) =>
            throw new RequestStoreUnavailableException("The ledger's database is down.");

        public void Complete(SendReservation reservation, DateTimeOffset at) =>
            throw new InvalidOperationException("Nothing was reserved.");

        public Task RecordAsync(string conversationId, DateTimeOffset at, int count, CancellationToken cancellationToken) =>
            throw new RequestStoreUnavailableException("The ledger's database is down.");
    }

    private async Task SendNowAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            (await throttle.AcquireAsync(Chat, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))).Dispose();
        }
    }

    public void Dispose() => throttle.Dispose();
}
