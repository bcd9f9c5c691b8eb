using System.Text.Json;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Workflow;

/// <summary>
/// The outbox rows that raise a Teams activity-feed notification (<see cref="NotificationKinds.ActivityFeed"/>), planned
/// beside the chat notification they repeat. Each row is addressed to <see cref="Recipient"/> (the person's id with a
/// prefix of its own), so the dispatcher delivers it apart from the person's chat messages: a feed notification waiting
/// for a retry never holds back their chat, nor the other way round. What the row carries, and so what the feed shows,
/// is the request number, a date and people's names: never a title, a description or a note.
/// </summary>
public static class ActivityFeedText
{
    public const string RecipientPrefix = "activity-feed:";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The outbox recipient of a feed notification to <paramref name="userId"/>.</summary>
    public static string Recipient(string userId) => RecipientPrefix + userId;

    /// <summary>The row raising <paramref name="notice"/>, keyed after the chat notification it goes with.</summary>
    public static Notification Row(string chatKey, ActivityFeedNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var row = new Payload(notice.UserId, notice.ActivityType, new Dictionary<string, string>(notice.TemplateParameters, StringComparer.Ordinal), notice.PreviewText);
        return new Notification(chatKey + ":feed", notice.Number, Recipient(notice.UserId), NotificationKinds.ActivityFeed, JsonSerializer.Serialize(row, Json));
    }

    /// <summary>The notice a row carries; null when the row is not one.</summary>
    public static ActivityFeedNotice? Parse(Notification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        if (notification.Kind != NotificationKinds.ActivityFeed || string.IsNullOrEmpty(notification.Text))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<Payload>(notification.Text, Json) is { UserId: { Length: > 0 } user, ActivityType: { Length: > 0 } type, Parameters: { } parameters, Preview: { } preview }
                ? new ActivityFeedNotice(user, notification.Number, type, parameters, preview)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>A request assigned to the professional <paramref name="userId"/> by <paramref name="assignedBy"/>.</summary>
    public static ActivityFeedNotice Assigned(string userId, RequestNumber number, string assignedBy) => new(
        userId,
        number,
        ActivityFeedTypes.Assigned,
        new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = number.ToString(), [ActivityFeedTypes.AssignedBy] = assignedBy },
        $"{number} is assigned to you. Accept or decline it on its card in the chat with LegalBot.");

    /// <summary>A question for the requester <paramref name="userId"/> from <paramref name="askedBy"/> (what was asked stays in the chat).</summary>
    public static ActivityFeedNotice Question(string userId, RequestNumber number, string askedBy) => new(
        userId,
        number,
        ActivityFeedTypes.Question,
        new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = number.ToString(), [ActivityFeedTypes.AskedBy] = askedBy },
        $"{askedBy} asked a question on {number}. Answer it in the chat with LegalBot.");

    /// <summary>A request past its due date, for the professional working on it or a legal staff member.</summary>
    public static ActivityFeedNotice Overdue(string userId, RequestNumber number, DateOnly due) => new(
        userId,
        number,
        ActivityFeedTypes.Overdue,
        new Dictionary<string, string> { [ActivityFeedTypes.RequestNumber] = number.ToString(), [ActivityFeedTypes.DueDate] = TimeText.Date(due) },
        $"{number} was due {TimeText.Date(due)}. Its card is in the chat with LegalBot.");

    private sealed record Payload(string UserId, string ActivityType, Dictionary<string, string> Parameters, string Preview);
}
