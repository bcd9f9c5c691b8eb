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

    /// <summary>Each call is another instance: its own connection pool on the one database.</summary>
    protected override async Task<IConversationSendLedger> OpenAsync() => new PostgresConversationSendLedger(await Backend.OpenAsync());

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

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(await Backend.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}
