using LegalBot.Testing;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Infrastructure;

/// <summary>Delivery of a host on a fake clock.</summary>
internal static class ClockedDelivery
{
    /// <summary>
    /// Waits until the outbox in <paramref name="databasePath"/> has nothing pending, moving the clock a moment at a
    /// time (the dispatcher's polls and the chats' rate limits run on it).
    /// </summary>
    public static Task DeliveredAsync(FakeChannel channel, FakeTimeProvider clock, string databasePath) =>
        channel.WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                return TestDatabase.OutboxAsync(databasePath).GetAwaiter().GetResult().All(r => r.Status != "pending");
            },
            "every notification handled");
}
