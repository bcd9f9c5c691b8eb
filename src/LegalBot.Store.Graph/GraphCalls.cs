using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Identity;
using LegalBot.Core.Stores;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace LegalBot.Store.Graph;

/// <summary>A Graph answer: its status, its JSON body (a copy, valid after the response is gone) and its Retry-After.</summary>
/// <param name="Error">An OData error's code and message, when Graph answered with one.</param>
internal sealed record GraphReply(int Status, JsonElement? Body, TimeSpan? RetryAfter = null, (string? Code, string? Message)? Error = null)
{
    public bool Succeeded => Status is >= 200 and < 300;
}

/// <summary>One request of a <c>$batch</c>, with the ids of the requests that must succeed before it runs.</summary>
internal sealed record GraphStep(string Id, RequestInformation Request, params string[] DependsOn);

/// <summary>
/// Sends requests built by the SDK's request builders through the client's pipeline (retry with Retry-After,
/// redirect, compression), alone or as one <c>$batch</c>, and turns "Graph cannot be reached" in all its forms into
/// <see cref="RequestStoreUnavailableException"/>.
/// </summary>
/// <param name="clock">
/// The clock a throttled batch part waits on: the system's by default, the one the SDK's retry handler waits on.
/// </param>
internal sealed class GraphCalls(GraphServiceClient graph, TimeProvider? clock = null)
{
    /// <summary>Graph's limit of requests in one <c>$batch</c>.</summary>
    public const int MaxBatchSize = 20;

    /// <summary>The wait before sending a throttled batch part again when its answer gave no Retry-After.</summary>
    private static readonly TimeSpan DefaultPartRetryAfter = TimeSpan.FromSeconds(1);

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    private readonly TimeProvider time = clock ?? TimeProvider.System;

    /// <summary>Sends one request; an OData error comes back as its reply, unavailability as an exception.</summary>
    public Task<GraphReply> SendAsync(RequestInformation request, CancellationToken cancellationToken) =>
        SendAsync(request, retryBudget: null, cancellationToken);

    /// <summary>
    /// Sends the steps as one <c>$batch</c> (one round trip). Graph's pipeline does not retry the parts of a batch,
    /// and Graph's throttling guidance says to send the throttled ones again after the longest Retry-After they
    /// carry: parts answered 429 or 503 (not carried out), with the parts that failed only because they depended on
    /// them (424), go again as a new <c>$batch</c> after that wait. All of it, the pipeline's own retries included,
    /// waits at most <see cref="GraphClients.RetryBudget"/>; past it the call fails with
    /// <see cref="RequestStoreUnavailableException"/>. Nothing that was carried out is sent again, so no write is
    /// doubled. Other failures of a part are its reply.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GraphReply>> BatchAsync(IReadOnlyList<GraphStep> steps, CancellationToken cancellationToken)
    {
        if (steps.Count is 0 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps.Count, $"A batch holds 1 to {MaxBatchSize} requests.");
        }

        var started = time.GetTimestamp();
        var replies = new Dictionary<string, GraphReply>(StringComparer.Ordinal);
        IReadOnlyList<GraphStep> pending = steps;
        while (true)
        {
            var left = GraphClients.RetryBudget - time.GetElapsedTime(started);
            foreach (var (id, reply) in await PostBatchAsync(pending, replies, left, cancellationToken))
            {
                replies[id] = reply;
            }

            var again = new List<GraphStep>();
            foreach (var step in pending)
            {
                var status = replies[step.Id].Status;
                if (IsThrottled(status)
                    || (status == (int)HttpStatusCode.FailedDependency && step.DependsOn.All(d => replies[d].Succeeded || again.Any(a => a.Id == d))))
                {
                    again.Add(step);
                }
            }

            if (again.Count == 0)
            {
                return replies;
            }

            var wait = again.Where(s => IsThrottled(replies[s.Id].Status)).Max(s => replies[s.Id].RetryAfter ?? DefaultPartRetryAfter);
            if (wait > GraphClients.RetryBudget - time.GetElapsedTime(started))
            {
                throw new RequestStoreUnavailableException($"Microsoft Graph is throttling (a batch part asked to wait {wait.TotalSeconds} s); try again shortly.");
            }

            await Task.Delay(wait, time, cancellationToken);
            pending = again;
        }
    }

    /// <summary>Whether a status means "not now" rather than "no": throttled, or the service failed.</summary>
    public static bool IsUnavailable(int status) => status is 429 or >= 500;

    /// <summary>Graph's "not carried out, try again after Retry-After" answers.</summary>
    private static bool IsThrottled(int status) => status is 429 or 503;

    private async Task<GraphReply> SendAsync(RequestInformation request, TimeSpan? retryBudget, CancellationToken cancellationToken)
    {
        if (retryBudget is { } budget)
        {
            request.AddRequestOptions([GraphClients.RetryWithin(budget)]);
        }

        try
        {
            await using var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken);
            return new GraphReply(200, stream is null ? null : await ReadAsync(stream, cancellationToken));
        }
        catch (ODataError error) when (!IsUnavailable(error.ResponseStatusCode))
        {
            return new GraphReply(error.ResponseStatusCode, null, Error: (error.Error?.Code, error.Error?.Message));
        }
        catch (Exception exception) when (Unavailable(exception, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>
    /// One <c>$batch</c> of the steps (a dependency on a step answered before is dropped: it succeeded), its retries
    /// in the pipeline limited to <paramref name="retryBudget"/>; the replies by step id. The JSON is written here, as
    /// Graph's JSON batching documents it, because the SDK's batch content cannot carry that per-request limit.
    /// </summary>
    private async Task<Dictionary<string, GraphReply>> PostBatchAsync(IReadOnlyList<GraphStep> steps, Dictionary<string, GraphReply> answered, TimeSpan retryBudget, CancellationToken cancellationToken)
    {
        var root = (graph.RequestAdapter.BaseUrl ?? throw new InvalidOperationException("The Graph client has no base address.")).TrimEnd('/');
        var requests = new JsonArray();
        foreach (var step in steps)
        {
            var url = step.Request.URI.AbsoluteUri;
            if (!url.StartsWith(root + "/", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("A batch step must address the client's Graph base address.");
            }

            var part = new JsonObject { ["id"] = step.Id, ["method"] = step.Request.HttpMethod.ToString().ToUpperInvariant(), ["url"] = url[root.Length..] };
            var headers = new JsonObject();
            foreach (var (name, values) in step.Request.Headers)
            {
                headers[name] = string.Join(", ", values);
            }

            if (step.Request.Content is { } body && (body.CanSeek ? body.Length > 0 : throw new InvalidOperationException("A batch step's body must be rewindable.")))
            {
                // Sent before if this is a retry: read it from the start again.
                body.Position = 0;
                part["body"] = await JsonNode.ParseAsync(body, cancellationToken: cancellationToken);
            }

            if (headers.Count > 0)
            {
                part["headers"] = headers;
            }

            var dependsOn = step.DependsOn.Where(d => !answered.ContainsKey(d) || steps.Any(s => s.Id == d)).ToList();
            if (dependsOn.Count > 0)
            {
                part["dependsOn"] = new JsonArray([.. dependsOn.Select(d => JsonValue.Create(d))]);
            }

            requests.Add(part);
        }

        var post = new RequestInformation { HttpMethod = Method.POST, URI = new Uri(root + "/$batch") };
        post.Content = new MemoryStream(Encoding.UTF8.GetBytes(new JsonObject { ["requests"] = requests }.ToJsonString()));
        post.Headers.TryAdd("Content-Type", "application/json");
        var reply = await SendAsync(post, retryBudget, cancellationToken);
        if (reply is not { Succeeded: true, Body: { } batch } || !batch.TryGetProperty("responses", out var responses))
        {
            // Unavailability was thrown by SendAsync: this is a refusal of the batch itself.
            throw new InvalidOperationException($"Microsoft Graph refused a $batch (status {reply.Status}).");
        }

        var replies = new Dictionary<string, GraphReply>(StringComparer.Ordinal);
        foreach (var response in responses.EnumerateArray())
        {
            var id = response.GetProperty("id").GetString()!;
            replies[id] = new GraphReply(
                response.GetProperty("status").GetInt32(),
                response.TryGetProperty("body", out var partBody) ? partBody.Clone() : null,
                RetryAfterOf(response));
        }

        return steps.All(s => replies.ContainsKey(s.Id)) ? replies
            : throw new RequestStoreUnavailableException("Microsoft Graph answered a $batch without a response for every request.");
    }

    /// <summary>A batch part's Retry-After in seconds (Graph sends seconds; an HTTP date is not waited for here).</summary>
    private static TimeSpan? RetryAfterOf(JsonElement response)
    {
        if (!response.TryGetProperty("headers", out var headers) || headers.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var header in headers.EnumerateObject())
        {
            if (string.Equals(header.Name, "Retry-After", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(header.Value.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return null;
    }

    /// <summary>The answer's JSON; null when it has no body (such as a 201 Created that returns nothing).</summary>
    private static async Task<JsonElement?> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken);
        if (buffer.Length == 0)
        {
            return null;
        }

        buffer.Position = 0;
        using var document = await JsonDocument.ParseAsync(buffer, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    private static RequestStoreUnavailableException? Unavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestStoreUnavailableException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ODataError error when IsUnavailable(error.ResponseStatusCode) => new("Microsoft Graph is throttling or failing; try again shortly.", exception),
        ApiException { ResponseStatusCode: var status } when IsUnavailable(status) => new("Microsoft Graph is throttling or failing; try again shortly.", exception),

        // The retry handler gives up with an AggregateException ("Too many retries performed") of the failed answers.
        AggregateException aggregate when aggregate.InnerExceptions.Count > 0 && aggregate.InnerExceptions.All(e => e is ApiException { ResponseStatusCode: var s } && IsUnavailable(s))
            => new("Microsoft Graph is throttling or failing; try again shortly.", exception),
        ServiceException => new("Microsoft Graph is throttling or failing; try again shortly.", exception),
        HttpRequestException or TimeoutException or OperationCanceledException => new("Microsoft Graph cannot be reached.", exception),
        AuthenticationFailedException or CredentialUnavailableException => new("No token for Microsoft Graph could be obtained.", exception),
        _ => null,
    };

    /// <summary>
    /// The request for the page after <paramref name="page"/>: the query sent, with the <c>$skiptoken</c> of the page's
    /// <c>@odata.nextLink</c> (only from a link to the same address), and the same headers; null on the last page.
    /// </summary>
    public static RequestInformation? NextPage(JsonElement page, RequestInformation sent)
    {
        if (!page.TryGetProperty("@odata.nextLink", out var link) || link.GetString() is not { } nextLink
            || GraphPageToken.SkipTokenOf(nextLink, sent.URI) is not { } skip)
        {
            return null;
        }

        var next = new RequestInformation { HttpMethod = Method.GET, URI = WithSkipToken(sent.URI, skip) };
        foreach (var (name, values) in sent.Headers)
        {
            next.Headers.Add(name, values.ToArray());
        }

        return next;
    }

    public static Uri WithSkipToken(Uri query, string skip)
    {
        var text = query.ToString();
        var at = text.IndexOf("&$skiptoken=", StringComparison.Ordinal);
        var baseQuery = at < 0 ? text : text[..at];
        return new Uri(baseQuery + (baseQuery.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "$skiptoken=" + Uri.EscapeDataString(skip));
    }

    /// <summary>
    /// The request for the page after <paramref name="page"/> as Graph documents paging: its <c>@odata.nextLink</c> as
    /// given (opaque; Graph may change the path's spelling), with the headers sent, but only to the address the first
    /// request went to (scheme, host and port), so a token is never sent elsewhere; null on the last page.
    /// </summary>
    public static RequestInformation? FollowNextLink(JsonElement page, RequestInformation sent)
    {
        ArgumentNullException.ThrowIfNull(sent);
        if (!page.TryGetProperty("@odata.nextLink", out var link) || link.GetString() is not { } nextLink)
        {
            return null;
        }

        if (!Uri.TryCreate(nextLink, UriKind.Absolute, out var next)
            || !string.Equals(next.GetLeftPart(UriPartial.Authority), sent.URI.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException("Microsoft Graph returned a nextLink to another address.");
        }

        var request = new RequestInformation { HttpMethod = Method.GET, URI = next };
        foreach (var (name, values) in sent.Headers)
        {
            request.Headers.Add(name, values.ToArray());
        }

        return request;
    }
}
