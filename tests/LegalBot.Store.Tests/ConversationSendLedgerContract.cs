using LegalBot.Core.Sending;
using LegalBot.Testing;

namespace LegalBot.Store.Tests;

/// <summary>
/// What every <see cref="IConversationSendLedger"/> promises: Teams' per-conversation windows, each on its own, a send
/// counted from its completion once completed, turn replies taking room, conversations apart.
/// </summary>
public abstract class ConversationSendLedgerContract : IAsyncLifetime
{
    protected const string Chat = "a:chat-1";
    protected static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 0, 0, TimeSpan.Zero);
    protected static readonly IReadOnlyList<SendWindow> Windows = SendWindow.Teams;

    private IConversationSendLedger? _ledger;

    protected IConversationSendLedger Ledger => _ledger ?? throw new InvalidOperationException("Not initialized.");

    /// <summary>A ledger over this test's data; another call stands for another instance (the same data).</summary>
    protected abstract Task<IConversationSendLedger> OpenAsync();

    public virtual async Task InitializeAsync() => _ledger = await OpenAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected Task<SendReservation> ReserveAsync(DateTimeOffset at, string conversation = Chat) =>
        Ledger.ReserveAsync(conversation, at, Windows, CancellationToken.None);

    protected async Task GrantedAsync(DateTimeOffset at, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var reservation = await ReserveAsync(at);
            Assert.True(reservation.Granted, $"send {i + 1} at {at:O} refused until {reservation.RetryAt:O}");
        }
    }

    [Fact]
    public async Task SevenInASecond_TheEighthIsToldToWaitUntilTheFirstIsASecondOld()
    {
        await GrantedAsync(Start, 7);

        var eighth = await ReserveAsync(Start + TimeSpan.FromMilliseconds(400));
        Assert.False(eighth.Granted);
        Assert.Equal(Start + TimeSpan.FromSeconds(1), eighth.RetryAt);
        await GrantedAsync(Start + TimeSpan.FromSeconds(1), 1);
    }

    [Fact]
    public async Task EightInTwoSeconds_HoldsThoughSevenASecondWouldAllowMore()
    {
        await GrantedAsync(Start, 7);
        await GrantedAsync(Start + TimeSpan.FromSeconds(1), 1);

        var ninth = await ReserveAsync(Start + TimeSpan.FromSeconds(1));
        Assert.Equal(Start + TimeSpan.FromSeconds(2), ninth.RetryAt);
        await GrantedAsync(Start + TimeSpan.FromSeconds(2), 7);
        Assert.False((await ReserveAsync(Start + TimeSpan.FromSeconds(2))).Granted);
    }

    [Fact]
    public async Task SixtyInThirtySeconds_TheSixtyFirstWaitsUntilTheFirstIsThirtySecondsOld()
    {
        for (var i = 0; i < 10; i++)
        {
            await Ledger.RecordAsync(Chat, Start + TimeSpan.FromSeconds(3 * i), 6, CancellationToken.None);
        }

        var sixtyFirst = await ReserveAsync(Start + TimeSpan.FromSeconds(29));
        Assert.Equal(Start + TimeSpan.FromSeconds(30), sixtyFirst.RetryAt);
        await GrantedAsync(Start + TimeSpan.FromSeconds(30), 1);
    }

    [Fact]
    public async Task EighteenHundredInAnHour_TheNextWaitsUntilTheFirstIsAnHourOld()
    {
        for (var i = 0; i < 30; i++)
        {
            await Ledger.RecordAsync(Chat, Start + TimeSpan.FromMinutes(2 * i), 60, CancellationToken.None);
        }

        var next = await ReserveAsync(Start + TimeSpan.FromMinutes(59));
        Assert.Equal(Start + TimeSpan.FromHours(1), next.RetryAt);
        await GrantedAsync(Start + TimeSpan.FromHours(1), 1);
    }

    [Fact]
    public async Task ACompletedSend_CountsFromItsCompletion()
    {
        // Seven sends reserved at once, which took half a second each.
        var sends = new List<SendReservation>();
        for (var i = 0; i < 7; i++)
        {
            sends.Add(await ReserveAsync(Start));
        }

        sends.ForEach(send => Ledger.Complete(send, Start + TimeSpan.FromMilliseconds(500)));

        var eighth = await ReserveAsync(Start + TimeSpan.FromSeconds(1));
        Assert.Equal(Start + TimeSpan.FromMilliseconds(1500), eighth.RetryAt);
    }

    [Fact]
    public async Task ConversationsAreApart_AndEveryInstanceSeesTheSameSends()
    {
        await GrantedAsync(Start, 7);
        var other = await OpenAsync();

        Assert.False((await other.ReserveAsync(Chat, Start, Windows, CancellationToken.None)).Granted);
        Assert.True((await other.ReserveAsync("a:chat-2", Start, Windows, CancellationToken.None)).Granted);
    }

    [Fact]
    public async Task LowerLimits_AreHonoured()
    {
        IReadOnlyList<SendWindow> lower = [.. Windows.Select(w => w with { Limit = 2 })];
        Assert.True((await Ledger.ReserveAsync(Chat, Start, lower, CancellationToken.None)).Granted);
        Assert.True((await Ledger.ReserveAsync(Chat, Start, lower, CancellationToken.None)).Granted);

        var third = await Ledger.ReserveAsync(Chat, Start + TimeSpan.FromMinutes(10), lower, CancellationToken.None);
        Assert.Equal(Start + TimeSpan.FromHours(1), third.RetryAt);
    }

    [Fact]
    public async Task AsFastAsAllowed_TheGrantsKeepEveryWindow()
    {
        var granted = new List<DateTimeOffset>();
        for (var at = Start; at < Start + TimeSpan.FromMinutes(2); at += TimeSpan.FromMilliseconds(250))
        {
            while ((await ReserveAsync(at)).Granted)
            {
                granted.Add(at);
            }
        }

        Assert.Null(SendWindowCheck.FirstExcess(granted, Windows.Select(w => (w.Length, w.Limit))));
        Assert.Equal(240, granted.Count);
    }
}

public sealed class InProcessConversationSendLedgerTests : ConversationSendLedgerContract
{
    private readonly InProcessConversationSendLedger _ledger = new();

    /// <summary>One process: every sender in it shares the one ledger.</summary>
    protected override Task<IConversationSendLedger> OpenAsync() => Task.FromResult<IConversationSendLedger>(_ledger);
}
