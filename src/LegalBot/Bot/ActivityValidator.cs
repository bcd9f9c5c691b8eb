using System.Globalization;
using Microsoft.Bot.Schema;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bot;

/// <summary>What the edge does with an activity, decided before any handler runs.</summary>
public enum ActivityDisposition
{
    /// <summary>Well formed and of a kind the bot acts on: run the turn.</summary>
    Run,

    /// <summary>Well formed, but of a kind the bot does not act on (typing, reactions, events): authenticate and answer 200.</summary>
    Acknowledge,

    /// <summary>A card action whose envelope is sound but whose <c>value</c> is not: authenticate and answer with an error invoke response.</summary>
    RefuseInvoke,

    /// <summary>Malformed: answer 400 without running anything.</summary>
    Refuse,
}

/// <param name="Reason">A short plain reason, built only from field names of the schema (never from the activity's own text).</param>
public sealed record ActivityVerdict(ActivityDisposition Disposition, string? Reason = null)
{
    public static readonly ActivityVerdict Run = new(ActivityDisposition.Run);

    public static readonly ActivityVerdict Acknowledge = new(ActivityDisposition.Acknowledge);
}

/// <summary>
/// Checks an activity's JSON against the Bot Framework Activity schema and the Teams <c>channelData</c> shapes
/// before it is turned into an <see cref="Activity"/>: each field the schema defines has the documented JSON type,
/// the required ones are there, ids are short visible ASCII (they go into the URLs and headers of the bot's
/// calls back to the channel), and an invoke's <c>value</c> has the shape its name defines. Anything else would
/// otherwise surface as a framework exception in the middle of a turn.
/// </summary>
public static class ActivityValidator
{
    public const int MaxIdLength = 1024;
    public const int MaxServiceUrlLength = 2048;
    public const string AdaptiveCardAction = "adaptiveCard/action";
    public const string FileConsent = "fileConsent/invoke";
    public const int MaxFileUrlLength = 8192;

    private enum Kind
    {
        String,
        Boolean,
        Object,
        Array,
        Timestamp,
        Id,
        Any,
    }

    /// <summary>The Activity schema's fields and their JSON types (unknown fields are left alone, as the schema allows).</summary>
    private static readonly Shape ActivityFields = new()
    {
        ["type"] = Kind.String,
        ["id"] = Kind.Id,
        ["timestamp"] = Kind.Timestamp,
        ["localTimestamp"] = Kind.Timestamp,
        ["localTimezone"] = Kind.String,
        ["serviceUrl"] = Kind.String,
        ["channelId"] = Kind.Id,
        ["from"] = Kind.Object,
        ["conversation"] = Kind.Object,
        ["recipient"] = Kind.Object,
        ["textFormat"] = Kind.String,
        ["attachmentLayout"] = Kind.String,
        ["membersAdded"] = Kind.Array,
        ["membersRemoved"] = Kind.Array,
        ["reactionsAdded"] = Kind.Array,
        ["reactionsRemoved"] = Kind.Array,
        ["topicName"] = Kind.String,
        ["historyDisclosed"] = Kind.Boolean,
        ["locale"] = Kind.String,
        ["text"] = Kind.String,
        ["speak"] = Kind.String,
        ["inputHint"] = Kind.String,
        ["summary"] = Kind.String,
        ["suggestedActions"] = Kind.Object,
        ["attachments"] = Kind.Array,
        ["entities"] = Kind.Array,
        ["channelData"] = Kind.Object,
        ["action"] = Kind.String,
        ["replyToId"] = Kind.Id,
        ["label"] = Kind.String,
        ["valueType"] = Kind.String,
        ["value"] = Kind.Any,
        ["name"] = Kind.String,
        ["relatesTo"] = Kind.Object,
        ["code"] = Kind.String,
        ["expiration"] = Kind.Timestamp,
        ["importance"] = Kind.String,
        ["deliveryMode"] = Kind.String,
        ["listenFor"] = Kind.Array,
        ["textHighlights"] = Kind.Array,
        ["semanticAction"] = Kind.Object,
        ["callerId"] = Kind.String,
    };

    private static readonly string[] RequiredFields = ["channelId", "from", "conversation", "recipient"];

    private static readonly Shape ReactionFields = new() { ["type"] = Kind.String };

    private static readonly Shape ChannelAccountFields = new()
    {
        ["id"] = Kind.Id,
        ["name"] = Kind.String,
        ["aadObjectId"] = Kind.Id,
        ["role"] = Kind.String,
    };

    private static readonly Shape ConversationFields = new()
    {
        ["id"] = Kind.Id,
        ["name"] = Kind.String,
        ["conversationType"] = Kind.String,
        ["tenantId"] = Kind.Id,
        ["isGroup"] = Kind.Boolean,
        ["aadObjectId"] = Kind.Id,
        ["role"] = Kind.String,
    };

    private static readonly Shape MentionFields = new()
    {
        ["type"] = Kind.String,
        ["mentioned"] = Kind.Object,
        ["text"] = Kind.String,
    };

    private static readonly Shape EntityFields = new() { ["type"] = Kind.String };

    private static readonly Shape AttachmentFields = new()
    {
        ["contentType"] = Kind.String,
        ["contentUrl"] = Kind.String,
        ["name"] = Kind.String,
        ["thumbnailUrl"] = Kind.String,
        ["content"] = Kind.Any,
    };

    /// <summary>The content of a file sent to the bot (<c>application/vnd.microsoft.teams.file.download.info</c>).</summary>
    private static readonly Shape FileDownloadInfoFields = new()
    {
        ["downloadUrl"] = Kind.String,
        ["uniqueId"] = Kind.Id,
        ["fileType"] = Kind.String,
        ["etag"] = Kind.Any,
    };

    /// <summary>Teams' <c>channelData</c> (TeamsChannelData): tenant, team, channel, event type, notification, settings, meeting.</summary>
    private static readonly Shape TeamsChannelDataFields = new()
    {
        ["tenant"] = Kind.Object,
        ["team"] = Kind.Object,
        ["channel"] = Kind.Object,
        ["eventType"] = Kind.String,
        ["notification"] = Kind.Object,
        ["settings"] = Kind.Object,
        ["meeting"] = Kind.Object,
        ["onBehalfOf"] = Kind.Array,
    };

    private static readonly Shape TenantFields = new() { ["id"] = Kind.Id };

    private static readonly Shape TeamFields = new()
    {
        ["id"] = Kind.Id,
        ["name"] = Kind.String,
        ["aadGroupId"] = Kind.Id,
    };

    private static readonly Shape ChannelFields = new()
    {
        ["id"] = Kind.Id,
        ["name"] = Kind.String,
        ["type"] = Kind.String,
    };

    private static readonly Shape NotificationFields = new()
    {
        ["alert"] = Kind.Boolean,
        ["alertInMeeting"] = Kind.Boolean,
        ["externalResourceUrl"] = Kind.String,
    };

    private static readonly Shape SettingsFields = new() { ["selectedChannel"] = Kind.Object };

    private static readonly Shape MeetingFields = new() { ["id"] = Kind.String };

    /// <summary>The <c>adaptiveCard/action</c> invoke value (Universal Actions): the action, what triggered it, and optional auth state.</summary>
    private static readonly Shape CardActionValueFields = new()
    {
        ["action"] = Kind.Object,
        ["trigger"] = Kind.String,
        ["authentication"] = Kind.Object,
        ["state"] = Kind.String,
    };

    private static readonly Shape CardActionFields = new()
    {
        ["type"] = Kind.String,
        ["id"] = Kind.String,
        ["verb"] = Kind.String,
        ["data"] = Kind.Any,
    };

    private static readonly Shape CardAuthenticationFields = new()
    {
        ["id"] = Kind.String,
        ["connectionName"] = Kind.String,
        ["token"] = Kind.String,
    };

    /// <summary>The <c>fileConsent/invoke</c> value: the user's answer to a file consent card, and on Accept where to upload.</summary>
    private static readonly Shape FileConsentValueFields = new()
    {
        ["type"] = Kind.String,
        ["action"] = Kind.String,
        ["context"] = Kind.Object,
        ["uploadInfo"] = Kind.Object,
    };

    private static readonly Shape UploadInfoFields = new()
    {
        ["contentUrl"] = Kind.String,
        ["name"] = Kind.String,
        ["uploadUrl"] = Kind.String,
        ["uniqueId"] = Kind.Id,
        ["fileType"] = Kind.String,
        ["etag"] = Kind.Any,
    };

    /// <summary>The longest command id a manifest may declare (the schema's maxLength for <c>commandId</c>).</summary>
    public const int MaxCommandIdLength = 64;

    /// <summary>
    /// A message extension action's value (<c>composeExtension/fetchTask</c>, <c>composeExtension/submitAction</c>):
    /// the command, where it was run from, the dialog's context, the submitted data, and the message it was run on.
    /// </summary>
    private static readonly Shape ActionCommandFields = new()
    {
        ["commandId"] = Kind.String,
        ["commandContext"] = Kind.String,
        ["context"] = Kind.Object,
        ["data"] = Kind.Any,
        ["messagePayload"] = Kind.Object,
        ["botMessagePreviewAction"] = Kind.String,
        ["botActivityPreview"] = Kind.Array,
        ["state"] = Kind.String,
        ["tabContext"] = Kind.Object,
    };

    /// <summary>A search's value (<c>composeExtension/query</c>): the command, its parameters, and which page of results.</summary>
    private static readonly Shape QueryFields = new()
    {
        ["commandId"] = Kind.String,
        ["parameters"] = Kind.Array,
        ["queryOptions"] = Kind.Object,
        ["state"] = Kind.String,
    };

    private static readonly Shape QueryParameterFields = new()
    {
        ["name"] = Kind.String,
        ["value"] = Kind.Any,
    };

    /// <summary>A dialog's value (<c>task/fetch</c>, <c>task/submit</c>): the button's data (merged with the inputs on submit) and the context.</summary>
    private static readonly Shape TaskRequestFields = new()
    {
        ["data"] = Kind.Any,
        ["context"] = Kind.Object,
        ["tabContext"] = Kind.Object,
    };

    private static readonly Shape TaskContextFields = new() { ["theme"] = Kind.String };

    /// <summary>The message a message action was run on (Teams' <c>messagePayload</c>, a Graph chatMessage in short).</summary>
    private static readonly Shape MessagePayloadFields = new()
    {
        ["id"] = Kind.String,
        ["replyToId"] = Kind.String,
        ["messageType"] = Kind.String,
        ["createdDateTime"] = Kind.Timestamp,
        ["lastModifiedDateTime"] = Kind.Timestamp,
        ["deleted"] = Kind.Boolean,
        ["subject"] = Kind.String,
        ["summary"] = Kind.String,
        ["importance"] = Kind.String,
        ["locale"] = Kind.String,
        ["linkToMessage"] = Kind.String,
        ["from"] = Kind.Object,
        ["body"] = Kind.Object,
        ["attachmentLayout"] = Kind.String,
        ["attachments"] = Kind.Array,
        ["mentions"] = Kind.Array,
        ["reactions"] = Kind.Array,
    };

    private static readonly Shape PayloadFromFields = new()
    {
        ["user"] = Kind.Object,
        ["application"] = Kind.Object,
        ["conversation"] = Kind.Object,
    };

    private static readonly Shape PayloadIdentityFields = new()
    {
        ["id"] = Kind.String,
        ["displayName"] = Kind.String,
        ["userIdentityType"] = Kind.String,
        ["applicationIdentityType"] = Kind.String,
        ["conversationIdentityType"] = Kind.String,
        ["tenantId"] = Kind.String,
    };

    private static readonly Shape PayloadBodyFields = new()
    {
        ["contentType"] = Kind.String,
        ["content"] = Kind.String,
        ["textContent"] = Kind.String,
    };

    private static readonly Shape PayloadAttachmentFields = new()
    {
        ["id"] = Kind.String,
        ["contentType"] = Kind.String,
        ["contentUrl"] = Kind.String,
        ["content"] = Kind.Any,
        ["name"] = Kind.String,
        ["thumbnailUrl"] = Kind.String,
    };

    private static readonly Shape PayloadMentionFields = new()
    {
        ["id"] = Kind.Any,
        ["mentionText"] = Kind.String,
        ["mentioned"] = Kind.Object,
    };

    /// <summary>Decides what to do with the activity's JSON; <paramref name="json"/> is any parsed body.</summary>
    public static ActivityVerdict Check(JToken json)
    {
        if (json is not JObject activity)
        {
            return Refuse("The body is not a JSON object.");
        }

        if (Envelope(activity) is { } envelopeProblem)
        {
            return Refuse(envelopeProblem);
        }

        var type = (string)activity["type"]!;
        switch (type)
        {
            case ActivityTypes.Message:
                return activity["value"] is null or { Type: JTokenType.Null or JTokenType.Object or JTokenType.String }
                    ? ActivityVerdict.Run
                    : Refuse("A message's value must be an object or a string.");
            case ActivityTypes.Invoke:
                return Invoke(activity);
            case ActivityTypes.ConversationUpdate:
            case ActivityTypes.InstallationUpdate:
                return ActivityVerdict.Run;
            default:
                return ActivityVerdict.Acknowledge;
        }
    }

    /// <summary>The schema's required fields, the types of every field it defines, and Teams' channelData.</summary>
    private static string? Envelope(JObject activity)
    {
        if (activity["type"] is not { Type: JTokenType.String } type || string.IsNullOrWhiteSpace((string?)type))
        {
            return "The activity has no type.";
        }

        if (Typed(activity, "", ActivityFields) is { } problem)
        {
            return problem;
        }

        if (ServiceUrl(activity["serviceUrl"]) is { } serviceUrlProblem)
        {
            return serviceUrlProblem;
        }

        foreach (var required in RequiredFields)
        {
            if (IsAbsent(activity[required]) || activity[required] is { Type: JTokenType.String } text && ((string?)text)!.Length == 0)
            {
                return $"The activity has no {required}.";
            }
        }

        return Account(activity["from"], "from", idRequired: true)
            ?? Account(activity["recipient"], "recipient", idRequired: true)
            ?? Conversation(activity["conversation"])
            ?? Members(activity["membersAdded"], "membersAdded")
            ?? Members(activity["membersRemoved"], "membersRemoved")
            ?? Reactions(activity["reactionsAdded"], "reactionsAdded")
            ?? Reactions(activity["reactionsRemoved"], "reactionsRemoved")
            ?? Attachments(activity["attachments"])
            ?? Entities(activity["entities"])
            ?? Strings(activity["listenFor"], "listenFor")
            ?? ObjectsIn(activity["textHighlights"], "textHighlights")
            ?? ChannelData(activity["channelData"]);
    }

    /// <summary>
    /// The channel's endpoint, which the bot's replies are sent under: a plain http(s) URL of visible ASCII, with no
    /// credentials, query, fragment or percent-escapes (the channels' service URLs have none).
    /// </summary>
    private static string? ServiceUrl(JToken? token)
    {
        if (IsAbsent(token) || (string?)token is not { Length: > 0 } url)
        {
            return "The activity has no serviceUrl.";
        }

        return url.Length > MaxServiceUrlLength
            || !IsVisibleAscii(url)
            || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || uri.Scheme is not ("https" or "http")
            || string.IsNullOrEmpty(uri.Host)
            || !string.IsNullOrEmpty(uri.UserInfo)
            || url.Contains('%', StringComparison.Ordinal) || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment)
            ? "The activity's serviceUrl is not a plain http(s) URL of visible ASCII characters."
            : null;
    }

    private static string? Account(JToken? token, string path, bool idRequired)
    {
        if (IsAbsent(token))
        {
            return null;
        }

        if (token is not JObject account)
        {
            return $"{path} must be an object.";
        }

        if (Typed(account, path + ".", ChannelAccountFields) is { } problem)
        {
            return problem;
        }

        return idRequired && string.IsNullOrEmpty((string?)account["id"]) ? $"{path}.id is required." : null;
    }

    private static string? Conversation(JToken? token)
    {
        if (token is not JObject conversation)
        {
            return "conversation must be an object.";
        }

        return Typed(conversation, "conversation.", ConversationFields)
            ?? (string.IsNullOrEmpty((string?)conversation["id"]) ? "conversation.id is required." : null);
    }

    private static string? Members(JToken? token, string path) =>
        Each(token, path, (member, at) => Account(member, at, idRequired: true) ?? (IsAbsent(member) ? $"{at} must be an object." : null));

    private static string? Reactions(JToken? token, string path) =>
        Each(token, path, (reaction, at) => reaction is JObject r && r["type"] is { Type: JTokenType.String } ? Typed(r, at + ".", ReactionFields) : $"{at} must be an object with a string type.");

    private static string? Attachments(JToken? token) =>
        Each(token, "attachments", (attachment, at) => attachment is JObject a
            ? Typed(a, at + ".", AttachmentFields) ?? ((string?)a["contentType"] == ActivityMapper.FileDownloadInfo ? FileDownloadInfo(a, at) : null)
            : $"{at} must be an object.");

    /// <summary>
    /// Teams' documented shape of a file sent to the bot in the 1:1 chat: a name, and content with the pre-authorized
    /// <c>downloadUrl</c>, the drive item's <c>uniqueId</c> and the <c>fileType</c> (its extension).
    /// </summary>
    private static string? FileDownloadInfo(JObject attachment, string at)
    {
        if (attachment["content"] is not JObject content)
        {
            return $"{at}.content must be an object for a file.";
        }

        if (Typed(content, at + ".content.", FileDownloadInfoFields) is { } problem)
        {
            return problem;
        }

        if (string.IsNullOrEmpty((string?)attachment["name"]) || string.IsNullOrEmpty((string?)content["uniqueId"]))
        {
            return $"{at} must name the file and its uniqueId.";
        }

        return FileUrl(content["downloadUrl"], at + ".content.downloadUrl");
    }

    /// <summary>Entities carry a string type; a mention names who is mentioned (an account with an id) and the text that mentions them.</summary>
    private static string? Entities(JToken? token) =>
        Each(token, "entities", (entity, at) =>
        {
            if (entity is not JObject e || e["type"] is not { Type: JTokenType.String } type)
            {
                return $"{at} must be an object with a string type.";
            }

            if ((string?)type != "mention")
            {
                return Typed(e, at + ".", EntityFields);
            }

            if (Typed(e, at + ".", MentionFields) is { } problem)
            {
                return problem;
            }

            if (IsAbsent(e["mentioned"]))
            {
                return $"{at}.mentioned is required in a mention.";
            }

            return Account(e["mentioned"], at + ".mentioned", idRequired: true)
                ?? (e["text"] is { Type: JTokenType.String } ? null : $"{at}.text must be a string in a mention.");
        });

    private static string? Strings(JToken? token, string path) =>
        Each(token, path, (item, at) => item is { Type: JTokenType.String } ? null : $"{at} must be a string.");

    private static string? ObjectsIn(JToken? token, string path) =>
        Each(token, path, (item, at) => item is JObject ? null : $"{at} must be an object.");

    private static string? ChannelData(JToken? token)
    {
        if (token is not JObject channelData)
        {
            return null;
        }

        if (Typed(channelData, "channelData.", TeamsChannelDataFields) is { } problem)
        {
            return problem;
        }

        return Part(channelData["tenant"], "channelData.tenant", TenantFields)
            ?? Part(channelData["team"], "channelData.team", TeamFields)
            ?? Part(channelData["channel"], "channelData.channel", ChannelFields)
            ?? Part(channelData["notification"], "channelData.notification", NotificationFields)
            ?? Part(channelData["settings"], "channelData.settings", SettingsFields)
            ?? Part((channelData["settings"] as JObject)?["selectedChannel"], "channelData.settings.selectedChannel", ChannelFields)
            ?? Part(channelData["meeting"], "channelData.meeting", MeetingFields)
            ?? ObjectsIn(channelData["onBehalfOf"], "channelData.onBehalfOf");
    }

    private static string? Part(JToken? token, string path, Shape shape) =>
        token is JObject part ? Typed(part, path + ".", shape) : null;

    /// <summary>
    /// Invokes the bot answers: <c>adaptiveCard/action</c> (Universal Actions), <c>fileConsent/invoke</c> (the answer
    /// to a file consent card), the message action's <c>composeExtension/fetchTask</c> and
    /// <c>composeExtension/submitAction</c>, the search's <c>composeExtension/query</c>, and a dialog's <c>task/fetch</c>
    /// and <c>task/submit</c>. Any other name is
    /// refused, since no handler would answer it. A card action whose value is not the documented shape gets an error
    /// invoke response; any other invoke whose value is not is refused.
    /// </summary>
    private static ActivityVerdict Invoke(JObject activity)
    {
        if ((string?)activity["name"] is not { Length: > 0 } name)
        {
            return Refuse("An invoke must have a name.");
        }

        if (name == FileConsent)
        {
            return FileConsentValue(activity["value"]) is { } consentProblem ? Refuse(consentProblem) : ActivityVerdict.Run;
        }

        if (name is DialogInvokes.FetchTask or DialogInvokes.SubmitAction)
        {
            return ActionCommandValue(activity["value"], submit: name == DialogInvokes.SubmitAction) is { } commandProblem ? Refuse(commandProblem) : ActivityVerdict.Run;
        }

        if (name == SearchInvokes.Query)
        {
            return QueryValue(activity["value"]) is { } queryProblem ? Refuse(queryProblem) : ActivityVerdict.Run;
        }

        if (name is DialogInvokes.TaskFetch or DialogInvokes.TaskSubmit)
        {
            return TaskRequestValue(activity["value"]) is { } taskProblem ? Refuse(taskProblem) : ActivityVerdict.Run;
        }

        if (name != AdaptiveCardAction)
        {
            return Refuse("LegalBot does not handle this kind of invoke.");
        }

        return CardActionValue(activity["value"]) is { } problem
            ? new ActivityVerdict(ActivityDisposition.RefuseInvoke, problem)
            : ActivityVerdict.Run;
    }

    private static string? CardActionValue(JToken? token)
    {
        if (token is not JObject value)
        {
            return "The card action has no value object.";
        }

        if (Typed(value, "value.", CardActionValueFields) is { } problem)
        {
            return problem;
        }

        if (value["action"] is not JObject action)
        {
            return "The card action's value has no action.";
        }

        if (Typed(action, "value.action.", CardActionFields) is { } actionProblem)
        {
            return actionProblem;
        }

        if ((string?)action["type"] != "Action.Execute")
        {
            return "The card action's type must be Action.Execute.";
        }

        if (action["data"] is { Type: not (JTokenType.Object or JTokenType.String or JTokenType.Null) })
        {
            return "value.action.data must be an object or a string.";
        }

        return Part(value["authentication"], "value.authentication", CardAuthenticationFields);
    }

    /// <summary>
    /// Teams' documented shape: a command id as the manifest declares it (1 to 64 visible ASCII characters), a context
    /// of <c>message</c>, <c>compose</c> or <c>commandbox</c>, the dialog's data as an object (required on submit), and,
    /// from a message, the message: its body, sender, attachments and mentions in their documented types.
    /// </summary>
    private static string? ActionCommandValue(JToken? token, bool submit)
    {
        if (token is not JObject value)
        {
            return "The message extension invoke has no value object.";
        }

        if (Typed(value, "value.", ActionCommandFields) is { } problem)
        {
            return problem;
        }

        if ((string?)value["commandId"] is not { Length: > 0 and <= MaxCommandIdLength } commandId || !IsVisibleAscii(commandId))
        {
            return $"value.commandId must be 1 to {MaxCommandIdLength} visible ASCII characters.";
        }

        if (value["commandContext"] is { Type: JTokenType.String } context && (string?)context is not ("message" or "compose" or "commandbox"))
        {
            return "value.commandContext must be message, compose or commandbox.";
        }

        if (value["data"] is { Type: not (JTokenType.Object or JTokenType.Null) } || submit && IsAbsent(value["data"]) && IsAbsent(value["botMessagePreviewAction"]))
        {
            return submit ? "value.data must be an object." : "value.data must be an object when present.";
        }

        return Part(value["context"], "value.context", TaskContextFields) ?? MessagePayload(value["messagePayload"]);
    }

    private static string? MessagePayload(JToken? token)
    {
        if (token is not JObject payload)
        {
            return null;
        }

        if (Typed(payload, "value.messagePayload.", MessagePayloadFields) is { } problem)
        {
            return problem;
        }

        if (payload["from"] is JObject from)
        {
            if (Typed(from, "value.messagePayload.from.", PayloadFromFields) is { } fromProblem)
            {
                return fromProblem;
            }

            foreach (var who in new[] { "user", "application", "conversation" })
            {
                if (Part(from[who], "value.messagePayload.from." + who, PayloadIdentityFields) is { } whoProblem)
                {
                    return whoProblem;
                }
            }
        }

        return Part(payload["body"], "value.messagePayload.body", PayloadBodyFields)
            ?? Each(payload["attachments"], "value.messagePayload.attachments", (a, at) => a is JObject o ? Typed(o, at + ".", PayloadAttachmentFields) : $"{at} must be an object.")
            ?? Each(payload["mentions"], "value.messagePayload.mentions", (m, at) => m is JObject o
                ? Typed(o, at + ".", PayloadMentionFields) ?? (o["mentioned"] is JObject mentioned ? PayloadIdentities(mentioned, at + ".mentioned") : null)
                : $"{at} must be an object.")
            ?? ObjectsIn(payload["reactions"], "value.messagePayload.reactions");
    }

    private static string? PayloadIdentities(JObject identities, string path) =>
        Typed(identities, path + ".", PayloadFromFields)
        ?? Part(identities["user"], path + ".user", PayloadIdentityFields)
        ?? Part(identities["application"], path + ".application", PayloadIdentityFields)
        ?? Part(identities["conversation"], path + ".conversation", PayloadIdentityFields);

    /// <summary>
    /// Teams' documented search: a command id, parameters each with a string name and a value (a string, or true
    /// for <c>initialRun</c>), and <c>queryOptions</c> with <c>skip</c> and <c>count</c> as whole numbers from 0.
    /// </summary>
    private static string? QueryValue(JToken? token)
    {
        if (token is not JObject value)
        {
            return "The search invoke has no value object.";
        }

        if (Typed(value, "value.", QueryFields) is { } problem)
        {
            return problem;
        }

        if ((string?)value["commandId"] is not { Length: > 0 and <= MaxCommandIdLength } commandId || !IsVisibleAscii(commandId))
        {
            return $"value.commandId must be 1 to {MaxCommandIdLength} visible ASCII characters.";
        }

        var parameterProblem = Each(value["parameters"], "value.parameters", (p, at) =>
            p is not JObject parameter ? $"{at} must be an object."
            : Typed(parameter, at + ".", QueryParameterFields)
                ?? (parameter["name"] is { Type: JTokenType.String } ? null : $"{at}.name must be a string.")
                ?? (parameter["value"] is null or { Type: JTokenType.String or JTokenType.Boolean or JTokenType.Null } ? null : $"{at}.value must be a string or true or false."));
        if (parameterProblem is not null)
        {
            return parameterProblem;
        }

        if (value["queryOptions"] is JObject options)
        {
            foreach (var option in new[] { "skip", "count" })
            {
                if (options[option] is { Type: not JTokenType.Null } n && (n.Type != JTokenType.Integer || (long)n < 0 || (long)n > int.MaxValue))
                {
                    return $"value.queryOptions.{option} must be a whole number from 0.";
                }
            }
        }

        return null;
    }

    /// <summary>A dialog's fetch or submit: the button's data, an object (merged with the inputs on submit), and the context.</summary>
    private static string? TaskRequestValue(JToken? token)
    {
        if (token is not JObject value)
        {
            return "The dialog invoke has no value object.";
        }

        if (Typed(value, "value.", TaskRequestFields) is { } problem)
        {
            return problem;
        }

        return value["data"] is not JObject
            ? "value.data must be an object."
            : Part(value["context"], "value.context", TaskContextFields);
    }

    /// <summary>
    /// Teams' documented shape: <c>type</c> "fileUpload", <c>action</c> "accept" or "decline", the card's context (an
    /// object, as the bot sends it) and, on accept, <c>uploadInfo</c> naming the file and where to put its bytes.
    /// </summary>
    private static string? FileConsentValue(JToken? token)
    {
        if (token is not JObject value)
        {
            return "The file consent answer has no value object.";
        }

        if (Typed(value, "value.", FileConsentValueFields) is { } problem)
        {
            return problem;
        }

        if ((string?)value["type"] != "fileUpload")
        {
            return "value.type must be fileUpload.";
        }

        var action = (string?)value["action"];
        if (action is not ("accept" or "decline"))
        {
            return "value.action must be accept or decline.";
        }

        if (action == "decline")
        {
            return null;
        }

        if (value["uploadInfo"] is not JObject uploadInfo)
        {
            return "value.uploadInfo is required when the file is accepted.";
        }

        if (Typed(uploadInfo, "value.uploadInfo.", UploadInfoFields) is { } infoProblem)
        {
            return infoProblem;
        }

        if (string.IsNullOrEmpty((string?)uploadInfo["name"]) || string.IsNullOrEmpty((string?)uploadInfo["uniqueId"]))
        {
            return "value.uploadInfo must name the file and its uniqueId.";
        }

        return FileUrl(uploadInfo["uploadUrl"], "value.uploadInfo.uploadUrl") ?? FileUrl(uploadInfo["contentUrl"], "value.uploadInfo.contentUrl");
    }

    /// <summary>An absolute http(s) URL of visible ASCII (whether plain http may be used is the uploader's decision).</summary>
    private static string? FileUrl(JToken? token, string path) =>
        (string?)token is { Length: > 0 and <= MaxFileUrlLength } url && IsVisibleAscii(url)
        && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" && !string.IsNullOrEmpty(uri.Host)
        && string.IsNullOrEmpty(uri.UserInfo)
            ? null
            : $"{path} must be an absolute http(s) URL of at most {MaxFileUrlLength} visible ASCII characters.";

    /// <summary>Each field of <paramref name="shape"/> present in <paramref name="obj"/> has its JSON type (null counts as absent).</summary>
    private static string? Typed(JObject obj, string prefix, Shape shape)
    {
        // Newtonsoft matches property names ignoring case when it converts: a second spelling would slip past the checks.
        foreach (var property in obj.Properties())
        {
            if (shape.Spelled(property.Name) is { } canonical && canonical != property.Name)
            {
                return $"{prefix}{canonical} is spelled differently.";
            }
        }

        foreach (var (name, kind) in shape)
        {
            var token = obj[name];
            if (IsAbsent(token))
            {
                continue;
            }

            var problem = kind switch
            {
                Kind.String => token!.Type == JTokenType.String ? null : "must be a string",
                Kind.Boolean => token!.Type == JTokenType.Boolean ? null : "must be true or false",
                Kind.Object => token!.Type == JTokenType.Object ? null : "must be an object",
                Kind.Array => token!.Type == JTokenType.Array ? null : "must be an array",
                Kind.Timestamp => IsTimestamp(token!) ? null : "must be an ISO 8601 date and time",
                Kind.Id => IsId(token!) ? null : $"must be an id of at most {MaxIdLength} visible ASCII characters",
                _ => null,
            };
            if (problem is not null)
            {
                return $"{prefix}{name} {problem}.";
            }
        }

        return null;
    }

    private static string? Each(JToken? token, string path, Func<JToken?, string, string?> check)
    {
        if (token is not JArray array)
        {
            return null;
        }

        for (var i = 0; i < array.Count; i++)
        {
            if (check(array[i], $"{path}[{i}]") is { } problem)
            {
                return problem;
            }
        }

        return null;
    }

    private static bool IsAbsent(JToken? token) => token is null || token.Type == JTokenType.Null;

    private static bool IsTimestamp(JToken token) =>
        token.Type == JTokenType.Date
        || token.Type == JTokenType.String && DateTimeOffset.TryParse((string?)token, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _);

    /// <summary>An id may be empty (when optional) but otherwise only visible ASCII: it may end up in a URL path or a header.</summary>
    private static bool IsId(JToken token) =>
        token.Type == JTokenType.String && (string?)token is { } id && id.Length <= MaxIdLength && IsVisibleAscii(id);

    private static bool IsVisibleAscii(string text)
    {
        foreach (var c in text)
        {
            if (c is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }

    private static ActivityVerdict Refuse(string reason) => new(ActivityDisposition.Refuse, reason);

    /// <summary>The fields of one object of the schema and their JSON types, found by exact name or any other spelling.</summary>
    private sealed class Shape : Dictionary<string, Kind>
    {
        private Dictionary<string, string>? spellings;

        public Shape()
            : base(StringComparer.Ordinal)
        {
        }

        /// <summary>The schema's spelling of a field named <paramref name="name"/> in any case, or null for a field it does not define.</summary>
        public string? Spelled(string name)
        {
            spellings ??= Keys.ToDictionary(k => k, k => k, StringComparer.OrdinalIgnoreCase);
            return spellings.GetValueOrDefault(name);
        }
    }
}
