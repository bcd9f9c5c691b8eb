using System.Net;
using LegalBot.Testing;

namespace LegalBot.Tests.Infrastructure;

public static partial class Scenarios
{
    /// <summary>
    /// A requester files an NDA; the database is cut off through <paramref name="relay"/>, as a restart or failover
    /// would: <c>/readyz</c> answers 503 and "status" gets the plain "try again shortly"; once it is back, the same
    /// question gets the request's card, <c>/readyz</c> answers 200, and no turn failed with an error (event 1000).
    /// </summary>
    public static async Task DatabaseCutAndRestoredAsync(HttpClient http, TeamsClient requester, LoopbackRelay relay, LogSink logs)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(relay);
        ArgumentNullException.ThrowIfNull(logs);
        var id = await FileNdaAsync(requester);
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        relay.Cut();
        using (var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }

        var refused = await requester.SayAsync($"status {id}");
        relay.Restore();
        var answered = await requester.SayAsync($"status {id}");
        using var readyAgain = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal("I can't reach the request list right now, so nothing was changed. Please try again shortly.", Assert.Single(refused.Texts));
        Assert.Contains(id, answered.Card.Json(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
        Assert.DoesNotContain(logs.Entries, e => e.EventId.Id == 1000);
    }
}
