using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Workflow;

/// <summary>
/// Decides who hears about a change and how. The notifications are saved with the change itself (the
/// outbox), so none is lost; their keys include the request version, so none is saved twice.
/// </summary>
public sealed class NotificationPlanner(AccessPolicy access, IOptions<TriageOptions> triage)
{
    /// <summary>The legal team's recipients: the triage channel and, if configured, each staff member.</summary>
    public IReadOnlyList<string> TriageRecipients() =>
        [Notification.TriageChannel, .. triage.Value.NotifyStaffDirectly ? access.LegalStaff : []];

    /// <summary>For a newly filed request: its triage card to the legal team.</summary>
    public IReadOnlyList<Notification> ForNewRequest(string submissionKey) =>
        [.. TriageRecipients().Select(r => new Notification($"new:{submissionKey}:{r}", default, r, NotificationKinds.Card, null))];

    /// <summary>For an applied change, from the request as it was (<paramref name="before"/>) to the change.</summary>
    public IReadOnlyList<Notification> ForChange(LegalRequest before, RequestChange change, WorkflowAction action)
    {
        var n = before.Number;
        var version = change.ExpectedVersion + 1;
        var list = new List<Notification>();
        void Add(string recipient, string kind, string? text = null)
        {
            if (!string.Equals(recipient, change.Actor.AadObjectId, StringComparison.OrdinalIgnoreCase) || kind == NotificationKinds.Refresh)
            {
                list.Add(new Notification($"{n}:v{version}:{kind}:{recipient}", n, recipient, kind, text));
            }
        }

        var requester = before.Requester.AadObjectId;
        var assignee = before.AssignedTo?.AadObjectId;
        var newAssignee = change.ChangesAssignee ? change.Assignee?.AadObjectId : assignee;
        // Notices are posted as plain text (no Markdown), so names and quotes read exactly as written.
        var who = change.Actor.Name;
        var to = change.To.Describe();

        Add(NotificationKinds.Everyone, NotificationKinds.Refresh);
        switch (action)
        {
            case WorkflowAction.Assign or WorkflowAction.Reassign:
                Add(newAssignee!, NotificationKinds.Card);
                Add(newAssignee!, NotificationKinds.Text, $"New assignment from {who}: {n}. Please accept or decline it on the card.");
                if (assignee is not null && assignee != newAssignee)
                {
                    Add(assignee, NotificationKinds.Text, $"{n} was reassigned by {who}; it is no longer with you.");
                }

                Add(requester, NotificationKinds.Text, $"{n} has been assigned to {change.Assignee!.Name}.");
                break;
            case WorkflowAction.AskForInfo:
                Add(requester, NotificationKinds.Card);
                Add(requester, NotificationKinds.Text, $"The legal team needs more information on {n}: answer on the request card, or type answer {n} followed by your answer.");
                break;
            case WorkflowAction.AskRequester:
                Add(requester, NotificationKinds.Card);
                Add(requester, NotificationKinds.Text, $"{who} has a question on {n}: answer on the request card, or type answer {n} followed by your answer.");
                break;
            case WorkflowAction.ProvideInfo:
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, $"{who} added information to {n}; it is back in triage.");
                }

                break;
            case WorkflowAction.Answer:
                Add(assignee!, NotificationKinds.Text, $"{who} answered your question on {n}.");
                break;
            case WorkflowAction.Decline:
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, $"{who} declined {n}; it is back in triage.");
                }

                Add(requester, NotificationKinds.Text, $"{n} is back with the legal team for a new assignment.");
                break;
            case WorkflowAction.Complete:
                Add(requester, NotificationKinds.Card);
                Add(requester, NotificationKinds.Text, $"{n} is completed. You can rate the work on the request card.");
                break;
            case WorkflowAction.Cancel:
                if (assignee is not null)
                {
                    Add(assignee, NotificationKinds.Text, $"{n} was cancelled by {who}.");
                }

                Add(requester, NotificationKinds.Text, $"{n} was cancelled.");
                foreach (var r in TriageRecipients())
                {
                    Add(r, NotificationKinds.Text, $"{n} was cancelled by {who}.");
                }

                break;
            case WorkflowAction.Rate:
                break;
            default:
                Add(requester, NotificationKinds.Text, $"{n} is now {to}.");
                break;
        }

        return list;
    }
}
