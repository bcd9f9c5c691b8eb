using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.MessageExtensions;

/// <summary>The <c>composeExtension/query</c> invokes Teams sends from a group chat's compose box for the search command, and what the answers list.</summary>
internal static class ComposeSearch
{
    public const string Command = "searchRequests";

    /// <summary>The request numbers the answer lists, in its order.</summary>
    public static List<string> Numbers(JsonObject? body) =>
        [.. body!["composeExtension"]!["attachments"]!.AsArray().Select(a => ((string)a!["preview"]!["content"]!["title"]!).Split(':')[0])];

    /// <summary>The invoke's value: the typed text (null: the initial run) and Teams' paging options.</summary>
    public static JsonObject QueryValue(string? text, int skip, int count) => new()
    {
        ["commandId"] = Command,
        ["parameters"] = text is null
            ? new JsonArray(new JsonObject { ["name"] = "initialRun", ["value"] = "true" })
            : new JsonArray(new JsonObject { ["name"] = "query", ["value"] = text }),
        ["queryOptions"] = new JsonObject { ["skip"] = skip, ["count"] = count },
    };

    public static JsonObject Activity(FakeChannel channel, TeamsUser user, JsonObject value)
    {
        var activity = TeamsActivities.ChannelInvoke(user, channel.ServiceUrl, $"q-{Guid.NewGuid():N}", "composeExtension/query", value);
        activity["conversation"]!["conversationType"] = "groupChat";
        activity["conversation"]!["id"] = "19:group-chat@thread.v2";
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } };
        return activity;
    }

    /// <summary>One keystroke's search by <paramref name="user"/>, asserting Teams' result shape.</summary>
    public static async Task<JsonObject?> SearchAsync(HttpClient http, FakeChannel channel, TeamsUser user, string? text, int skip = 0, int count = 25)
    {
        var (status, body) = await new TeamsClient(http, channel, user).AnswerAsync(Activity(channel, user, QueryValue(text, skip, count)));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("result", (string?)body!["composeExtension"]!["type"]);
        Assert.Equal("list", (string?)body["composeExtension"]!["attachmentLayout"]);
        return body;
    }
}
