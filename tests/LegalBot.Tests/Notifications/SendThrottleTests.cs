using LegalBot.Notifications;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// The throttle on its own, on a fake clock: Teams' per-conversation and per-app windows, Retry-After and a
/// turn's own replies. (The host tests check the same limits end to end on what the fake channel received.)
/// </summary>
public sealed class SendThrottleTests : IDisposable
{
    private const string Chat = "a:chat-1";
    private const string OtherChat = "a:chat-2";

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero));
    private readonly SendThrottle throttle;

    public SendThrottleTests() =>
        throttle = new SendThrottle(Options.Create(new DispatcherOptions { PerConversationPerSecond = 7, PerAppPerSecond = 10 }), clock);

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
        throttle.Record(Chat, 6);

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

    public void Dispose() => throttle.Dispose();
}
