using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests.Infrastructure;

/// <summary>
/// The Teams side of the wire: a real HTTP server implementing the Bot Connector endpoints the bot calls
/// at its serviceUrl (send, reply, update, get member). It records every call per conversation; any
/// other call is recorded as unexpected and answered 404 so tests fail loudly.
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> posted = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private readonly ConcurrentQueue<(string ConversationId, string ActivityId, JsonObject Activity)> updates = new();
    private readonly ConcurrentQueue<JsonObject> created = new();
    private readonly SemaphoreSlim changed = new(0);
    private readonly ConcurrentDictionary<string, JsonObject> members = new();
    private int nextId;

    private FakeChannel(WebApplication app) => this.app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    public IReadOnlyCollection<string> Unexpected => unexpected;

    /// <summary>Answers with this status to sends when set (simulates a channel outage).</summary>
    public int? FailSendsWith { get; set; }

    public static async Task<FakeChannel> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var channel = new FakeChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => channel.RecordAsync(conversationId, http));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyTo}", (string conversationId, HttpContext http) => channel.RecordAsync(conversationId, http));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => channel.RecordUpdateAsync(conversationId, activityId, http));
        app.MapPost("/v3/conversations", (Delegate)((HttpContext http) => channel.CreateConversationAsync(http)));
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string conversationId, string memberId) =>
            channel.members.TryGetValue(memberId, out var member)
                ? Results.Json(member)
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "The member was not found." } }, statusCode: 404));
        app.MapFallback((HttpContext http) =>
        {
            channel.unexpected.Enqueue($"{http.Request.Method} {http.Request.Path}");
            return Results.NotFound();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        channel.ServiceUrl = new Uri(address.TrimEnd('/') + "/");
        return channel;
    }

    /// <summary>Makes <c>GET members/{id}</c> answer with this profile, as Teams does for a roster member.</summary>
    public void AddMember(TeamsUser user) =>
        members[user.ChannelUserId] = new JsonObject
        {
            ["id"] = user.ChannelUserId,
            ["name"] = user.Name,
            ["aadObjectId"] = user.AadObjectId,
            ["email"] = user.Email,
            ["userPrincipalName"] = user.Email,
            ["tenantId"] = user.TenantId,
        };

    /// <summary>
    /// Decides the answer to a send or update before it is recorded: return a status to fail the call
    /// (e.g. 429 with Retry-After, 500), or null to accept it. Simulates channel faults.
    /// </summary>
    public Func<HttpContext, Task<IResult?>>? Fault { get; set; }

    /// <summary>Every in-place update the bot made, in order.</summary>
    public IReadOnlyList<(string ConversationId, string ActivityId, JsonObject Activity)> Updates => [.. updates];

    /// <summary>The create-conversation requests the bot made (opening 1:1 chats).</summary>
    public IReadOnlyList<JsonObject> Created => [.. created];

    /// <summary>Waits (without sleeping) until the condition holds after some channel call, or fails after the timeout.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(250), cts.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Timed out waiting for: {what}");
            }
        }
    }

    /// <summary>Everything the bot posted to a conversation, in order.</summary>
    public IReadOnlyList<JsonObject> Posted(string conversationId) =>
        posted.TryGetValue(conversationId, out var queue) ? [.. queue] : [];

    private async Task<IResult> RecordAsync(string conversationId, HttpContext http)
    {
        var activity = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        if (FailSendsWith is { } status)
        {
            return Results.StatusCode(status);
        }

        if (Fault is { } fault && await fault(http) is { } failure)
        {
            return failure;
        }

        var id = $"activity-{Interlocked.Increment(ref nextId)}";
        activity["id"] = id;
        posted.GetOrAdd(conversationId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity);
        Signal();
        return Results.Json(new { id });
    }

    private async Task<IResult> RecordUpdateAsync(string conversationId, string activityId, HttpContext http)
    {
        var activity = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        if (Fault is { } fault && await fault(http) is { } failure)
        {
            return failure;
        }

        updates.Enqueue((conversationId, activityId, activity));
        Signal();
        return Results.Json(new { id = activityId });
    }

    /// <summary>Teams' create-conversation: a 1:1 chat with the member, whose id is the AAD object id.</summary>
    private async Task<IResult> CreateConversationAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        created.Enqueue(body);
        var member = (string?)body["members"]?[0]?["id"];
        if (string.IsNullOrEmpty(member))
        {
            return Results.Json(new { error = new { code = "BadArgument", message = "members is required" } }, statusCode: 400);
        }

        Signal();
        return Results.Json(new { id = "a:personal-" + member.Replace("29:", "", StringComparison.Ordinal) }, statusCode: 201);
    }

    private void Signal()
    {
        if (changed.CurrentCount < 1000)
        {
            changed.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

public static class JsonNodeExtensions
{
    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON as a person reads it (apostrophes and the like not escaped), for assertions on card text.</summary>
    public static string Json(this JsonNode node) => node.ToJsonString(Readable);
}
