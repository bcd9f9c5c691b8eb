using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace LegalBot.Testing;

/// <summary>What the bot asked the channel to do.</summary>
public enum ChannelOperation
{
    /// <summary>A message posted on the bot's own initiative (a notification).</summary>
    Post,

    /// <summary>A message answering an activity (a turn's reply).</summary>
    Reply,

    Update,

    /// <summary>Opening a 1:1 chat; the conversation is the one it opens.</summary>
    Create,
}

/// <summary>One call the bot made, how the channel answered it, and when it arrived (<see cref="Stopwatch"/> ticks).</summary>
/// <param name="Status">The HTTP status answered; 499 when the bot gave up on the call before an answer.</param>
public sealed record ChannelCall(ChannelOperation Operation, string ConversationId, long Timestamp, int Status)
{
    public bool Accepted => Status is >= 200 and < 300;
}

/// <summary>
/// The Teams side of the wire: a real HTTP server implementing the Bot Connector endpoints the bot calls
/// at its serviceUrl (send, reply, update, create conversation, get member). For tests it records every
/// call and keeps every posted activity per conversation; any other call is recorded as unexpected and
/// answered 404 so tests fail loudly. For the benchmark, which shares the cores with the bot, it can
/// keep nothing but counts and hand posts on as raw bytes (<see cref="StartAsync"/> with retain false).
/// </summary>
public sealed class FakeChannel : IAsyncDisposable
{
    /// <summary>The status the channel answers when the bot gives up on a call before the answer.</summary>
    public const int Abandoned = 499;

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<JsonObject>> posted = new();
    private readonly ConcurrentQueue<string> unexpected = new();
    private readonly ConcurrentQueue<(string ConversationId, string ActivityId, JsonObject Activity)> updates = new();
    private readonly ConcurrentQueue<JsonObject> created = new();
    private readonly SemaphoreSlim changed = new(0);
    private readonly ConcurrentDictionary<string, JsonObject> members = new();
    private readonly ConcurrentQueue<ChannelCall> calls = new();
    private readonly ConcurrentDictionary<string, Queue<long>> recent = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> received = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Inbox> watched = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, long> answering = new();
    private readonly bool retain;
    private long callCount;
    private int nextId;
    private long sends;
    private long inFlight;
    private long updateCount;
    private long createCount;

    private FakeChannel(WebApplication app, bool retain)
    {
        this.app = app;
        this.retain = retain;
    }

    public Uri ServiceUrl { get; private set; } = null!;

    /// <summary>The users' OneDrive, where files accepted on a consent card are uploaded.</summary>
    public FakeOneDrive OneDrive { get; private set; } = null!;

    public IReadOnlyCollection<string> Unexpected => unexpected;

    /// <summary>Removes and returns the unexpected calls so far, for a test that sent the bot elsewhere on purpose.</summary>
    public IReadOnlyList<string> TakeUnexpected()
    {
        var taken = new List<string>();
        while (unexpected.TryDequeue(out var call))
        {
            taken.Add(call);
        }

        return taken;
    }

    /// <summary>Answers with this status to sends when set (simulates a channel outage).</summary>
    public int? FailSendsWith { get; set; }

    /// <summary>
    /// Enforces Teams' per-conversation rate limit when set: a post, reply or update that would make more than
    /// this many accepted in the last second in one conversation is answered 429 with <c>Retry-After: 1</c>.
    /// </summary>
    public int? PerConversationPerSecond { get; set; }

    /// <summary>Every send, reply, update and create-conversation call, in the order they were answered.</summary>
    public IReadOnlyList<ChannelCall> Calls => [.. calls];

    /// <summary>Sends and replies accepted so far.</summary>
    public long Sends => Interlocked.Read(ref sends);

    /// <summary>
    /// Calls the channel is still answering. A call from a host that was killed meanwhile is taken or abandoned only
    /// once it ends: wait for none before judging what the channel took.
    /// </summary>
    public long InFlight => Interlocked.Read(ref inFlight);

    /// <summary>
    /// Whether the channel is still answering a call that arrived before <paramref name="timestamp"/> (<see cref="Stopwatch"/>
    /// ticks). With other hosts calling all along, this, not <see cref="InFlight"/>, tells when a killed host's calls are over.
    /// </summary>
    public bool AnsweringCallsBefore(long timestamp) => answering.Values.Any(t => t < timestamp);

    /// <summary>In-place updates accepted so far.</summary>
    public long UpdateCount => Interlocked.Read(ref updateCount);

    /// <summary>1:1 chats opened so far.</summary>
    public long ConversationsCreated => Interlocked.Read(ref createCount);

    /// <summary>Called with every activity the bot posts to a conversation nobody <see cref="Watch"/>es, as sent.</summary>
    public Action<string, byte[]>? Notified { get; set; }

    /// <summary>Answers <c>GET members/{id}</c> for members not added with <see cref="AddMember"/>; null (the default) answers 404.</summary>
    public Func<string, JsonObject?>? UnknownMember { get; set; }

    private readonly ConcurrentDictionary<string, string> installedFor = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Refuses, as Teams does, to open a 1:1 chat with someone who lacks the app (<c>POST v3/conversations</c>) or to
    /// post into a user's chat with the app (<c>19:…@unq.gbl.spaces</c>) before it is installed for them: 403
    /// <c>BotNotInConversationRoster</c>. Off by default (the chats the tests open are taken as installed).
    /// </summary>
    public bool RequireInstalledApp { get; set; }

    /// <summary>The app was installed for the user (their AAD object id), with its chat with them.</summary>
    public void Installed(string aadObjectId, string chatId) => installedFor[aadObjectId] = chatId;

    private static IResult NotInRoster() =>
        Results.Json(new { error = new { code = "BotNotInConversationRoster", message = "The bot is not part of the conversation roster." } }, statusCode: 403);

    private bool Refused(string conversationId) =>
        RequireInstalledApp
        && conversationId.StartsWith("19:", StringComparison.Ordinal)
        && conversationId.EndsWith("@unq.gbl.spaces", StringComparison.Ordinal)
        && !installedFor.Values.Contains(conversationId, StringComparer.Ordinal);

    /// <param name="retain">
    /// Keep every posted activity, update and call for assertions (tests); false keeps only counts and the raw
    /// posts of watched conversations (the benchmark).
    /// </param>
    public static async Task<FakeChannel> StartAsync(bool retain = true)
    {
        var app = LoopbackApp.Create();
        var channel = new FakeChannel(app, retain);
        app.Use(async (http, next) =>
        {
            Interlocked.Increment(ref channel.inFlight);
            var call = Interlocked.Increment(ref channel.callCount);
            channel.answering[call] = Stopwatch.GetTimestamp();
            try
            {
                await next(http);
            }
            finally
            {
                channel.answering.TryRemove(call, out _);
                Interlocked.Decrement(ref channel.inFlight);
            }
        });
        app.MapPost("/v3/conversations/{conversationId}/activities", (string conversationId, HttpContext http) => channel.RecordAsync(conversationId, http));
        app.MapPost("/v3/conversations/{conversationId}/activities/{replyTo}", (string conversationId, HttpContext http) => channel.RecordAsync(conversationId, http));
        app.MapPut("/v3/conversations/{conversationId}/activities/{activityId}", (string conversationId, string activityId, HttpContext http) => channel.RecordUpdateAsync(conversationId, activityId, http));
        app.MapPost("/v3/conversations", (Delegate)((HttpContext http) => channel.CreateConversationAsync(http)));
        app.MapGet("/v3/conversations/{conversationId}/members/{memberId}", (string conversationId, string memberId) =>
            (channel.members.TryGetValue(memberId, out var known) ? known : channel.UnknownMember?.Invoke(memberId)) is { } member
                ? Results.Json(member)
                : Results.Json(new { error = new { code = "MemberNotFoundInConversation", message = "The member was not found." } }, statusCode: 404));
        app.MapPut("/onedrive/upload/{sessionId}", (string sessionId, HttpContext http) => channel.OneDrive.PutAsync(sessionId, http));
        app.MapGet("/onedrive/download/{token}", (string token, HttpContext http) => channel.OneDrive.GetAsync(token, http));
        app.MapFallback((HttpContext http) =>
        {
            channel.unexpected.Enqueue($"{http.Request.Method} {http.Request.Path}");
            return Results.NotFound();
        });
        channel.ServiceUrl = await LoopbackApp.StartAsync(app);
        channel.OneDrive = new FakeOneDrive(channel.ServiceUrl, channel.unexpected.Enqueue, channel.Signal);
        return channel;
    }

    /// <summary>Makes <c>GET members/{id}</c> answer with this profile, as Teams does for a roster member.</summary>
    public void AddMember(TeamsUser user) => members[user.ChannelUserId] = Member(user);

    /// <summary>A user's profile as Teams answers <c>GET members/{id}</c>.</summary>
    public static JsonObject Member(TeamsUser user) => new()
    {
        ["id"] = user.ChannelUserId,
        ["name"] = user.Name,
        ["aadObjectId"] = user.AadObjectId,
        ["email"] = user.Email,
        ["userPrincipalName"] = user.Email,
        ["tenantId"] = user.TenantId,
    };

    /// <summary>
    /// Decides the answer to a send, update or create-conversation before it is recorded: return a status to
    /// fail the call (e.g. 429 with Retry-After, 500), or null to accept it. Simulates channel faults; it may
    /// also wait on <c>HttpContext.RequestAborted</c> to hang until the bot gives up.
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
                throw new TimeoutException($"Timed out waiting for: {what}");
            }
        }
    }

    /// <summary>The conversations the bot posted to.</summary>
    public IReadOnlyCollection<string> Conversations => [.. posted.Keys];

    /// <summary>Everything the bot posted to a conversation, in order.</summary>
    public IReadOnlyList<JsonObject> Posted(string conversationId) =>
        posted.TryGetValue(conversationId, out var queue) ? [.. queue] : [];

    /// <summary>
    /// What the bot posted to a conversation on its own initiative (notifications), not a turn's replies. The Bot
    /// Framework sends both to the reply endpoint (a proactive turn answers a made-up continuation activity), so
    /// a reply is told apart by the activity it answers: one a user sent.
    /// </summary>
    public IReadOnlyList<JsonObject> Proactive(string conversationId) =>
        [.. Posted(conversationId).Where(a => !IsReply((string?)a["replyToId"]))];

    /// <summary>Keeps what the bot posts to this conversation, as sent, until <see cref="Take"/>.</summary>
    public void Watch(string conversationId) => watched.TryAdd(conversationId, new Inbox());

    /// <summary>Everything posted to a watched conversation since the last call (the replies of the turn just sent).</summary>
    public IReadOnlyList<byte[]> Take(string conversationId) =>
        watched.TryGetValue(conversationId, out var inbox) ? inbox.Take() : [];

    /// <summary>Notes an activity a user sent to the bot, so the bot's answers to it count as replies.</summary>
    public void Received(string? activityId)
    {
        if (!string.IsNullOrEmpty(activityId))
        {
            received[activityId] = 0;
        }
    }

    /// <summary>Whether the call is a notification post (not a turn's reply, an update or a create-conversation).</summary>
    public bool IsNotificationPost(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && http.Request.RouteValues.ContainsKey("conversationId")
        && !IsReply(http.Request.RouteValues["replyTo"] as string);

    private bool IsReply(string? replyToId) => replyToId is not null && received.ContainsKey(replyToId);

    private async Task<IResult> RecordAsync(string conversationId, HttpContext http)
    {
        var operation = IsNotificationPost(http) ? ChannelOperation.Post : ChannelOperation.Reply;
        var body = await ReadAsync(http.Request);
        if (FailSendsWith is { } status)
        {
            return Answer(operation, conversationId, Results.StatusCode(status));
        }

        if (Refused(conversationId))
        {
            return Answer(operation, conversationId, NotInRoster());
        }

        if (await FaultAsync(operation, conversationId, http) is { } failure)
        {
            return failure;
        }

        if (!Admit(conversationId))
        {
            return Answer(operation, conversationId, TooManyRequests(http));
        }

        var id = $"activity-{Interlocked.Increment(ref nextId)}";
        Interlocked.Increment(ref sends);
        if (watched.TryGetValue(conversationId, out var inbox))
        {
            inbox.Add(body);
        }
        else
        {
            Notified?.Invoke(conversationId, body);
        }

        if (retain)
        {
            var activity = JsonNode.Parse(body)!.AsObject();
            activity["id"] = id;
            posted.GetOrAdd(conversationId, _ => new ConcurrentQueue<JsonObject>()).Enqueue(activity);
        }

        return Answer(operation, conversationId, Results.Json(new { id }));
    }

    private async Task<IResult> RecordUpdateAsync(string conversationId, string activityId, HttpContext http)
    {
        var body = await ReadAsync(http.Request);
        if (await FaultAsync(ChannelOperation.Update, conversationId, http) is { } failure)
        {
            return failure;
        }

        if (!Admit(conversationId))
        {
            return Answer(ChannelOperation.Update, conversationId, TooManyRequests(http));
        }

        Interlocked.Increment(ref updateCount);
        if (retain)
        {
            updates.Enqueue((conversationId, activityId, JsonNode.Parse(body)!.AsObject()));
        }

        return Answer(ChannelOperation.Update, conversationId, Results.Json(new { id = activityId }));
    }

    /// <summary>Teams' create-conversation: a 1:1 chat with the member, whose id is the AAD object id.</summary>
    private async Task<IResult> CreateConversationAsync(HttpContext http)
    {
        var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        Interlocked.Increment(ref createCount);
        if (retain)
        {
            created.Enqueue(body);
        }

        var member = (string?)body["members"]?[0]?["id"];
        if (string.IsNullOrEmpty(member))
        {
            return Results.Json(new { error = new { code = "BadArgument", message = "members is required" } }, statusCode: 400);
        }

        var conversationId = "a:personal-" + member.Replace("29:", "", StringComparison.Ordinal);
        if (RequireInstalledApp && !installedFor.ContainsKey(member))
        {
            return Answer(ChannelOperation.Create, conversationId, NotInRoster());
        }

        if (await FaultAsync(ChannelOperation.Create, conversationId, http) is { } failure)
        {
            return failure;
        }

        return Answer(ChannelOperation.Create, conversationId, Results.Json(new { id = conversationId }, statusCode: 201));
    }

    /// <summary>Runs the fault hook; its answer (or the bot giving up while it hangs) is recorded.</summary>
    private async Task<IResult?> FaultAsync(ChannelOperation operation, string conversationId, HttpContext http)
    {
        if (Fault is not { } fault)
        {
            return null;
        }

        try
        {
            return await fault(http) is { } failure ? Answer(operation, conversationId, failure) : null;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return Answer(operation, conversationId, Results.StatusCode(Abandoned));
        }
    }

    /// <summary>Counts the call against the conversation's rate limit; false when it would exceed it.</summary>
    private bool Admit(string conversationId)
    {
        if (PerConversationPerSecond is not { } limit)
        {
            return true;
        }

        var window = recent.GetOrAdd(conversationId, _ => new Queue<long>());
        lock (window)
        {
            var now = Stopwatch.GetTimestamp();
            while (window.Count > 0 && now - window.Peek() >= Stopwatch.Frequency)
            {
                window.Dequeue();
            }

            if (window.Count >= limit)
            {
                return false;
            }

            window.Enqueue(now);
            return true;
        }
    }

    private static IResult TooManyRequests(HttpContext http)
    {
        http.Response.Headers.RetryAfter = "1";
        return Results.Json(new { error = new { code = "TooManyRequests", message = "Too many requests." } }, statusCode: 429);
    }

    private IResult Answer(ChannelOperation operation, string conversationId, IResult result)
    {
        if (retain)
        {
            var status = result is IStatusCodeHttpResult { StatusCode: { } code } ? code : 200;
            calls.Enqueue(new ChannelCall(operation, conversationId, Stopwatch.GetTimestamp(), status));
        }

        Signal();
        return result;
    }

    private void Signal()
    {
        if (changed.CurrentCount < 1000)
        {
            changed.Release();
        }
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

    private sealed class Inbox
    {
        private readonly Lock gate = new();
        private List<byte[]> items = [];

        public void Add(byte[] body)
        {
            lock (gate)
            {
                items.Add(body);
            }
        }

        public IReadOnlyList<byte[]> Take()
        {
            lock (gate)
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
