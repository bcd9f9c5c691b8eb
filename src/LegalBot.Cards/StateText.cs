using LegalBot.Core.Requests;

namespace LegalBot.Cards;

/// <summary>Request states by the names cards and messages show.</summary>
public static class StateText
{
    public static string Describe(this RequestState state) => state switch
    {
        RequestState.Submitted => "Submitted",
        RequestState.InTriage => "In triage",
        RequestState.Assigned => "Assigned",
        RequestState.InProgress => "In progress",
        RequestState.WaitingOnRequester => "Waiting on requester",
        RequestState.NeedsInfo => "Needs info",
        RequestState.KeptInHouse => "Kept in-house",
        RequestState.Completed => "Completed",
        RequestState.Rejected => "Rejected",
        RequestState.Cancelled => "Cancelled",
        _ => state.ToString(),
    };
}
