using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using LegalBot.Testing;

namespace LegalBot.Bench;

/// <summary>
/// One simulated Teams user in their own 1:1 conversation with the bot, posting activities as Teams sends them
/// (<see cref="TeamsActivities"/>, the shapes the tests use): a typed message, a card's Action.Submit, an
/// Action.Execute invoke.
/// </summary>
internal sealed class BenchClient(HttpClient http, Uri serviceUrl, TeamsUser user)
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };
    private int sequence;

    public string AadObjectId => user.AadObjectId;

    public string ConversationId => user.PersonalConversationId;

    /// <summary>Types a message.</summary>
    public Task<HttpResponseMessage> SayAsync(string text, CancellationToken cancellationToken) =>
        PostAsync(TeamsActivities.Message(user, serviceUrl, NextId(), text, null), cancellationToken);

    /// <summary>Presses an Action.Submit: a message with the data merged with the inputs as value, and no text.</summary>
    public Task<HttpResponseMessage> SubmitAsync(IEnumerable<KeyValuePair<string, string>> value, CancellationToken cancellationToken) =>
        PostAsync(TeamsActivities.Message(user, serviceUrl, NextId(), null, Object(value)), cancellationToken);

    /// <summary>Presses an Action.Execute (Universal Actions): an adaptiveCard/action invoke; the answer is in the HTTP body.</summary>
    public Task<HttpResponseMessage> ExecuteAsync(string verb, IEnumerable<KeyValuePair<string, string>> data, CancellationToken cancellationToken) =>
        PostAsync(TeamsActivities.Execute(user, serviceUrl, NextId(), verb, Object(data)), cancellationToken);

    private Task<HttpResponseMessage> PostAsync(JsonObject activity, CancellationToken cancellationToken)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(activity));
        content.Headers.ContentType = Json;
        return http.PostAsync("api/messages", content, cancellationToken);
    }

    private string NextId() => string.Create(CultureInfo.InvariantCulture, $"f:{user.AadObjectId[..8]}-{Interlocked.Increment(ref sequence)}");

    private static JsonObject Object(IEnumerable<KeyValuePair<string, string>> values)
    {
        var json = new JsonObject();
        foreach (var (key, value) in values)
        {
            json[key] = value;
        }

        return json;
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
