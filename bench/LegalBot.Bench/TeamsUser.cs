using System.Buffers;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LegalBot.Bench;

/// <summary>
/// One simulated Teams user in their own 1:1 conversation with the bot: builds activities shaped as Teams
/// sends them (a typed message, a card's Action.Submit, an Action.Execute invoke) and posts them.
/// </summary>
internal sealed class TeamsUser(HttpClient http, Uri serviceUrl, string aadObjectId, string name)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private int sequence;

    public string AadObjectId => aadObjectId;

    public string ConversationId { get; } = BenchPeople.PersonalConversation(aadObjectId);

    /// <summary>Types a message.</summary>
    public Task<HttpResponseMessage> SayAsync(string text, CancellationToken cancellationToken) =>
        PostAsync(Build("message", w => w.WriteString("text", text), textFormat: true), cancellationToken);

    /// <summary>Presses an Action.Submit: a message with the data merged with the inputs as value, and no text.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IEnumerable<KeyValuePair<string, string>> value, CancellationToken cancellationToken) =>
        PostAsync(Build("message", w => WriteObject(w, "value", value)), cancellationToken);

    /// <summary>Presses an Action.Execute (Universal Actions): an adaptiveCard/action invoke; the answer is in the HTTP body.</summary>
    public Task<HttpResponseMessage> ExecuteAsync(string verb, IEnumerable<KeyValuePair<string, string>> data, CancellationToken cancellationToken) =>
        PostAsync(
            Build("invoke", w =>
            {
                w.WriteString("name", "adaptiveCard/action");
                w.WriteStartObject("value");
                w.WriteStartObject("action");
                w.WriteString("type", "Action.Execute");
                w.WriteString("verb", verb);
                WriteObject(w, "data", data);
                w.WriteEndObject();
                w.WriteString("trigger", "manual");
                w.WriteEndObject();
            }),
            cancellationToken);

    private Task<HttpResponseMessage> PostAsync(byte[] body, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = Json;
        return http.PostAsync("api/messages", content, cancellationToken);
    }

    private byte[] Build(string type, Action<Utf8JsonWriter> extra, bool textFormat = false)
    {
        var id = Interlocked.Increment(ref sequence);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("type", type);
            w.WriteString("id", string.Create(CultureInfo.InvariantCulture, $"f:{aadObjectId[..8]}-{id}"));
            w.WriteString("timestamp", "2026-11-26T10:00:00.000Z");
            w.WriteString("localTimestamp", "2026-11-26T11:00:00.000+01:00");
            w.WriteString("serviceUrl", serviceUrl.ToString());
            w.WriteString("channelId", "msteams");
            w.WriteStartObject("from");
            w.WriteString("id", "29:" + aadObjectId);
            w.WriteString("name", name);
            w.WriteString("aadObjectId", aadObjectId);
            w.WriteEndObject();
            w.WriteStartObject("conversation");
            w.WriteString("conversationType", "personal");
            w.WriteString("tenantId", BenchPeople.TenantId);
            w.WriteString("id", ConversationId);
            w.WriteEndObject();
            w.WriteStartObject("recipient");
            w.WriteString("id", "28:legalbot");
            w.WriteString("name", "LegalBot");
            w.WriteEndObject();
            w.WriteString("locale", "en-US");
            w.WriteStartObject("channelData");
            w.WriteStartObject("tenant");
            w.WriteString("id", BenchPeople.TenantId);
            w.WriteEndObject();
            w.WriteEndObject();
            if (textFormat)
            {
                w.WriteString("textFormat", "plain");
            }

            extra(w);
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteObject(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, string>> values)
    {
        w.WriteStartObject(name);
        foreach (var (key, value) in values)
        {
            w.WriteString(key, value);
        }

        w.WriteEndObject();
    }
}

/// <summary>Reads what came back without parsing whole cards: the load generator shares the cores with the bot.</summary>
internal static class Replies
{
    public static bool Contains(IReadOnlyList<byte[]> replies, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var reply in replies)
        {
            if (reply.AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value of the first <c>"key":"value"</c> string property with this key, in any reply.</summary>
    public static string? Find(IReadOnlyList<byte[]> replies, string key)
    {
        var needle = Encoding.UTF8.GetBytes("\"" + key + "\":\"");
        foreach (var reply in replies)
        {
            var span = reply.AsSpan();
            var at = span.IndexOf(needle);
            if (at >= 0)
            {
                var rest = span[(at + needle.Length)..];
                var end = rest.IndexOf((byte)'"');
                if (end > 0)
                {
                    return Encoding.UTF8.GetString(rest[..end]);
                }
            }
        }

        return null;
    }
}
