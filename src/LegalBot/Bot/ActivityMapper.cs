using System.Globalization;
using LegalBot.Application;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bot;

/// <summary>Translates between Bot Framework activities and the conversation layer's own types.</summary>
public static partial class ActivityMapper
{
    private const int MaxValueKeys = 100;
    private const int MaxValueLength = 20_000;
    private const int MaxActivityIdLength = 256;

    /// <summary>
    /// Reads the sender and the message. Returns null when the sender has no AAD object id (not a
    /// signed-in Microsoft 365 user), since every action is authorized from it.
    /// </summary>
    /// <summary>How a sender without a name is recorded where they act (as the card invokes do).</summary>
    public const string UnnamedSender = "Someone";

    public static TurnInput? ToInput(ITurnContext turnContext, DateTimeOffset now, Func<CancellationToken, Task<Person>>? resolveUser = null)
    {
        var activity = turnContext.Activity;
        var aadObjectId = activity.From?.AadObjectId;
        if (string.IsNullOrWhiteSpace(aadObjectId) || aadObjectId.Length > 64 || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        // A sender Teams gives no name is recorded as "Someone" (a request's history keeps it); greetings go without a name.
        var sender = string.IsNullOrWhiteSpace(activity.From!.Name) ? null : Truncate(activity.From.Name, 200);
        var local = activity.LocalTimestamp is { } ts && Math.Abs((ts - now).TotalHours) < 30 ? ts : now;
        return new TurnInput
        {
            User = new Person(aadObjectId, sender ?? UnnamedSender),
            SenderName = sender,
            ConversationId = conversationId,
            TenantId = activity.Conversation.TenantId,
            IsPersonal = activity.Conversation.ConversationType is null or "personal",
            Text = activity.Value is JObject ? null : SharedRequestIn(activity) is { } shared ? "status " + shared : TextWithoutBotMention(activity),
            Value = ReadValue(activity.Value),
            Files = FilesIn(activity),
            ReplyToId = activity.ReplyToId is { Length: > 0 and <= MaxActivityIdLength } replyTo ? replyTo : null,
            Today = DateOnly.FromDateTime(local.DateTime),
            Now = now,
            ResolveUser = resolveUser,
        };
    }

    /// <summary>
    /// The sender's time zone as their Teams client reports it: the activity's <c>localTimezone</c>, else the
    /// <c>timezone</c> of its <c>clientInfo</c> entity. Unchecked: <see cref="ViewerTimeZones"/> keeps only real zones.
    /// </summary>
    public static string? TimeZoneOf(IActivity activity)
    {
        if (activity is not Activity message)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(message.LocalTimezone))
        {
            return message.LocalTimezone;
        }

        var clientInfo = message.Entities?.FirstOrDefault(e => string.Equals(e.Type, "clientInfo", StringComparison.OrdinalIgnoreCase));
        return clientInfo?.Properties?["timezone"] is JValue { Type: JTokenType.String } zone ? (string?)zone : null;
    }

    /// <summary>In team and group chats the text starts with the bot's @mention; commands are read without it.</summary>
    /// <summary>
    /// The request a card of LegalBot's names (its refresh asks for that request), when the message is that card and no
    /// visible text: a card from the search, inserted into the chat with the bot and sent. Teams (and the Agents
    /// Playground) give such a message only markup as text. The request is then looked up as the sender may see it.
    /// </summary>
    private static RequestNumber? SharedRequestIn(Activity activity)
    {
        if (activity.Attachments is not { Count: > 0 } attachments || VisibleText(activity.Text).Length > 0)
        {
            return null;
        }

        foreach (var attachment in attachments.Take(5))
        {
            if (attachment.ContentType == "application/vnd.microsoft.card.adaptive"
                && (attachment.Content as JObject)?["refresh"]?["action"] is JObject action
                && (string?)action["verb"] is CardActions.RefreshVerb
                && action["data"]?[CardActions.NumberKey] is JValue { Type: JTokenType.String } number
                && RequestNumber.TryParse((string?)number, out var parsed))
            {
                return parsed;
            }
        }

        return null;
    }

    /// <summary>The text without markup (tags) and white space; a text too long to read in time counts as visible.</summary>
    private static string VisibleText(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        try
        {
            return MarkupTags().Replace(text, "").Trim();
        }
        catch (System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            return text;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]{0,2000}>", System.Text.RegularExpressions.RegexOptions.None, 100)]
    private static partial System.Text.RegularExpressions.Regex MarkupTags();

    private static string? TextWithoutBotMention(Activity activity)
    {
        if (activity.Text is null || activity.Conversation?.ConversationType is null or "personal")
        {
            return activity.Text;
        }

        try
        {
            return activity.RemoveRecipientMention();
        }
        catch (Newtonsoft.Json.JsonException)
        {
            return activity.Text;
        }
    }

    /// <summary>A card submission's top-level values as strings; nested values are ignored.</summary>
    public static IReadOnlyDictionary<string, string>? ReadValue(object? value)
    {
        if (value is not JObject obj)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in obj.Properties().Take(MaxValueKeys))
        {
            var text = property.Value.Type switch
            {
                JTokenType.String => (string?)property.Value,
                JTokenType.Integer or JTokenType.Float => Convert.ToString(((JValue)property.Value).Value, CultureInfo.InvariantCulture),
                JTokenType.Boolean => (bool)property.Value ? "true" : "false",
                _ => null,
            };
            if (text is not null && property.Name.Length <= 64)
            {
                result[property.Name] = Truncate(text, MaxValueLength);
            }
        }

        return result;
    }

    public static IActivity ToActivity(Reply reply) => reply switch
    {
        TextReply text => Text(text),
        CardReply card => CardActivity(card.Card),
        FileConsentReply file => FileConsent(file),
        _ => throw new ArgumentOutOfRangeException(nameof(reply), reply.GetType().Name, "Unknown reply kind."),
    };

    /// <summary>A message carrying one Adaptive Card: how every card leaves the bot, from a turn or from the dispatcher.</summary>
    public static Activity CardActivity(LegalBot.Cards.Model.AdaptiveCard card) => (Activity)MessageFactory.Attachment(new Attachment
    {
        ContentType = "application/vnd.microsoft.card.adaptive",
        Content = CardJson(card),
    });

    /// <summary>
    /// The card's JSON as Newtonsoft writes it into the activity: raw, as our serializer made it, rather than
    /// parsed into a JObject tree only to be written out again.
    /// </summary>
    public static JRaw CardJson(LegalBot.Cards.Model.AdaptiveCard card) => new(CardSerializer.Serialize(card));

    /// <summary>Teams' file consent card: the user accepts or declines saving the file to their OneDrive.</summary>
    private static Activity FileConsent(FileConsentReply file) => (Activity)MessageFactory.Attachment(new Attachment
    {
        ContentType = FileConsentCard.ContentType,
        Name = file.FileName,
        Content = new FileConsentCard
        {
            Description = file.Description,
            SizeInBytes = file.SizeInBytes,
            AcceptContext = ConsentContext(file),
            DeclineContext = ConsentContext(file),
        },
    });

    /// <summary>What the consent card's answer carries back: which offer, by the id of the export or of the document.</summary>
    private static Newtonsoft.Json.Linq.JObject ConsentContext(FileConsentReply file) => file.Kind == FileOfferKind.Document
        ? Files.DocumentDelivery.Context(file.ConsentId)
        : Export.ExportDelivery.Context(file.ConsentId);

    /// <summary>Teams' attachment for a file a user sent in the 1:1 chat (its content names the pre-authorized download URL).</summary>
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    /// <summary>
    /// The files a message carries: each <see cref="FileDownloadInfo"/> attachment's name, type and download URL (the
    /// validator has checked their shapes). Other attachments (the HTML copy of the message Teams adds) are not files.
    /// </summary>
    private static IReadOnlyList<Application.Documents.IncomingFile> FilesIn(Activity activity) =>
        activity.Attachments is not { Count: > 0 } attachments
            ? []
            : [.. attachments
                .Where(a => a.ContentType == FileDownloadInfo && a.Content is JObject)
                .Select(a => (Name: a.Name, Content: (JObject)a.Content))
                .Where(a => a.Content["downloadUrl"] is JValue { Type: JTokenType.String })
                .Select(a => new Application.Documents.IncomingFile(a.Name, (string?)a.Content["fileType"], (string)a.Content["downloadUrl"]!))];

    private static Activity Text(TextReply reply)
    {
        var activity = MessageFactory.Text(reply.Text);
        activity.TextFormat = reply.AsWritten ? TextFormatTypes.Plain : TextFormatTypes.Markdown;
        if (reply.Suggestions is { Count: > 0 } suggestions)
        {
            activity.SuggestedActions = new SuggestedActions
            {
                Actions = [.. suggestions.Select(s => new Microsoft.Bot.Schema.CardAction(ActionTypes.ImBack, s, value: s))],
            };
        }

        return activity;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..max];
}
