using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards;

/// <summary>The sentence that tells someone why the workflow refused what they asked.</summary>
public static class RefusalText
{
    /// <summary>"Only legal staff can assign this request." or "LR-1042 is completed now, so it can't be accepted."</summary>
    public static string For(RequestNumber number, WorkflowRefusal refusal) => refusal switch
    {
        WorkflowRefusal.NotYourAction notYours =>
            $"Only {string.Join(" or ", notYours.MayTakeIt.Select(Who))} can {OnThisRequest(notYours.Action)}.",
        WorkflowRefusal.WrongState wrong =>
            $"{number} is {Situation(wrong.State)} now, so it can't be {Past(wrong.Action)}.",
        _ => throw new ArgumentOutOfRangeException(nameof(refusal), refusal.GetType().Name, "No wording for this refusal."),
    };

    private static string Who(Party party) => party switch
    {
        Party.LegalStaff => "legal staff",
        Party.AssignedProfessional => "the assigned ALSP professional",
        _ => "the requester",
    };

    private static string OnThisRequest(WorkflowAction action) => action switch
    {
        WorkflowAction.KeepInHouse => "keep this request in-house",
        _ => $"{Verb(action)} this request",
    };

    // Completes "LR-1042 is … now": some status labels ("Needs info") don't read as part of a sentence.
    private static string Situation(RequestState state) => state switch
    {
        RequestState.NeedsInfo => "waiting for more information",
        RequestState.WaitingOnRequester => "waiting on the requester",
        _ => state.Describe().ToLowerInvariant(),
    };

    private static string Verb(WorkflowAction action) => action switch
    {
        WorkflowAction.Assign => "assign",
        WorkflowAction.Reassign => "reassign",
        WorkflowAction.KeepInHouse => "keep in-house",
        WorkflowAction.AskForInfo => "ask for more information on",
        WorkflowAction.ProvideInfo => "add information to",
        WorkflowAction.Reject => "reject",
        WorkflowAction.Accept => "accept",
        WorkflowAction.Decline => "decline",
        WorkflowAction.AskRequester => "put a question to the requester on",
        WorkflowAction.Answer => "answer questions on",
        WorkflowAction.Complete => "complete",
        WorkflowAction.Cancel => "cancel",
        WorkflowAction.Rate => "rate",
        WorkflowAction.AcceptRequestedDate => "accept the requested due date of",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Past(WorkflowAction action) => action switch
    {
        WorkflowAction.Assign => "assigned",
        WorkflowAction.Reassign => "reassigned",
        WorkflowAction.KeepInHouse => "kept in-house",
        WorkflowAction.AskForInfo => "sent back for more information",
        WorkflowAction.ProvideInfo => "given more information",
        WorkflowAction.Reject => "rejected",
        WorkflowAction.Accept => "accepted",
        WorkflowAction.Decline => "declined",
        WorkflowAction.AskRequester => "put on hold for the requester",
        WorkflowAction.Answer => "answered",
        WorkflowAction.Complete => "completed",
        WorkflowAction.Cancel => "cancelled",
        WorkflowAction.Rate => "rated",
        WorkflowAction.AcceptRequestedDate => "given the requested due date",
        _ => action.ToString().ToLowerInvariant(),
    };
}
