using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LegalBot.Testing.Graph;

/// <summary>One activity-feed notification Graph took (answered 204), as it was sent.</summary>
/// <param name="UserId">The user in the path.</param>
/// <param name="Body">The request body as sent, for assertions on its exact shape.</param>
public sealed record SentActivityNotification(
    string UserId,
    string ActivityType,
    string TopicSource,
    string TopicValue,
    string? TopicWebUrl,
    string? PreviewText,
    IReadOnlyDictionary<string, string> TemplateParameters,
    JsonObject Body);

/// <summary>
/// Teams activity-feed notifications as Graph documents them (<c>POST /users/{userId}/teamwork/sendActivityNotification</c>):
/// 204 No Content when taken; 403 without the application permission <c>TeamsActivity.Send</c>; 404 for a user the
/// tenant does not have; 403 for a user who does not have the Teams app installed ("Ensure that the expected Teams
/// app is installed in the target scope"); 400 for an activity type the app's manifest does not declare (the reserved
/// <c>systemDefault</c> aside), a template parameter missing or not declared, or a text topic without its
/// <c>webUrl</c>. What it took is in <see cref="ActivityNotifications"/>.
/// </summary>
public sealed partial class FakeGraphServer
{
    private static readonly string[] ActivityNotificationFields = ["topic", "activityType", "chainId", "previewText", "templateParameters", "teamsAppId"];

    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> activityTypes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> feedUsers = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<SentActivityNotification> activityNotifications = new();

    /// <summary>Whether the app has been granted <c>TeamsActivity.Send</c>; without it every notification is refused (403).</summary>
    public bool TeamsActivitySendGranted { get; set; } = true;

    /// <summary>The notifications Graph took, in arrival order.</summary>
    public IReadOnlyList<SentActivityNotification> ActivityNotifications => [.. activityNotifications];

    /// <summary>
    /// Declares an activity type as the app's manifest does (<c>activities.activityTypes</c>): its template text with
    /// <c>{parameters}</c>; <c>{actor}</c> is Teams' own (the app's name) and is not sent.
    /// </summary>
    public void DeclareActivityType(string type, string templateText)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        ArgumentNullException.ThrowIfNull(templateText);
        activityTypes[type] = [.. TemplateParameter().Matches(templateText).Select(m => m.Groups[1].Value).Where(p => p != "actor").Distinct()];
    }

    /// <summary>Declares the activity types of the repository's manifest (<see cref="TeamsAppManifest"/>), as installing the app does.</summary>
    public void DeclareManifestActivityTypes()
    {
        foreach (var (type, templateText) in TeamsAppManifest.ActivityTypes())
        {
            DeclareActivityType(type, templateText);
        }
    }

    /// <summary>A user of the tenant for the activity feed, with the Teams app installed for them or not.</summary>
    public void AddFeedUser(string userId, bool appInstalled = true) => feedUsers[userId] = appInstalled;

    private GraphResult SendActivityNotification(string userId, JsonObject body)
    {
        OnlyKnown(body, ActivityNotificationFields, "POST sendActivityNotification");
        if (!TeamsActivitySendGranted)
        {
            throw new GraphErrorException(403, "Forbidden", "Missing role permissions on the request. API requires one of 'TeamsActivity.Send, TeamsActivity.Send.User'. Roles on the request ''.");
        }

        // A user of the directory (a member of a group) or one added for the feed; installed for the feed, or with an
        // app installed in their personal scope (through Graph or by themselves).
        if (!feedUsers.TryGetValue(userId, out var installed) && !IsDirectoryUser(userId))
        {
            throw new GraphErrorException(404, "NotFound", $"User '{userId}' was not found.");
        }

        if (!installed && !HasInstalledApp(userId))
        {
            throw new GraphErrorException(403, "Forbidden", "The app is not authorized to send notifications to the recipient. Ensure that the expected Teams app is installed in the target scope (user, team, or chat).");
        }

        var topic = body["topic"] as JsonObject ?? throw new GraphErrorException(400, "BadRequest", "The topic is required.");
        OnlyKnown(topic, ["source", "value", "webUrl"], "sendActivityNotification topic");
        var source = FeedText(topic, "source") ?? throw new GraphErrorException(400, "BadRequest", "The topic's source is required.");
        var value = FeedText(topic, "value") ?? throw new GraphErrorException(400, "BadRequest", "The topic's value is required.");
        var webUrl = FeedText(topic, "webUrl");
        if (source != "text")
        {
            throw new NotImplementedByFakeException($"topic source '{source}'");
        }

        if (!Uri.TryCreate(webUrl, UriKind.Absolute, out var link) || link.Scheme != Uri.UriSchemeHttps)
        {
            throw new GraphErrorException(400, "BadRequest", "webUrl is required when the topic source is text, as an https address.");
        }

        var type = FeedText(body, "activityType") ?? throw new GraphErrorException(400, "BadRequest", "The activityType is required.");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var parameter in body["templateParameters"] as JsonArray ?? [])
        {
            if (parameter is not JsonObject pair || FeedText(pair, "name") is not { } name || FeedText(pair, "value") is not { } parameterValue)
            {
                throw new GraphErrorException(400, "BadRequest", "Each template parameter needs a name and a value.");
            }

            OnlyKnown(pair, ["name", "value"], "sendActivityNotification templateParameters");
            parameters[name] = parameterValue;
        }

        if (type == "systemDefault")
        {
            throw new NotImplementedByFakeException("the systemDefault activity type");
        }

        if (!activityTypes.TryGetValue(type, out var declared))
        {
            throw new GraphErrorException(400, "BadRequest", $"Activity type '{type}' is not declared in the app manifest.");
        }

        var missing = declared.Where(p => !parameters.ContainsKey(p)).ToList();
        var extra = parameters.Keys.Where(p => !declared.Contains(p)).ToList();
        if (missing.Count > 0 || extra.Count > 0)
        {
            throw new GraphErrorException(400, "BadRequest", $"Template parameters do not match activity type '{type}': missing {string.Join(", ", missing)}; not declared {string.Join(", ", extra)}.");
        }

        string? preview = null;
        if (body["previewText"] is JsonObject previewText)
        {
            OnlyKnown(previewText, ["content", "contentType"], "sendActivityNotification previewText");
            preview = FeedText(previewText, "content");
        }

        activityNotifications.Enqueue(new SentActivityNotification(userId, type, source, value, webUrl, preview, parameters, (JsonObject)body.DeepClone()));
        return GraphResult.NoContent();
    }

    private static string? FeedText(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    [GeneratedRegex(@"\{([A-Za-z0-9_]+)\}")]
    private static partial Regex TemplateParameter();
}
