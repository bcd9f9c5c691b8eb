using System.Net;
using System.Text.Json;
using Azure.Identity;
using LegalBot.Core.Stores;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Serialization;

namespace LegalBot.Store.Graph;

/// <summary>A Graph answer: its status and its JSON body (a copy, valid after the response is gone).</summary>
internal sealed record GraphReply(int Status, JsonElement? Body)
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
internal sealed class GraphCalls(GraphServiceClient graph)
{
    /// <summary>Graph's limit of requests in one <c>$batch</c>.</summary>
    public const int MaxBatchSize = 20;

    private static readonly Dictionary<string, ParsableFactory<IParsable>> ErrorMapping = new(StringComparer.Ordinal)
    {
        ["XXX"] = ODataError.CreateFromDiscriminatorValue,
    };

    /// <summary>Sends one request; an OData error comes back as its reply, unavailability as an exception.</summary>
    public async Task<GraphReply> SendAsync(RequestInformation request, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = await graph.RequestAdapter.SendPrimitiveAsync<Stream>(request, ErrorMapping, cancellationToken);
            return new GraphReply(200, stream is null ? null : await ReadAsync(stream, cancellationToken));
        }
        catch (ODataError error) when (!IsUnavailable(error.ResponseStatusCode))
        {
            return new GraphReply(error.ResponseStatusCode, null);
        }
        catch (Exception exception) when (Unavailable(exception, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }
    }

    /// <summary>
    /// Sends the steps as one <c>$batch</c> (one round trip). Graph's pipeline does not retry the parts of a batch,
    /// so a part that was throttled or failed on the service's side (and the parts that depended on it) is sent
    /// again alone, in order, where the pipeline's retry applies.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, GraphReply>> BatchAsync(IReadOnlyList<GraphStep> steps, CancellationToken cancellationToken)
    {
        if (steps.Count is 0 or > MaxBatchSize)
        {
            throw new ArgumentOutOfRangeException(nameof(steps), steps.Count, $"A batch holds 1 to {MaxBatchSize} requests.");
        }

        var replies = new Dictionary<string, GraphReply>(StringComparer.Ordinal);
        try
        {
            var content = new BatchRequestContentCollection(graph, MaxBatchSize);
            foreach (var step in steps)
            {
                await content.AddBatchRequestStepAsync(step.Request, step.Id);
                if (step.DependsOn.Length > 0)
                {
                    content.BatchRequestSteps[step.Id].DependsOn = [.. step.DependsOn];
                }
            }

            var response = await graph.Batch.PostAsync(content, cancellationToken);
            foreach (var step in steps)
            {
                using var message = await response.GetResponseByIdAsync(step.Id);
                JsonElement? body = null;
                if (message.Content is { } payload && (await payload.ReadAsByteArrayAsync(cancellationToken)) is { Length: > 0 } bytes)
                {
                    body = JsonDocument.Parse(bytes).RootElement.Clone();
                }

                replies[step.Id] = new GraphReply((int)message.StatusCode, body);
            }
        }
        catch (Exception exception) when (Unavailable(exception, cancellationToken) is { } unavailable)
        {
            throw unavailable;
        }

        foreach (var step in steps)
        {
            var reply = replies[step.Id];
            var retry = IsUnavailable(reply.Status)
                || (reply.Status == (int)HttpStatusCode.FailedDependency && step.DependsOn.All(d => replies[d].Succeeded));
            if (retry)
            {
                replies[step.Id] = await SendAsync(step.Request, cancellationToken);
            }
        }

        return replies;
    }

    /// <summary>Whether a status means "not now" rather than "no": throttled, or the service failed.</summary>
    public static bool IsUnavailable(int status) => status is 429 or >= 500;

    private static async Task<JsonElement> ReadAsync(Stream stream, CancellationToken cancellationToken)
    {
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.Clone();
    }

    private static RequestStoreUnavailableException? Unavailable(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        RequestStoreUnavailableException => null,
        OperationCanceledException when cancellationToken.IsCancellationRequested => null,
        ODataError error when IsUnavailable(error.ResponseStatusCode) => new("Microsoft Graph is throttling or failing; try again shortly.", exception),
        ApiException { ResponseStatusCode: var status } when IsUnavailable(status) => new("Microsoft Graph is throttling or failing; try again shortly.", exception),

        // The retry handler gives up with a ServiceException ("Too many retries performed").
        ServiceException => new("Microsoft Graph is throttling or failing; try again shortly.", exception),
        HttpRequestException or TimeoutException or OperationCanceledException => new("Microsoft Graph cannot be reached.", exception),
        AuthenticationFailedException or CredentialUnavailableException => new("No token for Microsoft Graph could be obtained.", exception),
        _ => null,
    };
}
