namespace LegalBot.Application.Workflow;

/// <summary>What a notification asks the dispatcher to do.</summary>
public static class NotificationKinds
{
    /// <summary>Post the recipient's own card for the request, or update it in place if one was posted.</summary>
    public const string Card = "card";

    /// <summary>Post a short text message to the recipient.</summary>
    public const string Text = "text";

    /// <summary>Post a notice card: a line, what someone wrote, and a box to answer it (<see cref="Notice"/> as the text).</summary>
    public const string Notice = "notice";

    /// <summary>Update every card already posted for the request (recipient <see cref="Everyone"/>).</summary>
    public const string Refresh = "refresh";

    /// <summary>Post a legal staff member's daily digest card (<see cref="Reminders.DigestText"/> as the text).</summary>
    public const string Digest = "digest";

    /// <summary>
    /// Raise a Teams activity-feed notification (<see cref="ActivityFeedText"/> as the text, to
    /// <see cref="ActivityFeedText.Recipient"/>) beside a chat notification; its failure is never shown on a card.
    /// </summary>
    public const string ActivityFeed = "activity-feed";

    /// <summary>
    /// Share the request's documents with its parties as they now are (<see cref="LegalBot.Application.Documents.DocumentParties.ShareAsync"/>,
    /// to <see cref="Documents"/>): planned when the assignee changes, and when sharing a file just kept failed.
    /// </summary>
    public const string ShareDocuments = "share-documents";

    public const string Everyone = "*";

    /// <summary>The recipient of a <see cref="ShareDocuments"/> row: nobody is messaged.</summary>
    public const string Documents = "documents";
}
