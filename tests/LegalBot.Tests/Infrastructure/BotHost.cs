using System.Text;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests.Infrastructure;

/// <summary>
/// The real host on a real Kestrel port, configured like a local deployment with its own SQLite file.
/// Several hosts may be started on the same file one after another to test restarts.
/// </summary>
public sealed class BotHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> settings;
    private readonly Action<IWebHostBuilder>? configure;

    /// <param name="testRoster">
    /// Use the roles of <see cref="TeamsUser"/>; false keeps the environment's own roster (the
    /// Agents Playground's mock people in Development).
    /// </param>
    /// <param name="configure">More host configuration, such as a logger that keeps what the bot logs.</param>
    public BotHost(
        string databasePath,
        IDictionary<string, string?>? overrides = null,
        string environment = "Development",
        bool testRoster = true,
        Action<IWebHostBuilder>? configure = null)
    {
        Environment = environment;
        this.configure = configure;
        settings = TestSettings.For(databasePath, overrides, testRoster);

        // Kestrel on a free loopback port chosen through the URL, not UseKestrel(port), which races
        // with minimal hosting when several hosts start in one test run.
        UseKestrel();
    }

    private BotHost(Dictionary<string, string?> settings, string environment, Action<IWebHostBuilder>? configure)
    {
        Environment = environment;
        this.configure = configure;
        this.settings = settings;
        UseKestrel();
    }

    public string Environment { get; }

    /// <summary>Everything the host logged.</summary>
    public LogSink Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseUrls("http://127.0.0.1:0");
        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        configure?.Invoke(builder);
    }

    /// <summary>
    /// Starts a host that must refuse to start; returns every message in the failure, one per line. The test
    /// factory runs Program on its own thread and, when the host fails while the factory is still configuring
    /// it, may report only that its service provider was disposed (a race in WebApplicationFactory's deferred
    /// host); the start is then tried again on a fresh factory, so the host's own failure is what is returned.
    /// </summary>
    public string StartupFailure()
    {
        var failure = Record.Exception(Start);
        for (var attempt = 1; attempt < 4 && failure is ObjectDisposedException; attempt++)
        {
            using var again = new BotHost(settings, Environment, configure);
            failure = Record.Exception(again.Start);
        }

        Assert.NotNull(failure);
        var messages = new List<string>();
        for (var e = failure; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }

        return string.Join("\n", messages);
    }

    /// <summary>Starts the server and returns a client for it (real HTTP on loopback).</summary>
    public HttpClient Start()
    {
        StartServer();
        return CreateClient();
    }
}

/// <summary>A user talking to the bot through a fake Teams channel: sends activities as Teams does and reads the replies.</summary>
public sealed class TeamsClient(HttpClient http, FakeChannel channel, TeamsUser user)
{
    private int sequence;

    public TeamsUser User => user;

    public string ConversationId => user.PersonalConversationId;

    /// <summary>Types a message; returns what the bot posted in answer.</summary>
    public Task<BotReplies> SayAsync(string text) => SendAsync(Message(text, null));

    /// <summary>
    /// Sends a file with the attach button in the 1:1 chat, with <paramref name="text"/> typed beside it or none: Teams
    /// puts it in the user's OneDrive and the message carries its download info (<see cref="FakeOneDrive.Share"/>).
    /// </summary>
    public Task<BotReplies> SendFileAsync(string fileName, byte[] bytes, string? text = null, bool hideLength = false)
    {
        var activity = Message(text, null);
        activity["attachments"] = new JsonArray(channel.OneDrive.Share(user, fileName, bytes, hideLength));
        return SendAsync(activity);
    }

    /// <summary>
    /// Types a message to the bot in a group chat (<paramref name="chatId"/>), mentioning it as Teams requires there;
    /// returns what the bot posted in that chat in answer.
    /// </summary>
    public async Task<BotReplies> SayInGroupChatAsync(string chatId, string text)
    {
        var activity = Message("<at>LegalBot</at> " + text, null);
        activity["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = user.TenantId, ["id"] = chatId };
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>LegalBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsActivities.BotId, ["name"] = "LegalBot" } });
        var before = channel.Posted(chatId).Count;
        using var response = await PostAsync(activity);
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}");
        return new BotReplies([.. channel.Posted(chatId).Skip(before).Where(a => (string?)a["replyToId"] == (string?)activity["id"])]);
    }

    /// <summary>Presses a card's Action.Submit: Teams sends the data merged with the inputs as value, and no text.</summary>
    public Task<BotReplies> SubmitAsync(JsonObject value) => SendAsync(Message(null, value));

    /// <summary>
    /// Presses an Action.Submit on a card the bot posted: Teams also gives the card's message id as the
    /// activity's <c>replyToId</c>, so the bot can update that card in place.
    /// </summary>
    public Task<BotReplies> SubmitOnAsync(string cardActivityId, JsonObject value)
    {
        var activity = Message(null, value);
        activity["replyToId"] = cardActivityId;
        return SendAsync(activity);
    }

    public async Task<BotReplies> SendAsync(JsonObject activity)
    {
        var before = channel.Posted(ConversationId).Count;
        using var response = await PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"/api/messages answered {(int)response.StatusCode}: {body}");

        // The turn's own replies (they answer this activity), not proactive notifications arriving meanwhile.
        var incoming = (string?)activity["id"];
        return new BotReplies([.. channel.Posted(ConversationId).Skip(before).Where(a => (string?)a["replyToId"] == incoming)]);
    }

    /// <summary>
    /// Presses an Action.Execute button (Universal Actions): Teams sends an adaptiveCard/action invoke with
    /// the verb and the data merged with the inputs, and shows the card the bot answers with in place.
    /// </summary>
    public Task<InvokeAnswer> ExecuteAsync(JsonObject card, string title, JsonObject? inputs = null) => ExecuteOnAsync(null, card, title, inputs);

    /// <summary>Presses an Action.Execute button on the card in message <paramref name="cardActivityId"/> (given as the invoke's replyToId).</summary>
    public async Task<InvokeAnswer> ExecuteOnAsync(string? cardActivityId, JsonObject card, string title, JsonObject? inputs = null)
    {
        var (verb, data) = BotReplies.ExecuteAction(card, title);
        foreach (var (key, value) in inputs ?? [])
        {
            data[key] = value?.DeepClone();
        }

        return await InvokeAsync(verb, data, replyToId: cardActivityId);
    }

    public async Task<InvokeAnswer> InvokeAsync(string verb, JsonObject data, string trigger = "manual", string? replyToId = null)
    {
        var activity = TeamsActivities.Execute(user, channel.ServiceUrl, NextId(), verb, data, trigger);
        if (replyToId is not null)
        {
            activity["replyToId"] = replyToId;
        }

        using var response = await PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"invoke answered {(int)response.StatusCode}: {body}");
        return new InvokeAnswer(JsonNode.Parse(body)!.AsObject());
    }

    /// <summary>
    /// Accepts the file consent card in <paramref name="consent"/> (the message carrying it) as Teams does: OneDrive
    /// opens an upload session, and the bot gets a <c>fileConsent/invoke</c> with the card's acceptContext and the
    /// session's uploadInfo. Returns the invoke's HTTP answer and what the bot posted during it.
    /// </summary>
    public Task<FileConsentAnswer> AcceptFileAsync(JsonObject consent)
    {
        var attachment = BotReplies.FileConsentOf(consent);
        var uploadInfo = channel.OneDrive.Offer(user, (string)attachment["name"]!);
        return AnswerFileAsync("accept", attachment["content"]!["acceptContext"], uploadInfo, (string?)consent["id"]);
    }

    /// <summary>Declines the file consent card in <paramref name="consent"/>: the invoke carries the declineContext only.</summary>
    public Task<FileConsentAnswer> DeclineFileAsync(JsonObject consent) =>
        AnswerFileAsync("decline", BotReplies.FileConsentOf(consent)["content"]!["declineContext"], null, (string?)consent["id"]);

    /// <summary>Sends a <c>fileConsent/invoke</c> with any context (a stale or forged one, say).</summary>
    public async Task<FileConsentAnswer> AnswerFileAsync(string action, JsonNode? context, JsonObject? uploadInfo, string? replyToId = null)
    {
        var activity = TeamsActivities.FileConsent(user, channel.ServiceUrl, NextId(), action, context, uploadInfo, replyToId);
        var before = channel.Posted(ConversationId).Count;
        using var response = await PostAsync(activity);
        var body = await response.Content.ReadAsStringAsync();
        var replies = new BotReplies([.. channel.Posted(ConversationId).Skip(before).Where(a => (string?)a["replyToId"] == (string?)activity["id"])]);
        return new FileConsentAnswer((int)response.StatusCode, body, replies);
    }

    /// <summary>Posts any activity (an invoke, a malformed one) and returns the HTTP status and the JSON body, if any.</summary>
    public async Task<(System.Net.HttpStatusCode Status, JsonObject? Body)> AnswerAsync(JsonObject activity)
    {
        using var response = await PostAsync(activity);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text)!.AsObject());
    }

    public Task<HttpResponseMessage> PostAsync(JsonObject activity)
    {
        channel.Received((string?)activity["id"]);
        return http.PostAsync("/api/messages", new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"));
    }

    public JsonObject Message(string? text, JsonObject? value) => TeamsActivities.Message(user, channel.ServiceUrl, NextId(), text, value);

    /// <summary>The conversationUpdate Teams sends when a user installs the bot in personal scope.</summary>
    public JsonObject Installed() => TeamsActivities.Installed(user, channel.ServiceUrl, "install-" + Guid.NewGuid().ToString("N"));

    private string NextId() => $"{user.AadObjectId[..8]}-{Interlocked.Increment(ref sequence)}-{Guid.NewGuid():N}";
}

/// <summary>What the bot posted during one turn, with helpers to read texts and cards.</summary>
public sealed record BotReplies(IReadOnlyList<JsonObject> Activities)
{
    public IEnumerable<string> Texts => Activities.Select(a => (string?)a["text"]).OfType<string>();

    public IEnumerable<JsonObject> Cards => Activities
        .SelectMany(a => a["attachments"]?.AsArray() ?? [])
        .Where(a => (string?)a!["contentType"] == "application/vnd.microsoft.card.adaptive")
        .Select(a => a!["content"]!.AsObject());

    public string AllText => string.Join("\n", Texts.Concat(Cards.Select(c => c.Json())));

    public const string FileConsentType = "application/vnd.microsoft.teams.card.file.consent";

    public const string FileInfoType = "application/vnd.microsoft.teams.card.file.info";

    /// <summary>The messages carrying a file consent card.</summary>
    public IEnumerable<JsonObject> FileConsents => Activities.Where(a => Attachment(a, FileConsentType) is not null);

    /// <summary>The file cards posted (a file saved to the user's OneDrive), as attachments.</summary>
    public IEnumerable<JsonObject> FileInfos => Activities.Select(a => Attachment(a, FileInfoType)).OfType<JsonObject>();

    /// <summary>The consent card attachment of a message, failing the test if it has none.</summary>
    public static JsonObject FileConsentOf(JsonObject message) =>
        Attachment(message, FileConsentType) ?? throw new Xunit.Sdk.XunitException("The message has no file consent card: " + message.Json());

    private static JsonObject? Attachment(JsonObject message, string contentType) =>
        message["attachments"]?.AsArray().OfType<JsonObject>().FirstOrDefault(a => (string?)a["contentType"] == contentType);

    /// <summary>The first card, failing the test if there is none.</summary>
    public JsonObject Card => Cards.FirstOrDefault() ?? throw new Xunit.Sdk.XunitException("The bot sent no card. It said: " + string.Join(" | ", Texts));

    /// <summary>Finds the Action.Submit data for a button by its title, anywhere in the card.</summary>
    public static JsonObject ActionData(JsonObject card, string title) =>
        ActionDataOrNull(card, title) ?? throw new Xunit.Sdk.XunitException($"No button '{title}' in card: {card.Json()}");

    /// <summary>The Action.Submit data for a button by its title; null when the card has no such button.</summary>
    public static JsonObject? ActionDataOrNull(JsonObject card, string title)
    {
        foreach (var node in Walk(card))
        {
            if (node is JsonObject o && (string?)o["type"] == "Action.Submit" && (string?)o["title"] == title)
            {
                return o["data"]!.AsObject().DeepClone().AsObject();
            }
        }

        return null;
    }

    /// <summary>Finds an Action.Execute by title anywhere in the card (also inside Action.ShowCard).</summary>
    public static (string Verb, JsonObject Data) ExecuteAction(JsonObject card, string title)
    {
        foreach (var node in Walk(card))
        {
            if (node is JsonObject o && (string?)o["type"] == "Action.Execute" && (string?)o["title"] == title)
            {
                return ((string)o["verb"]!, o["data"]?.AsObject().DeepClone().AsObject() ?? []);
            }
        }

        throw new Xunit.Sdk.XunitException($"No Action.Execute '{title}' in card: {card.Json()}");
    }

    /// <summary>Titles of the Action.Execute buttons a card offers (including inside Action.ShowCard).</summary>
    public static IReadOnlyList<string> ExecuteTitles(JsonObject card) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] == "Action.Execute" && o["title"] is not null).Select(o => (string)o["title"]!)];

    /// <summary>The card's text as people read it: each text block, or rich text block (its runs joined), as one line.</summary>
    public static IReadOnlyList<string> TextLines(JsonObject card) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] is "TextBlock" or "RichTextBlock")
            .Select(o => o["inlines"] is JsonArray runs ? string.Concat(runs.Select(r => (string?)r!["text"])) : (string)o["text"]!)];

    /// <summary>Every element or action of this type in the card ("Action.OpenUrl").</summary>
    public static IReadOnlyList<JsonObject> Typed(JsonObject card, string type) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => (string?)o["type"] == type)];

    /// <summary>Every input id in the card.</summary>
    public static IReadOnlyList<string> InputIds(JsonObject card) =>
        [.. Walk(card).OfType<JsonObject>().Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true).Select(o => (string)o["id"]!)];

    private static IEnumerable<JsonNode?> Walk(JsonNode? node)
    {
        yield return node;
        if (node is JsonObject obj)
        {
            foreach (var (_, child) in obj)
            {
                foreach (var n in Walk(child))
                {
                    yield return n;
                }
            }
        }
        else if (node is JsonArray array)
        {
            foreach (var child in array)
            {
                foreach (var n in Walk(child))
                {
                    yield return n;
                }
            }
        }
    }
}

/// <summary>The HTTP answer to a fileConsent/invoke, and what the bot posted in the chat meanwhile.</summary>
public sealed record FileConsentAnswer(int Status, string Body, BotReplies Replies);

/// <summary>The bot's answer to an adaptiveCard/action invoke: a card shown in place, or a message.</summary>
public sealed record InvokeAnswer(JsonObject Body)
{
    public string Type => (string)Body["type"]!;

    public JsonObject Card => Type == "application/vnd.microsoft.card.adaptive"
        ? Body["value"]!.AsObject()
        : throw new Xunit.Sdk.XunitException("The invoke answered with a message, not a card: " + Body.Json());

    public string Message => Type == "application/vnd.microsoft.activity.message"
        ? (string)Body["value"]!
        : throw new Xunit.Sdk.XunitException("The invoke answered with a card, not a message: " + Body.Json());
}
