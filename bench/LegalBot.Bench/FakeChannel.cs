using System.Collections.Concurrent;
using System.Text;
using LegalBot.Testing;

namespace LegalBot.Bench;

/// <summary>
/// The Teams side of the wire, in the bench process on loopback: answers the Bot Connector calls the bot
/// makes at its serviceUrl at once (send, reply, update, create conversation, get member). Replies to the
/// conversations a workload watches are kept until it takes them; the rest are only counted.
/// </summary>
internal sealed class FakeChannel : IAsyncDisposable
{
    private static readonly byte[] MemberTemplate = Encoding.UTF8.GetBytes(
        """{"id":"{id}","name":"Bench User","aadObjectId":"{aad}","email":"user@contoso.example","userPrincipalName":"user@contoso.example","tenantId":"{tenant}"}""");

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, Inbox> watched = new(StringComparer.Ordinal);
    private long nextId;
    private long sends;
    private long updates;
    private long conversationsCreated;
    private long unexpected;

    private FakeChannel(WebApplication app) => this.app = app;

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>Called with every activity the bot posts to a conversation nobody watches (notifications).</summary>
    public Action<string, byte[]>? Notified { get; set; }

    public long Sends => Interlocked.Read(ref sends);

    public long Updates => Interlocked.Read(ref updates);

    public long ConversationsCreated => Interlocked.Read(ref conversationsCreated);

    public long Unexpected => Interlocked.Read(ref unexpected);

    public static async Task<FakeChannel> StartAsync()
    {
        var app = LoopbackApp.Create();
        var channel = new FakeChannel(app);
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => channel.PostAsync(conversationId, http));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyToId}", (string conversationId, HttpContext http) => channel.PostAsync(conversationId, http));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string activityId, HttpContext http) => channel.UpdateAsync(activityId, http));
        app.MapPost("/v3/conversations", (Delegate)((HttpContext http) => channel.CreateConversationAsync(http)));
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string memberId) => Member(memberId));
        app.MapFallback(() =>
        {
            Interlocked.Increment(ref channel.unexpected);
            return Results.NotFound();
        });
        channel.ServiceUrl = await LoopbackApp.StartAsync(app);
        return channel;
    }

    /// <summary>Keeps what the bot posts to this conversation until <see cref="Take"/>.</summary>
    public void Watch(string conversationId) => watched.TryAdd(conversationId, new Inbox());

    /// <summary>Everything posted to the conversation since the last call (the replies of the turn just sent).</summary>
    public IReadOnlyList<byte[]> Take(string conversationId) =>
        watched.TryGetValue(conversationId, out var inbox) ? inbox.Take() : [];

    private async Task<IResult> PostAsync(string conversationId, HttpContext http)
    {
        var body = await ReadAsync(http.Request);
        Interlocked.Increment(ref sends);
        if (watched.TryGetValue(conversationId, out var inbox))
        {
            inbox.Add(body);
        }
        else
        {
            Notified?.Invoke(conversationId, body);
        }

        return Results.Json(new ResourceId("bench-" + Interlocked.Increment(ref nextId).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private async Task<IResult> UpdateAsync(string activityId, HttpContext http)
    {
        await ReadAsync(http.Request);
        Interlocked.Increment(ref updates);
        return Results.Json(new ResourceId(activityId));
    }

    /// <summary>Teams' create-conversation: a 1:1 chat with the member, whose id is the AAD object id.</summary>
    private async Task<IResult> CreateConversationAsync(HttpContext http)
    {
        using var json = await System.Text.Json.JsonDocument.ParseAsync(http.Request.Body);
        Interlocked.Increment(ref conversationsCreated);
        var member = json.RootElement.TryGetProperty("members", out var members) && members.GetArrayLength() > 0
            ? members[0].GetProperty("id").GetString() ?? ""
            : "";
        return Results.Json(new ResourceId(BenchPeople.PersonalConversation(member.Replace("29:", "", StringComparison.Ordinal))), statusCode: 201);
    }

    private static IResult Member(string memberId)
    {
        var aad = memberId.Replace("29:", "", StringComparison.Ordinal);
        var json = Encoding.UTF8.GetString(MemberTemplate)
            .Replace("{id}", memberId, StringComparison.Ordinal)
            .Replace("{aad}", aad, StringComparison.Ordinal)
            .Replace("{tenant}", BenchPeople.TenantId, StringComparison.Ordinal);
        return Results.Text(json, "application/json");
    }

    private static async Task<byte[]> ReadAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream(request.ContentLength is { } length and < 1_000_000 ? (int)length : 4096);
        await request.Body.CopyToAsync(buffer);
        return buffer.ToArray();
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }

    private sealed record ResourceId(string Id);

    private sealed class Inbox
    {
        private List<byte[]> items = [];

        public void Add(byte[] body)
        {
            lock (this)
            {
                items.Add(body);
            }
        }

        public IReadOnlyList<byte[]> Take()
        {
            lock (this)
            {
                if (items.Count == 0)
                {
                    return [];
                }

                var taken = items;
                items = [];
                return taken;
            }
        }
    }
}
