using System.Text.Json.Nodes;

namespace LegalBot.Testing;

/// <summary>
/// Activities shaped as Teams sends them to a bot in a user's 1:1 chat: a typed message, a card's Action.Submit,
/// an Action.Execute invoke, the install. Shared by the tests and the benchmark so both speak the same wire format.
/// </summary>
public static class TeamsActivities
{
    public const string BotId = "28:legalbot";

    /// <summary>A message: typed text (plain), or an Action.Submit's data merged with the inputs as value and no text.</summary>
    public static JsonObject Message(TeamsUser user, Uri serviceUrl, string id, string? text, JsonObject? value)
    {
        var activity = Envelope("message", id, user, serviceUrl);
        activity["locale"] = "en-US";
        if (text is not null)
        {
            activity["text"] = text;
            activity["textFormat"] = "plain";
        }

        if (value is not null)
        {
            activity["value"] = value;
        }

        return activity;
    }

    /// <summary>
    /// An Action.Execute press (Universal Actions): an <c>adaptiveCard/action</c> invoke with the verb and the data
    /// merged with the inputs; Teams shows the card answered in the HTTP body in place.
    /// </summary>
    public static JsonObject Execute(TeamsUser user, Uri serviceUrl, string id, string verb, JsonObject data, string trigger = "manual")
    {
        var activity = Envelope("invoke", id, user, serviceUrl);
        activity["locale"] = "en-US";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "Action.Execute", ["verb"] = verb, ["data"] = data },
            ["trigger"] = trigger,
        };
        return activity;
    }

    /// <summary>
    /// The answer to a file consent card: a <c>fileConsent/invoke</c> with the card's accept or decline context and, on
    /// accept, where to upload (<see cref="FakeOneDrive.Offer"/>); its replyToId is the consent card's message.
    /// </summary>
    public static JsonObject FileConsent(TeamsUser user, Uri serviceUrl, string id, string action, JsonNode? context, JsonObject? uploadInfo, string? replyToId)
    {
        var activity = Envelope("invoke", id, user, serviceUrl);
        activity["locale"] = "en-US";
        activity["name"] = "fileConsent/invoke";
        if (replyToId is not null)
        {
            activity["replyToId"] = replyToId;
        }

        var value = new JsonObject { ["type"] = "fileUpload", ["action"] = action, ["context"] = context?.DeepClone() };
        if (uploadInfo is not null)
        {
            value["uploadInfo"] = uploadInfo;
        }

        activity["value"] = value;
        return activity;
    }

    /// <summary>The conversationUpdate Teams sends when a user installs the bot in personal scope.</summary>
    public static JsonObject Installed(TeamsUser user, Uri serviceUrl, string id)
    {
        var activity = Envelope("conversationUpdate", id, user, serviceUrl);
        activity.Remove("localTimestamp");
        activity["from"]!.AsObject().Remove("name");
        activity["membersAdded"] = new JsonArray(new JsonObject { ["id"] = BotId });
        return activity;
    }

    /// <summary>The team channel the message extension tests run in (a thread's conversation id adds <c>;messageid=</c>).</summary>
    public const string ChannelId = "19:legal-questions@thread.tacv2";

    /// <summary>
    /// An invoke sent from a team channel: a message extension's command on a message there, or a dialog opened
    /// from a button there. The conversation is the thread, and channelData names the team and the channel.
    /// </summary>
    public static JsonObject ChannelInvoke(TeamsUser user, Uri serviceUrl, string id, string name, JsonObject value)
    {
        var activity = Envelope("invoke", id, user, serviceUrl);
        activity["locale"] = "en-US";
        activity["name"] = name;
        activity["value"] = value;
        activity["conversation"] = new JsonObject
        {
            ["isGroup"] = true,
            ["conversationType"] = "channel",
            ["tenantId"] = user.TenantId,
            ["id"] = ChannelId + ";messageid=1732612345678",
        };
        activity["channelData"] = new JsonObject
        {
            ["channel"] = new JsonObject { ["id"] = ChannelId },
            ["team"] = new JsonObject { ["id"] = "19:team-general@thread.tacv2" },
            ["tenant"] = new JsonObject { ["id"] = user.TenantId },
            ["source"] = new JsonObject { ["name"] = "compose" },
        };
        return activity;
    }

    /// <summary>
    /// A message as Teams describes it in a message action's <c>messagePayload</c>: HTML body, the sender, and the
    /// files (attachments of content type <c>reference</c> pointing at SharePoint) and mentions it carries.
    /// </summary>
    public static JsonObject MessagePayload(string html, string senderName, JsonArray? attachments = null, JsonArray? mentions = null) => new()
    {
        ["id"] = "1732612345678",
        ["replyToId"] = null,
        ["createdDateTime"] = "2026-11-26T09:15:00.000Z",
        ["lastModifiedDateTime"] = null,
        ["deleted"] = false,
        ["subject"] = null,
        ["summary"] = null,
        ["importance"] = "normal",
        ["locale"] = "en-us",
        ["linkToMessage"] = "https://teams.microsoft.com/l/message/19:legal-questions@thread.tacv2/1732612345678?tenantId=" + TeamsUser.DefaultTenant,
        ["from"] = new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "6b1d9c2e-0f4a-4e8b-9c3d-2a1b0c9d8e7f", ["displayName"] = senderName, ["userIdentityType"] = "aadUser" },
            ["application"] = null,
            ["conversation"] = null,
        },
        ["body"] = new JsonObject { ["contentType"] = "html", ["content"] = html },
        ["attachmentLayout"] = "list",
        ["attachments"] = attachments ?? [],
        ["mentions"] = mentions ?? [],
        ["reactions"] = new JsonArray(),
    };

    private static JsonObject Envelope(string type, string id, TeamsUser user, Uri serviceUrl) => new()
    {
        ["type"] = type,
        ["id"] = id,
        ["timestamp"] = "2026-11-26T10:00:00.000Z",
        ["localTimestamp"] = "2026-11-26T11:00:00.000+01:00",
        ["serviceUrl"] = serviceUrl.ToString(),
        ["channelId"] = "msteams",
        ["from"] = new JsonObject { ["id"] = user.ChannelUserId, ["name"] = user.Name, ["aadObjectId"] = user.AadObjectId },
        ["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = user.TenantId, ["id"] = user.PersonalConversationId },
        ["recipient"] = new JsonObject { ["id"] = BotId, ["name"] = "LegalBot" },
        ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } },
    };
}
