using System.Collections.Concurrent;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LegalBot.Testing;

/// <summary>
/// A load balancer in front of several bot instances, as the Bot Service's traffic meets a scaled-out app: each
/// <c>POST /api/messages</c> goes, body and headers, to the next instance in turn, and its status and body come
/// back. An instance that refuses the connection (it is dead) is skipped for the next one, as a balancer does after
/// a failed connect; a forward that reached an instance which then died, before it answered, is answered 502, as
/// the Bot Service surfaces it to Teams. Each forward opens its own connection, so a dead instance is always seen
/// at the connect and never on a kept-alive socket.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Content-Length", "Transfer-Encoding", "Keep-Alive", "Expect",
    };

    private readonly WebApplication app;
    private readonly HttpClient http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero, ConnectTimeout = TimeSpan.FromSeconds(10) })
    {
        Timeout = TimeSpan.FromMinutes(3),
    };

    private readonly Func<IReadOnlyList<Uri>> instances;
    private readonly ConcurrentQueue<(Uri Instance, string? ConversationId)> served = new();
    private long next = -1;
    private int refused;
    private int failed;

    private RoundRobinProxy(WebApplication app, Func<IReadOnlyList<Uri>> instances)
    {
        this.app = app;
        this.instances = instances;
    }

    /// <summary>The proxy's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>Each forward an instance answered (whatever the status): the instance, and the activity's conversation.</summary>
    public IReadOnlyList<(Uri Instance, string? ConversationId)> Served => [.. served];

    /// <summary>Connections an instance refused (it was dead); the activity went to the next instance.</summary>
    public int Refused => Volatile.Read(ref refused);

    /// <summary>Forwards answered 502: the instance died with the activity, or none would take it.</summary>
    public int Failed => Volatile.Read(ref failed);

    /// <param name="instances">The instances to take turns, read at every forward (a killed one may stay listed).</param>
    public static async Task<RoundRobinProxy> StartAsync(Func<IReadOnlyList<Uri>> instances)
    {
        var app = LoopbackApp.Create();
        var proxy = new RoundRobinProxy(app, instances);
        app.MapPost("/api/messages", proxy.ForwardAsync);
        proxy.Address = await LoopbackApp.StartAsync(app);
        return proxy;
    }

    private async Task ForwardAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var targets = instances();
        var first = Interlocked.Increment(ref next);
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[(int)((first + i) % targets.Count)];
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(target, "api/messages"))
            {
                Content = new ByteArrayContent(body.ToArray()),
            };
            request.Headers.ConnectionClose = true;
            foreach (var (name, values) in context.Request.Headers)
            {
                if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
                }
            }

            HttpResponseMessage response;
            try
            {
                response = await http.SendAsync(request, context.RequestAborted);
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                // Nothing was sent: the next instance takes the activity.
                Interlocked.Increment(ref refused);
                continue;
            }
            catch (Exception e) when ((e is HttpRequestException or IOException or TaskCanceledException) && !context.RequestAborted.IsCancellationRequested)
            {
                // The activity reached an instance that went away before answering: whether it was handled is unknown.
                Interlocked.Increment(ref failed);
                context.Response.StatusCode = StatusCodes.Status502BadGateway;
                return;
            }

            using (response)
            {
                served.Enqueue((target, ConversationOf(body)));

                byte[] answer;
                try
                {
                    answer = await response.Content.ReadAsByteArrayAsync(context.RequestAborted);
                }
                catch (Exception e) when (e is HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref failed);
                    context.Response.StatusCode = StatusCodes.Status502BadGateway;
                    return;
                }

                context.Response.StatusCode = (int)response.StatusCode;
                if (response.Content.Headers.ContentType is { } type)
                {
                    context.Response.ContentType = type.ToString();
                }

                await context.Response.Body.WriteAsync(answer, context.RequestAborted);
                return;
            }
        }

        Interlocked.Increment(ref failed);
        context.Response.StatusCode = StatusCodes.Status502BadGateway;
    }

    private static string? ConversationOf(MemoryStream body)
    {
        try
        {
            using var activity = JsonDocument.Parse(body.ToArray());
            return activity.RootElement.TryGetProperty("conversation", out var conversation) && conversation.TryGetProperty("id", out var id)
                ? id.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        http.Dispose();
    }
}
