using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Workflow;

/// <summary>
/// Decides who hears about a change and how. The notifications are saved with the change itself (the
/// outbox), so none is lost; their keys include the request version, so none is saved twice. Each notice says
/// what was written (the question, the reason, the outcome), shortened past <see cref="QuoteMax"/> characters,
/// so it reads on its own however far up the chat the request's card is; a question comes as a small card the
/// requester can answer from. With the activity feed on (<see cref="ActivityFeedOptions"/>), an assignment and a
/// question also raise a Teams activity-feed notification to the person they are for (<see cref="ActivityFeedText"/>).
/// Where a request's files are shared from a document library (<see cref="IDocumentSharing"/>), a change of assignee
/// also shares them again with the request's parties as they now are (<see cref="NotificationKinds.ShareDocuments"/>).
/// </summary>
public sealed class NotificationPlanner(AccessPolicy access, IOptions<TriageOptions> triage, IOptions<ActivityFeedOptions>? feed = null, IDocumentStore? documents = null)
{
    /// <summary>What someone wrote is quoted up to this many characters, then cut with an ellipsis.</summary>
    public const int QuoteMax = NoticeCard.QuoteMax;

    /// <summary>The legal team's recipients: the triage channel and, if configured, each staff member.</summary>
    public IReadOnlyList<string> TriageRecipients() =>
        [Notification.TriageChannel, .. triage.Value.NotifyStaffDirectly ? access.LegalStaff : []];

    /// <summary>Said in the requester's 1:1 chat, before the request's card, when the request was filed elsewhere.</summary>
    public const string FiledElsewhereText = "Your legal request was filed from a Teams dialog. Here is its card; I'll keep you posted in this chat.";

    /// <summary>
    /// For a newly filed request: its triage card to the legal team and, when it was filed outside the requester's
    /// 1:1 chat (<paramref name="requesterToTell"/>), a line and the request's card in that chat.
    /// </summary>
    public IReadOnlyList<Notification> ForNewRequest(string submissionKey, string? requesterToTell = null)
    {
        var list = TriageRecipients().Select(r => new Notification($"new:{submissionKey}:{r}", default, r, NotificationKinds.Card, null)).ToList();
        if (!string.IsNullOrWhiteSpace(requesterToTell))
        {
            list.Add(new Notification($"new:{submissionKey}:requester:text", default, requesterToTell, NotificationKinds.Text, FiledElsewhereText));
            list.Add(new Notification($"new:{submissionKey}:requester:card", default, requesterToTell, NotificationKinds.Card, null));
        }

        return list;
    }

    /// <summary>For an applied change, from the request as it was (<paramref name="before"/>) to the change.</summary>
    public IReadOnlyList<Notification> ForChange(LegalRequest before, RequestChange change, WorkflowAction action)
    {
        var n = before.Number;
        var version = change.ExpectedVersion + 1;
        var list = new List<Notification>();
        void Add(string recipient, string kind, string? text = null, ActivityFeedNotice? alsoInFeed = null)
        {
            if (!string.Equals(recipient, change.Actor.AadObjectId, StringComparison.OrdinalIgnoreCase) || kind == NotificationKinds.Refresh)
            {
                var key = $"{n}:v{version}:{kind}:{recipient}";
                list.Add(new Notification(key, n, recipient, kind, text));
                if (alsoInFeed is not null && feed?.Value.Enabled == true)
                {
                    list.Add(ActivityFeedText.Row(key, alsoInFeed));
                }
            }
        }

        var requester = before.Requester.AadObjectId;
        var assignee = before.AssignedTo?.AadObjectId;
        var newAssignee = change.ChangesAssignee ? change.Assignee?.AadObjectId : assignee;
        // Notices are posted as plain text (no Markdown), so names and quotes read exactly as written.
        var who = change.Actor.Name;
        var to = change.To.Describe();
        var note = change.Note;

        // "<line>: “<what was written>”." or, with nothing written, "<line>." Notices go out as plain text, so
        // what was written reads exactly as typed.
        string Says(string line, string after = ".") =>
            string.IsNullOrWhiteSpace(note) ? line + after : $"{line}: “{CardText.Clip(note, QuoteMax)}”{after}";

        Add(NotificationKinds.Everyone, NotificationKinds.Refresh);
        if (change.ChangesAssignee && documents is IDocumentSharing
            && !string.Equals(change.Assignee?.AadObjectId, assignee, StringComparison.OrdinalIgnoreCase))
        {
            // The request's files follow its parties: the new professional gains them, the one before loses them.
            list.Add(Documents.DocumentParties.SharingRow($"{n}:v{version}:{NotificationKinds.ShareDocuments}", n));
        }

        switch (action)
        {
            case WorkflowAction.Assign or WorkflowAction.Reassign:
                Add(newAssignee!, NotificationKinds.Card);
                Add(newAssignee!, NotificationKinds.Text, $"New assignment from {who}: {n}. Please accept or decline it on the card.", ActivityFeedText.Assigned(newAssignee!, n, who));
                if (assignee is not null && assignee != newAssignee)
                {
                    Add(assignee, NotificationKinds.Text, $"{n} was reassigned by {who}; it is no longer with you.");
                }

                Add(requester, NotificationKinds.Text, $"{n} has been assigned to {change.Assignee!.Name}.");
                break;
            case WorkflowAction.AskForInfo:
                Add(requester, NotificationKinds.Card);
                Add(requester, NotificationKinds.Notice, new Notice($"The legal team needs more information on {n}:", note ?? "", WorkflowAction.ProvideInfo, version).Serialize(), ActivityFeedText.Question(requester, n, who));
                break;
            case WorkflowAction.AskRequester:
                Add(requester, NotificationKinds.Card);
                Add(requester, NotificationKinds.Notice, new Notice($"{who} has a question on {n}:", note ?? "", WorkflowAction.Answer, version).Serialize(), ActivityFeedText.Question(requester, n, who));
                break;
            case WorkflowAction.ProvideInfo:
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, Says($"{who} added information to {n}", "; it is back in triage."));
                }

                break;
            case WorkflowAction.Answer:
                Add(assignee!, NotificationKinds.Text, Says($"{who} answered your question on {n}"));
                break;
            case WorkflowAction.Decline:
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, Says($"{who} declined {n}", "; it is back in triage."));
                }

                Add(requester, NotificationKinds.Text, $"{n} is back with the legal team for a new assignment.");
                break;
            case WorkflowAction.Reject:
                Add(requester, NotificationKinds.Text, Says($"{n} was rejected by {who}"));
                break;
            case WorkflowAction.Complete:
                Add(requester, NotificationKinds.Card);
                var hours = change.HoursSpent is { } h ? $" after {h.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} hours" : "";
                Add(requester, NotificationKinds.Text, Says($"{n} was completed by {who}{hours}", ". You can rate the work on the request card."));
                break;
            case WorkflowAction.Cancel:
                if (assignee is not null)
                {
                    Add(assignee, NotificationKinds.Text, Says($"{n} was cancelled by {who}"));
                }

                Add(requester, NotificationKinds.Text, Says($"{n} was cancelled by {who}"));
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, Says($"{n} was cancelled by {who}"));
                }

                break;
            case WorkflowAction.Rate:
                break;
            case WorkflowAction.AcceptRequestedDate:
                var due = change.TargetDate is { } date ? TimeText.Date(date) : "";
                Add(requester, NotificationKinds.Text, $"{who} accepted your requested due date for {n}: it is now due {due}.");
                if (assignee is not null)
                {
                    Add(assignee, NotificationKinds.Text, $"{n} is now due {due}, the requester's date, accepted by {who}.");
                }

                break;
            default:
                Add(requester, NotificationKinds.Text, $"{n} is now {to}.");
                break;
        }

        return list;
    }
}
