using System.Net;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Sending;

/// <summary>
/// The activity types the bot raises in a person's Teams activity feed, each with its template parameters. They must be
/// declared in the Teams app manifest (<c>activities.activityTypes</c>) with a <c>templateText</c> naming exactly these
/// parameters; Teams refuses a type it does not know. The values are a request number, a date and people's names, never
/// anything written on a request: the feed shows outside the bot's access control (on a lock screen, a phone).
/// </summary>
public static class ActivityFeedTypes
{
    /// <summary>A request was assigned to the recipient, an ALSP professional.</summary>
    public const string Assigned = "requestAssigned";

    /// <summary>The legal team or the ALSP professional asked the recipient, the requester, a question.</summary>
    public const string Question = "requestQuestion";

    /// <summary>A request the recipient works on or oversees is past its due date.</summary>
    public const string Overdue = "requestOverdue";

    public const string RequestNumber = "requestNumber";
    public const string AssignedBy = "assignedBy";
    public const string AskedBy = "askedBy";
    public const string DueDate = "dueDate";

    /// <summary>Each type the bot sends and the template parameters it gives it, in the manifest's order.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> Parameters = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        [Assigned] = [RequestNumber, AssignedBy],
        [Question] = [RequestNumber, AskedBy],
        [Overdue] = [RequestNumber, DueDate],
    };
}

/// <summary>One activity-feed notification for one person about one request.</summary>
/// <param name="UserId">The recipient's Microsoft Entra object id.</param>
/// <param name="ActivityType">One of <see cref="ActivityFeedTypes"/>.</param>
/// <param name="TemplateParameters">The type's parameters (<see cref="ActivityFeedTypes.Parameters"/>), by name.</param>
/// <param name="PreviewText">The line under the title; Teams shows up to 150 characters.</param>
public sealed record ActivityFeedNotice(string UserId, RequestNumber Number, string ActivityType, IReadOnlyDictionary<string, string> TemplateParameters, string PreviewText);

/// <summary>Raises notifications in people's Teams activity feed (Microsoft Graph <c>sendActivityNotification</c>).</summary>
public interface IActivityFeed
{
    /// <summary>Sends one notification; throws <see cref="ActivityFeedException"/> when the service refuses it.</summary>
    Task SendAsync(ActivityFeedNotice notice, CancellationToken cancellationToken);
}

/// <summary>The service refused an activity-feed notification: its HTTP status, error code and, when throttled, when to come back.</summary>
public sealed class ActivityFeedException : Exception
{
    public ActivityFeedException(HttpStatusCode status, string? code, TimeSpan? retryAfter = null)
        : base($"The activity feed notification was refused: HTTP {(int)status}{(code is null ? "" : " " + code)}")
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
    }

    public ActivityFeedException()
        : this(HttpStatusCode.InternalServerError, null)
    {
    }

    public ActivityFeedException(string message)
        : base(message)
    {
    }

    public ActivityFeedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public HttpStatusCode Status { get; } = HttpStatusCode.InternalServerError;

    public string? Code { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>
    /// Whether trying again later may succeed: throttling (429), a timeout (408) or a service error (5xx). A refusal
    /// (403: the permission not granted or the app not installed for the user; 404: no such user; 400) stands.
    /// </summary>
    public bool Transient => Status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout || (int)Status >= 500;
}

/// <summary>
/// The <c>Notifications:ActivityFeed</c> settings: whether assignments, questions and overdue notices also raise a Teams
/// activity-feed notification (Microsoft 365 mode only; the tenant grants the app <c>TeamsActivity.Send</c>).
/// </summary>
public sealed class ActivityFeedOptions
{
    public const string Section = "Notifications:ActivityFeed";

    public bool Enabled { get; set; }

    /// <summary>
    /// The bot's Microsoft App id (its Entra app registration's client id): the notification opens the chat with the bot
    /// there. Defaults to <c>MicrosoftAppId</c>.
    /// </summary>
    public string? BotAppId { get; set; }

    /// <summary>The Teams deep link that opens the recipient's 1:1 chat with the bot, where the request's card is.</summary>
    public static Uri BotChatLink(string botAppId) =>
        new("https://teams.microsoft.com/l/chat/0/0?users=28:" + botAppId);
}
