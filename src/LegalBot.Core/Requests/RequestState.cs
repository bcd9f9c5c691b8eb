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
