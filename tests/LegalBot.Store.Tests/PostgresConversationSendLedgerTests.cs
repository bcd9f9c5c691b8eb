using LegalBot.Core.Sending;
using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Npgsql;

namespace LegalBot.Store.Tests;

/// <summary>The ledger on the shared database: the contract, then instances racing for the same conversation.</summary>
public sealed class PostgresConversationSendLedgerTests : ConversationSendLedgerContract
{
    /// <summary>The database, dropped when the test ends (<see cref="DisposeAsync"/>).</summary>
    private PostgresBackend Backend { get; } = new();

    /// <summary>
    /// Each call is another instance: its own connection pool on the one database. The contract's sends go out the
    /// moment they are reserved (no time in doubt); <see cref="InDoubtAsync"/> opens one whose sends take a while.
    /// </summary>
    protected override async Task<IConversationSendLedger> OpenAsync() => new PostgresConversationSendLedger(await Backend.OpenAsync(), TimeSpan.Zero);

    private async Task<IConversationSendLedger> InDoubtAsync() => new PostgresConversationSendLedger(await Backend.OpenAsync());

    [Fact]
    public async Task AReservationNotYetCompleted_CountsAsSentNow_InEveryWindow_UntilItCompletes()
    {
        var sending = await InDoubtAsync();
        var other = await InDoubtAsync();
        var sends = new List<SendReservation>();
        for (var i = 0; i < 7; i++)
        {
            sends.Add(await sending.ReserveAsync(Chat, Start, Windows, CancellationToken.None));
        }

        // A second and a half on the sends are still on their way: the channel may take them now, so they fill this second.
        var whileOnTheirWay = await other.ReserveAsync(Chat, Start + TimeSpan.FromMilliseconds(1500), Windows, CancellationToken.None);
        sends.ForEach(send => sending.Complete(send, Start + TimeSpan.FromMilliseconds(1600)));
        await WaitAsync(() => ScalarAsync("SELECT count(*) FROM conversation_sends WHERE done"), 7L);
        var onceCompleted = await other.ReserveAsync(Chat, Start + TimeSpan.FromMilliseconds(2000), Windows, CancellationToken.None);
        var aSecondAfter = await other.ReserveAsync(Chat, Start + TimeSpan.FromMilliseconds(2600), Windows, CancellationToken.None);

        Assert.Equal(Start + TimeSpan.FromMilliseconds(2500), whileOnTheirWay.RetryAt);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(2600), onceCompleted.RetryAt);
        Assert.True(aSecondAfter.Granted);
    }

    [Fact]
    public async Task AReservationNeverCompleted_ItsInstanceGone_CountsFromTheLongestSendAfterIt()
    {
        var died = await InDoubtAsync();
        var other = await InDoubtAsync();
        for (var i = 0; i < 7; i++)
        {
            Assert.True((await died.ReserveAsync(Chat, Start, Windows, CancellationToken.None)).Granted);
        }

        var inDoubt = PostgresConversationSendLedger.DefaultInFlight;
        var atTheEnd = await other.ReserveAsync(Chat, Start + inDoubt + TimeSpan.FromMilliseconds(500), Windows, CancellationToken.None);
        var aSecondAfter = await other.ReserveAsync(Chat, Start + inDoubt + TimeSpan.FromSeconds(1), Windows, CancellationToken.None);

        Assert.Equal(Start + inDoubt + TimeSpan.FromSeconds(1), atTheEnd.RetryAt);
        Assert.True(aSecondAfter.Granted);
    }

    private static async Task WaitAsync(Func<Task<object?>> read, object expected)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!Equals(await read(), expected))
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), $"Still not {expected}.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }
    }

    public override Task DisposeAsync() => Backend.DisposeAsync().AsTask();

    [Fact]
    public async Task ThreeInstancesReservingAtOnce_NeverTakeMoreThanAnyWindowHolds()
    {
        IConversationSendLedger[] instances = [await OpenAsync(), await OpenAsync(), await OpenAsync()];
        var granted = new List<DateTimeOffset>();

        // Every half second of the clock each instance asks four times at once, all for the same conversation.
        for (var at = Start; at < Start + TimeSpan.FromSeconds(40); at += TimeSpan.FromMilliseconds(500))
        {
            var now = at;
            var answers = await Task.WhenAll(
                instances.SelectMany(ledger => Enumerable.Range(0, 4).Select(_ =>
                    Task.Run(() => ledger.ReserveAsync(Chat, now, Windows, CancellationToken.None)))));
            granted.AddRange(answers.Where(a => a.Granted).Select(_ => now));
            Assert.All(answers.Where(a => !a.Granted), a => Assert.True(a.RetryAt > now));
        }

        Assert.Null(SendWindowCheck.FirstExcess(granted, Windows.Select(w => (w.Length, w.Limit))));
        // All the room was used: 7 at the start, 60 in the first thirty seconds.
        Assert.Equal(7, granted.Count(t => t == Start));
        Assert.Equal(60, granted.Count(t => t < Start + TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task SendsPastAnHour_AreCleared()
    {
        await Ledger.RecordAsync(Chat, Start, 5, CancellationToken.None);
        await Ledger.RecordAsync("a:chat-2", Start + TimeSpan.FromMinutes(30), 2, CancellationToken.None);

        await GrantedAsync(Start + TimeSpan.FromHours(1), 1);

        Assert.Equal(3L, await ScalarAsync("SELECT count(*) FROM conversation_sends"));
    }

    [Fact]
    public async Task ACompletion_TravelsWithTheNextReservation()
    {
        var first = await ReserveAsync(Start);
        Ledger.Complete(first, Start + TimeSpan.FromMilliseconds(300));
        await ReserveAsync(Start + TimeSpan.FromSeconds(1));

        // The completion travelled with the second reservation.
        Assert.Equal(
            (Start + TimeSpan.FromMilliseconds(300)).UtcDateTime,
            await ScalarAsync($"SELECT at FROM conversation_sends WHERE id = {first.Id}"));
    }

    [Fact]
    public async Task ACompletion_IsWrittenAtOnce_SoOtherInstancesCountTheSendFromItWithoutWaitingForAnotherCall()
    {
        var sends = new List<SendReservation>();
        for (var i = 0; i < 7; i++)
        {
            sends.Add(await ReserveAsync(Start));
        }

        // The channel took them late (a slow network): they completed 800 ms after they were reserved, and this
        // instance then makes no other call.
        sends.ForEach(send => Ledger.Complete(send, Start + TimeSpan.FromMilliseconds(800)));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while ((long)(await ScalarAsync($"SELECT count(*) FROM conversation_sends WHERE at = '{(Start + TimeSpan.FromMilliseconds(800)).UtcDateTime:O}'"))! < 7)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "The completions were not written.");
            await Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System);
        }

        var other = await OpenAsync();
        var refused = await other.ReserveAsync(Chat, Start + TimeSpan.FromSeconds(1), Windows, CancellationToken.None);
        Assert.Equal(Start + TimeSpan.FromMilliseconds(1800), refused.RetryAt);
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await Backend.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
