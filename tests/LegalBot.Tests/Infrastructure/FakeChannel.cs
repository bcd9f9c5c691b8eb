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

        posted.GetOrAdd(conversationId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity);
        var id = Interlocked.Increment(ref nextId);
        return Results.Json(new { id = $"activity-{id}" });
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
