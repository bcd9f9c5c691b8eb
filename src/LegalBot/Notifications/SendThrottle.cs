using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Keeps sends within Teams' limits: a token bucket per conversation (7 per second) and one for the
/// whole app, so a burst of assignments is paced rather than throttled into failure.
/// </summary>
public sealed class SendThrottle(IOptions<DispatcherOptions> options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, TokenBucketRateLimiter> conversations = new(StringComparer.Ordinal);
    private readonly TokenBucketRateLimiter app = Bucket(options.Value.PerAppPerSecond);

    public async Task WaitAsync(string conversationId, CancellationToken cancellationToken)
    {
        var conversation = conversations.GetOrAdd(conversationId, _ => Bucket(options.Value.PerConversationPerSecond));
        using var forConversation = await conversation.AcquireAsync(1, cancellationToken);
        using var forApp = await app.AcquireAsync(1, cancellationToken);
    }

    private static TokenBucketRateLimiter Bucket(int perSecond) => new(new TokenBucketRateLimiterOptions
    {
        TokenLimit = perSecond,
        TokensPerPeriod = perSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = int.MaxValue,
        QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        AutoReplenishment = true,
    });

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        foreach (var limiter in conversations.Values)
        {
            await limiter.DisposeAsync();
        }
    }
}
