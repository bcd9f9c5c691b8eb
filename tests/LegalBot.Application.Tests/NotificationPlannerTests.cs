using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Tests;

public sealed class NotificationPlannerTests
{
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly Person Staff = new("aad-staff", "Legal Counsel");
    private static readonly Person Professional = new("aad-alsp", "ALSP Professional One");

    private static readonly NotificationPlanner Planner = new(
        new AccessPolicy(new RoleOptions { LegalStaff = [Staff.AadObjectId] }),
        Options.Create(new TriageOptions { NotifyStaffDirectly = true, ChannelConversationId = "19:triage" }));

    private static LegalRequest Request(RequestState state, Person? assignee = null) => SampleRequests.Nda(Requester, state, assignee);

    private static readonly NotificationPlanner WithActivityFeed = new(
        new AccessPolicy(new RoleOptions { LegalStaff = [Staff.AadObjectId] }),
        Options.Create(new TriageOptions { NotifyStaffDirectly = true, ChannelConversationId = "19:triage" }),
        Options.Create(new ActivityFeedOptions { Enabled = true }));

    private static IReadOnlyList<Notification> Plan(LegalRequest before, WorkflowAction action, Person actor, RequestState to, string? note, decimal? hours = null, NotificationPlanner? planner = null) =>
        (planner ?? Planner).ForChange(before, new RequestChange
        {
            ChangeId = "change-1",
            Number = before.Number,
            ExpectedVersion = before.Version,
            To = to,
            Actor = actor,
            Action = action.ToString(),
            Note = note,
            HoursSpent = hours,
            At = before.UpdatedAt,
            Assignee = action == WorkflowAction.Assign ? Professional : null,
            ChangesAssignee = action == WorkflowAction.Assign,
        }, action);

    private static string TextTo(IReadOnlyList<Notification> plan, string recipient) =>
        Assert.Single(plan, n => n.Recipient == recipient && n.Kind == NotificationKinds.Text).Text!;

    [Theory]
    [InlineData(WorkflowAction.AskRequester, RequestState.InProgress, RequestState.WaitingOnRequester, WorkflowAction.Answer, "ALSP Professional One has a question on LR-1042:")]
    [InlineData(WorkflowAction.AskForInfo, RequestState.InTriage, RequestState.NeedsInfo, WorkflowAction.ProvideInfo, "The legal team needs more information on LR-1042:")]
    public void Question_ReachesTheRequesterAsANoticeQuotingIt_AnswerableForTheNewVersion(WorkflowAction action, RequestState from, RequestState to, WorkflowAction answer, string line)
    {
        var actor = action == WorkflowAction.AskRequester ? Professional : Staff;
        var plan = Plan(Request(from, action == WorkflowAction.AskRequester ? Professional : null), action, actor, to, "Which entity signs?");

        var notice = Notice.Parse(Assert.Single(plan, n => n.Recipient == Requester.AadObjectId && n.Kind == NotificationKinds.Notice).Text);
        Assert.Equal(new Notice(line, "Which entity signs?", answer, 4), notice);
        Assert.Single(plan, n => n.Recipient == Requester.AadObjectId && n.Kind == NotificationKinds.Card);
        Assert.DoesNotContain(plan, n => n.Recipient == Requester.AadObjectId && n.Kind == NotificationKinds.Text);
        Assert.Equal("LR-1042:v4:notice:aad-requester", plan.Single(n => n.Kind == NotificationKinds.Notice).Key);
    }

    [Fact]
    public void WithTheActivityFeedOn_AnAssignmentAndAQuestion_AlsoRaiseAFeedNotification_WithTheNumberAndAName_NothingWritten()
    {
        var assign = Plan(Request(RequestState.InTriage), WorkflowAction.Assign, Staff, RequestState.Assigned, "Urgent: the Acme deal closes Friday.", planner: WithActivityFeed);
        var ask = Plan(Request(RequestState.InProgress, Professional), WorkflowAction.AskRequester, Professional, RequestState.WaitingOnRequester, "Which entity signs?", planner: WithActivityFeed);
        var askForInfo = Plan(Request(RequestState.InTriage), WorkflowAction.AskForInfo, Staff, RequestState.NeedsInfo, "Which entity signs?", planner: WithActivityFeed);

        var assigned = Assert.Single(assign, n => n.Kind == NotificationKinds.ActivityFeed);
        Assert.Equal(("LR-1042:v4:text:aad-alsp:feed", ActivityFeedText.Recipient(Professional.AadObjectId)), (assigned.Key, assigned.Recipient));
        var notice = ActivityFeedText.Parse(assigned)!;
        Assert.Equal((Professional.AadObjectId, ActivityFeedTypes.Assigned), (notice.UserId, notice.ActivityType));
        Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = "LR-1042", ["assignedBy"] = "Legal Counsel" }, notice.TemplateParameters);
        foreach (var (plan, askedBy) in new[] { (ask, "ALSP Professional One"), (askForInfo, "Legal Counsel") })
        {
            var question = ActivityFeedText.Parse(Assert.Single(plan, n => n.Kind == NotificationKinds.ActivityFeed))!;
            Assert.Equal((Requester.AadObjectId, ActivityFeedTypes.Question), (question.UserId, question.ActivityType));
            Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = "LR-1042", ["askedBy"] = askedBy }, question.TemplateParameters);
        }

        Assert.All(assign.Concat(ask).Concat(askForInfo).Where(n => n.Kind == NotificationKinds.ActivityFeed), n =>
        {
            Assert.DoesNotContain("Acme", n.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("entity", n.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void WithTheActivityFeedOff_NothingIsRaisedInTheFeed()
    {
        var assign = Plan(Request(RequestState.InTriage), WorkflowAction.Assign, Staff, RequestState.Assigned, null);
        var ask = Plan(Request(RequestState.InProgress, Professional), WorkflowAction.AskRequester, Professional, RequestState.WaitingOnRequester, "Which entity signs?");

        Assert.DoesNotContain(assign.Concat(ask), n => n.Kind == NotificationKinds.ActivityFeed);
    }

    [Fact]
    public void AcceptingTheRequestedDate_TellsTheRequesterAndTheProfessionalTheNewDueDate_AndRefreshesTheCards()
    {
        var before = Request(RequestState.InProgress, Professional);
        var plan = Planner.ForChange(before, new RequestChange
        {
            ChangeId = "change-1",
            Number = before.Number,
            ExpectedVersion = before.Version,
            To = RequestState.InProgress,
            Actor = Staff,
            Action = "acceptRequestedDate",
            At = before.UpdatedAt,
            TargetDate = new DateOnly(2026, 12, 1),
        }, WorkflowAction.AcceptRequestedDate);

        Assert.Equal("Legal Counsel accepted your requested due date for LR-1042: it is now due 1 Dec 2026.", TextTo(plan, Requester.AadObjectId));
        Assert.Equal("LR-1042 is now due 1 Dec 2026, the requester's date, accepted by Legal Counsel.", TextTo(plan, Professional.AadObjectId));
        Assert.Single(plan, n => n.Kind == NotificationKinds.Refresh);
        Assert.DoesNotContain(plan, n => n.Recipient == Staff.AadObjectId && n.Kind == NotificationKinds.Text);
    }

    [Fact]
    public void Decline_TellsTheLegalTeamTheReason()
    {
        var plan = Plan(Request(RequestState.Assigned, Professional), WorkflowAction.Decline, Professional, RequestState.InTriage, "Conflict of interest.");

        Assert.Equal("ALSP Professional One declined LR-1042: “Conflict of interest.”; it is back in triage.", TextTo(plan, Staff.AadObjectId));
        Assert.Equal("ALSP Professional One declined LR-1042: “Conflict of interest.”; it is back in triage.", TextTo(plan, Notification.TriageChannel));
        Assert.Equal("LR-1042 is back with the legal team for a new assignment.", TextTo(plan, Requester.AadObjectId));
    }

    [Fact]
    public void Reject_TellsTheRequesterTheReason()
    {
        var plan = Plan(Request(RequestState.InTriage), WorkflowAction.Reject, Staff, RequestState.Rejected, "Use the standard template.");

        Assert.Equal("LR-1042 was rejected by Legal Counsel: “Use the standard template.”.", TextTo(plan, Requester.AadObjectId));
    }

    [Fact]
    public void Complete_TellsTheRequesterTheOutcomeAndTheHours()
    {
        var plan = Plan(Request(RequestState.InProgress, Professional), WorkflowAction.Complete, Professional, RequestState.Completed, "Signed on our paper.", 3.5m);

        Assert.Equal(
            "LR-1042 was completed by ALSP Professional One after 3.5 hours: “Signed on our paper.”. You can rate the work on the request card.",
            TextTo(plan, Requester.AadObjectId));
    }

    [Fact]
    public void AnswerAndAddedInformation_CarryWhatWasWritten()
    {
        var answered = Plan(Request(RequestState.WaitingOnRequester, Professional), WorkflowAction.Answer, Requester, RequestState.InProgress, "EU only.");
        var provided = Plan(Request(RequestState.NeedsInfo), WorkflowAction.ProvideInfo, Requester, RequestState.InTriage, "Contoso Ltd signs.");

        Assert.Equal("Business Requester answered your question on LR-1042: “EU only.”.", TextTo(answered, Professional.AadObjectId));
        Assert.Equal("Business Requester added information to LR-1042: “Contoso Ltd signs.”; it is back in triage.", TextTo(provided, Staff.AadObjectId));
    }

    [Fact]
    public void Cancel_WithAReason_QuotesIt_ToEveryoneButWhoCancelled()
    {
        var plan = Plan(Request(RequestState.InProgress, Professional), WorkflowAction.Cancel, Requester, RequestState.Cancelled, "No longer needed.");

        Assert.Equal("LR-1042 was cancelled by Business Requester: “No longer needed.”.", TextTo(plan, Professional.AadObjectId));
        Assert.Equal("LR-1042 was cancelled by Business Requester: “No longer needed.”.", TextTo(plan, Staff.AadObjectId));
        Assert.DoesNotContain(plan, n => n.Recipient == Requester.AadObjectId);
    }

    [Fact]
    public void LongText_IsShortenedWithAnEllipsis_AndQuotedExactlyAsTyped()
    {
        var plan = Plan(Request(RequestState.Assigned, Professional), WorkflowAction.Decline, Professional, RequestState.InTriage, "**No** [x](https://evil.example) " + new string('r', 1000));

        var text = TextTo(plan, Staff.AadObjectId);
        Assert.Contains(new string('r', 200) + "…”", text);
        Assert.DoesNotContain(new string('r', NotificationPlanner.QuoteMax), text);
        // Text notices go out as plain text (the dispatcher sets textFormat), so the quote is kept as typed.
        Assert.Contains("“**No** [x](https://evil.example) rrr", text);
    }
}
