using LegalBot.Core.Requests;

namespace LegalBot.Store.Tests;

/// <summary>The facts contract on PostgreSQL, and the period's bounds to the 100-nanosecond tick it keeps.</summary>
public sealed class PostgresRequestFactsTests : RequestFactsContract<PostgresBackend>
{
    [Fact]
    public async Task ThePeriodsBounds_AreExactToTheTick()
    {
        // Ticks PostgreSQL's microseconds alone would not tell apart from the bounds.
        var from = Monday.AddTicks(5);
        var to = Monday.AddDays(7).AddTicks(5);
        var before = await FileAsync("a-tick-before", from.AddTicks(-1));
        await MoveAsync(before, "reject", RequestState.Rejected, Staff, from.AddTicks(-1));
        var atFrom = await FileAsync("at-from", from.ToOffset(TimeSpan.FromHours(-4)));
        await MoveAsync(atFrom, "reject", RequestState.Rejected, Staff, from);
        var lastTick = await FileAsync("the-last-tick", to.AddTicks(-1));
        await MoveAsync(lastTick, "reject", RequestState.Rejected, Staff, to.AddDays(1));
        var completedAtTo = await FileAsync("completed-at-to", from.AddDays(-30));
        completedAtTo = await MoveAsync(completedAtTo, "keepInHouse", RequestState.KeptInHouse, Staff, from.AddDays(-29));
        await MoveAsync(completedAtTo, "complete", RequestState.Completed, Staff, to);
        var completedLastTick = await FileAsync("completed-the-last-tick", from.AddDays(-30));
        completedLastTick = await MoveAsync(completedLastTick, "keepInHouse", RequestState.KeptInHouse, Staff, from.AddDays(-29));
        await MoveAsync(completedLastTick, "complete", RequestState.Completed, Staff, to.AddTicks(-1).ToOffset(TimeSpan.FromHours(11)));

        var found = await Facts.FactsAsync(from, to.ToOffset(TimeSpan.FromHours(-6)));

        Assert.Equal([atFrom.Number, lastTick.Number, completedLastTick.Number], found.Select(f => f.Number).OrderBy(n => n.Value));
    }
}
