using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Core.Stores;

/// <summary>
/// What an <see cref="IRequestFacts"/> store reads, named as requests and their history keep it: which history
/// actions triage, assign and accept a request, which states are open (the backlog) and which pause the
/// service-level clock. Every store answers from the same lines.
/// </summary>
public static class RequestFactsLines
{
    /// <summary>The first of these is the request's triage: assigned, kept in-house, asked for information or rejected.</summary>
    public static IReadOnlyList<string> TriageActions { get; } =
        Names(WorkflowAction.Assign, WorkflowAction.KeepInHouse, WorkflowAction.AskForInfo, WorkflowAction.Reject);

    /// <summary>The lines that (re)assign the request to an ALSP professional.</summary>
    public static IReadOnlyList<string> AssignActions { get; } = Names(WorkflowAction.Assign, WorkflowAction.Reassign);

    /// <summary>An ALSP professional accepting the assignment.</summary>
    public static string AcceptAction { get; } = WorkflowAction.Accept.HistoryName();

    /// <summary>An ALSP professional declining the assignment.</summary>
    public static string DeclineAction { get; } = WorkflowAction.Decline.HistoryName();

    /// <summary>Every action <see cref="RequestSteps"/> reads: triage, assignments and their answers.</summary>
    public static IReadOnlyList<string> StepActions { get; } =
        [.. TriageActions.Concat(AssignActions).Append(AcceptAction).Append(DeclineAction).Distinct()];

    /// <summary>The states of requests not yet done, each counted in the backlog whenever it was filed.</summary>
    public static IReadOnlyList<string> OpenStates { get; } =
        [.. Enum.GetValues<RequestState>().Where(s => !WorkflowTable.IsTerminal(s)).Select(s => s.ToString())];

    /// <summary>The states in which the request waits on its requester; lines entering or leaving them are the pauses.</summary>
    public static IReadOnlyList<string> PausedStates { get; } =
        [.. Enum.GetValues<RequestState>().Where(s => s.IsPaused()).Select(s => s.ToString())];

    private static string[] Names(params WorkflowAction[] actions) => [.. actions.Select(a => a.HistoryName())];
}
