namespace LegalBot.Core.Requests;

public enum RequestState
{
    Submitted,
    InTriage,
    Assigned,
    InProgress,
    WaitingOnRequester,
    NeedsInfo,
    KeptInHouse,
    Completed,
    Rejected,
    Cancelled,
}

public static class RequestStateText
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
