using LegalBot.Core.Requests;
using static LegalBot.Core.Requests.RequestState;

namespace LegalBot.Core.Workflow;

/// <summary>One allowed move: from any of <see cref="From"/>, by <see cref="By"/>, to <see cref="To"/>.</summary>
/// <param name="To">The new state; the same state for actions that only record something (rating).</param>
public sealed record Transition(WorkflowAction Action, IReadOnlyList<RequestState> From, RequestState To, Party By, Needs Needs)
{
    public bool Allows(RequestState state) => From.Contains(state);
}

/// <summary>
/// The request workflow as a table: submitted → in triage → assigned → in progress ⇄ waiting on
/// requester → completed; kept in-house; needs info; declined (back to triage); rejected; cancelled.
/// Any move not listed here is refused.
/// </summary>
public static class WorkflowTable
{
    private static readonly RequestState[] Untriaged = [Submitted, InTriage];
    private static readonly RequestState[] BeforeWork = [Submitted, InTriage, NeedsInfo, Assigned];
    private static readonly RequestState[] Open = [Submitted, InTriage, NeedsInfo, Assigned, InProgress, WaitingOnRequester, KeptInHouse];
    private static readonly RequestState[] ServiceLevelStates = [Submitted, InTriage, NeedsInfo, Assigned, InProgress, WaitingOnRequester];

    public static IReadOnlyList<Transition> Transitions { get; } =
    [
        new(WorkflowAction.Assign, Untriaged, Assigned, Party.LegalStaff, Needs.Assignee),
        new(WorkflowAction.Reassign, [Assigned, InProgress, WaitingOnRequester], Assigned, Party.LegalStaff, Needs.Assignee),
        new(WorkflowAction.KeepInHouse, Untriaged, KeptInHouse, Party.LegalStaff, Needs.Nothing),
        new(WorkflowAction.AskForInfo, Untriaged, NeedsInfo, Party.LegalStaff, Needs.Note),
        new(WorkflowAction.ProvideInfo, [NeedsInfo], InTriage, Party.Requester, Needs.Note),
        new(WorkflowAction.Reject, [Submitted, InTriage, NeedsInfo], Rejected, Party.LegalStaff, Needs.Note),
        new(WorkflowAction.Accept, [Assigned], InProgress, Party.AssignedProfessional, Needs.Nothing),
        new(WorkflowAction.Decline, [Assigned], InTriage, Party.AssignedProfessional, Needs.Note),
        new(WorkflowAction.AskRequester, [InProgress], WaitingOnRequester, Party.AssignedProfessional, Needs.Note),
        new(WorkflowAction.Answer, [WaitingOnRequester], InProgress, Party.Requester, Needs.Note),
        new(WorkflowAction.Complete, [InProgress], Completed, Party.AssignedProfessional, Needs.HoursAndNote),
        new(WorkflowAction.Complete, [KeptInHouse], Completed, Party.LegalStaff, Needs.Note),
        new(WorkflowAction.Cancel, BeforeWork, Cancelled, Party.Requester, Needs.Nothing),
        new(WorkflowAction.Cancel, Open, Cancelled, Party.LegalStaff, Needs.Note),
        new(WorkflowAction.Rate, [Completed], Completed, Party.Requester, Needs.Rating),

        // Moves the due date only: the request stays in the state it is in (one move per state the clock runs or
        // is paused in; a request kept in-house has no due date).
        .. ServiceLevelStates.Select(s => new Transition(WorkflowAction.AcceptRequestedDate, [s], s, Party.LegalStaff, Needs.EarlierRequestedDate)),
    ];

    /// <summary>
    /// The moves legal staff may make by editing a request's state in the list itself (Microsoft Lists): their own
    /// moves that need nothing but an optional note. Assigning needs a professional chosen from the roster and told
    /// on their card, completing work needs the professional's hours, and asking for information needs the question:
    /// those are made on the request's card.
    /// </summary>
    public static IReadOnlyList<Transition> StateEdits { get; } =
        [.. Transitions.Where(t => t.By == Party.LegalStaff && t.Needs is Needs.Nothing or Needs.Note && t.Action != WorkflowAction.AskForInfo)];

    public static bool IsTerminal(RequestState state) => state is Completed or Rejected or Cancelled;
}
