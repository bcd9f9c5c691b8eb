using System.Diagnostics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// Graph throttling (429 and 503 with Retry-After) as the store's callers see it: a single request is retried by the
/// SDK's pipeline and the operation succeeds; a throttled part of a <c>$batch</c>, which the pipeline does not retry,
/// is sent again after its Retry-After; past the retry budget the operation fails promptly with
/// <see cref="RequestStoreUnavailableException"/>. Whatever happens, a change is written once or not at all.
/// Retry-After is at most 1 s, and the retries wait on the system clock as the SDK's handler does.
/// </summary>
public sealed class ThrottlingTests : SharePointStoreTests
{
    /// <summary>How long a throttled operation may take before it gives up: the budget and a few local round trips.</summary>
    private static readonly TimeSpan Prompt = GraphClients.RetryBudget + TimeSpan.FromSeconds(2);

    private string RequestsList => Backend.Options.RequestsList;

    private string HistoryList => Backend.Options.HistoryList;

    private async Task<LegalRequest> FiledAsync(string key)
    {
        var request = (await Requests.CreateAsync(New(key))).Request;
        Backend.Server.ClearRequests();
        return request;
    }

    private IReadOnlyList<RecordedRequest> Sent(string method, string pathContains, bool inBatch) =>
        [.. Backend.Server.Requests.Where(r => r.IsGraph && r.InBatch == inBatch && r.Method == method && r.Path.Contains(pathContains, StringComparison.Ordinal))];

    private async Task<int> RequestCountAsync() => (await Requests.ListByRequesterAsync(Requester.AadObjectId, null, 50)).Items.Count;

    [Fact]
    public async Task StatusRead_ThrottledOnce_IsRetriedAfterRetryAfter_AndReturnsTheRequest()
    {
        var request = await FiledAsync("key-read");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "GET", PathContains: $"{RequestsList}/items/"));
        var clock = Stopwatch.StartNew();

        var read = await Requests.GetAsync(request.Number);

        Assert.Equivalent(request, read, strict: true);
        var attempts = Sent("GET", $"{RequestsList}/items/", inBatch: false);
        Assert.Equal([429, 200], attempts.Select(a => a.Status));
        Assert.Equal("1", attempts[1].Headers["Retry-Attempt"]);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), Prompt);
    }

    [Fact]
    public async Task HistoryRead_Unavailable503Twice_IsRetried_AndReturnsEveryLine()
    {
        var request = await FiledAsync("key-history");
        Backend.Server.AddFault(new GraphFault(503, RetryAfter: TimeSpan.Zero, Method: "GET", PathContains: $"{HistoryList}/items", Times: 2));

        var history = await Requests.GetHistoryAsync(request.Number);

        Assert.Single(history);
        Assert.Equal([503, 503, 200], Sent("GET", $"{HistoryList}/items", inBatch: false).Select(a => a.Status));
    }

    [Fact]
    public async Task Filing_ThrottledOnItsPost_IsRetried_AndFilesOneRequestWithOneHistoryLine()
    {
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.Zero, Method: "POST", PathContains: $"{RequestsList}/items"));

        var created = await Requests.CreateAsync(New("key-file"));

        Assert.True(created.Created);
        Assert.Equal([429, 201], Sent("POST", $"{RequestsList}/items", inBatch: false).Select(a => a.Status));
        Assert.Equal(1, await RequestCountAsync());
        Assert.Single(await Requests.GetHistoryAsync(created.Request.Number));
    }

    [Fact]
    public async Task Change_WhoseBatchIsThrottledOnce_IsAppliedOnce()
    {
        var request = await FiledAsync("key-change");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.Zero, Method: "POST", PathContains: "$batch"));

        var outcome = await Requests.ApplyAsync(Triage(request, "change-1"));

        var applied = Assert.IsType<ChangeOutcome.Applied>(outcome).Request;
        Assert.Equal(request.Version + 1, applied.Version);
        Assert.Equal([429, 200, 200], Sent("POST", "$batch", inBatch: false).Select(a => a.Status));
        Assert.Equal(RequestState.InTriage, (await Requests.GetAsync(request.Number))!.State);
        Assert.Equal(request.Version + 1, (await Requests.GetAsync(request.Number))!.Version);
        Assert.Equal(["created", "triage"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
    }

    [Fact]
    public async Task StatusRead_ThrottledPastTheRetries_FailsPromptly_AsUnavailable()
    {
        var request = await FiledAsync("key-read-down");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "GET", PathContains: $"{RequestsList}/items/", Times: int.MaxValue));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.GetAsync(request.Number));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
        Assert.Equal(1 + GraphClients.MaxRetries, Sent("GET", $"{RequestsList}/items/", inBatch: false).Count);
    }

    [Fact]
    public async Task ARetryAfterLongerThanTheBudget_IsNotWaitedFor()
    {
        var request = await FiledAsync("key-long-wait");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(120), Method: "GET", Times: int.MaxValue));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.GetAsync(request.Number));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(2));
        Assert.Single(Sent("GET", $"{RequestsList}/items/", inBatch: false));
    }

    [Fact]
    public async Task Filing_ThrottledPastTheRetries_FailsAsUnavailable_AndFilesNothing()
    {
        Backend.Server.AddFault(new GraphFault(503, RetryAfter: TimeSpan.Zero, Method: "POST", PathContains: $"{RequestsList}/items", Times: int.MaxValue));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.CreateAsync(New("key-file-down")));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
        Backend.Server.ClearFaults();
        Assert.Equal(0, await RequestCountAsync());
        Assert.Null(await Requests.FindBySubmissionKeyAsync("key-file-down"));
    }

    [Fact]
    public async Task Change_ThrottledPastTheRetries_FailsAsUnavailable_AndWritesNothing()
    {
        var request = await FiledAsync("key-change-down");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "POST", PathContains: "$batch", Times: int.MaxValue));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.ApplyAsync(Triage(request, "change-down")));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
        Backend.Server.ClearFaults();
        Assert.Equivalent(request, await Requests.GetAsync(request.Number), strict: true);
        Assert.Equal(["created"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
        Assert.Null(await Requests.FindChangeAsync("change-down"));
    }

    [Fact]
    public async Task Change_WhoseHistoryLineIsThrottledInTheBatch_SendsItAgainAfterItsRetryAfter_AndWritesItOnce()
    {
        var request = await FiledAsync("key-part-history");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "POST", PathContains: $"{HistoryList}/items"));
        var clock = Stopwatch.StartNew();

        var outcome = await Requests.ApplyAsync(Triage(request, "change-part"));

        Assert.Equal(request.Version + 1, Assert.IsType<ChangeOutcome.Applied>(outcome).Request.Version);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), Prompt);
        Assert.Equal([429, 201], Sent("POST", $"{HistoryList}/items", inBatch: true).Select(a => a.Status));
        Assert.Equal([200], Sent("PATCH", "/fields", inBatch: true).Select(a => a.Status));
        Assert.Equal(3, Sent("POST", "$batch", inBatch: false).Count);
        Assert.Equal(request.Version + 1, (await Requests.GetAsync(request.Number))!.Version);
        Assert.Equal(["created", "triage"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
    }

    [Fact]
    public async Task Change_WhoseItemWriteIsThrottledInTheBatch_SendsItAndItsHistoryLineAgain_AndAppliesItOnce()
    {
        var request = await FiledAsync("key-part-item");
        Backend.Server.AddFault(new GraphFault(503, RetryAfter: TimeSpan.Zero, Method: "PATCH", PathContains: "/fields"));

        var outcome = await Requests.ApplyAsync(Triage(request, "change-part-item"));

        Assert.Equal(request.Version + 1, Assert.IsType<ChangeOutcome.Applied>(outcome).Request.Version);
        Assert.Equal([503, 200], Sent("PATCH", "/fields", inBatch: true).Select(a => a.Status));

        // The first time the history line depended on the throttled write, so Graph failed it (424) without running
        // it; both went again in one batch, the line still depending on the write.
        Assert.Equal([201], Sent("POST", $"{HistoryList}/items", inBatch: true).Select(a => a.Status));
        var retried = Sent("POST", "$batch", inBatch: false)[^1];
        Assert.Contains("\"dependsOn\":[\"update\"]", retried.Body, StringComparison.Ordinal);
        Assert.Contains("/fields", retried.Body, StringComparison.Ordinal);
        Assert.Equal(request.Version + 1, (await Requests.GetAsync(request.Number))!.Version);
        Assert.Equal(["created", "triage"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
    }

    [Fact]
    public async Task ALookupThrottledInTheBatch_IsSentAgain_AndFindsTheChange()
    {
        var request = await FiledAsync("key-part-read");
        await Requests.ApplyAsync(Triage(request, "change-found"));
        Backend.Server.ClearRequests();
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.Zero, Method: "GET", PathContains: $"{HistoryList}/items"));

        Assert.Equal(request.Number, await Requests.FindChangeAsync("change-found"));

        Assert.Equal([429, 200], Sent("GET", $"{HistoryList}/items", inBatch: true).Select(a => a.Status));
    }

    [Fact]
    public async Task Change_WhoseItemWriteStaysThrottledInTheBatch_FailsPromptly_AndWritesNothing()
    {
        var request = await FiledAsync("key-part-down");
        Backend.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "PATCH", PathContains: "/fields", Times: int.MaxValue));
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(() => Requests.ApplyAsync(Triage(request, "change-part-down")));

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Prompt);
        Assert.DoesNotContain(Sent("POST", $"{HistoryList}/items", inBatch: true), r => r.Status == 201);
        Backend.Server.ClearFaults();
        Assert.Equivalent(request, await Requests.GetAsync(request.Number), strict: true);
        Assert.Equal(["created"], (await Requests.GetHistoryAsync(request.Number)).Select(h => h.Action));
    }
}
