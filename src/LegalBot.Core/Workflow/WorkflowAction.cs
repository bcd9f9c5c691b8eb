namespace LegalBot.Core.Workflow;

/// <summary>Everything someone can do to a filed request.</summary>
public enum WorkflowAction
{
    Assign,
    Reassign,
    KeepInHouse,
    AskForInfo,
    ProvideInfo,
    Reject,
    Accept,
    Decline,
    AskRequester,
    Answer,
    Complete,
    Cancel,
    Rate,

    /// <summary>Legal staff make the requester's earlier requested due date the request's due date.</summary>
    AcceptRequestedDate,
}

/// <summary>Who, relative to the request, may take a transition.</summary>
public enum Party
{
    LegalStaff,

    /// <summary>The ALSP professional the request is assigned to (not any ALSP professional).</summary>
    AssignedProfessional,

    /// <summary>The person who filed the request.</summary>
    Requester,
}

/// <summary>What a transition needs besides the action itself.</summary>
public enum Needs
{
    Nothing,

    /// <summary>A free-text note (a question, an answer, a reason, an outcome).</summary>
    Note,

    /// <summary>An active ALSP professional to assign.</summary>
    Assignee,

    /// <summary>Hours spent and an outcome note.</summary>
    HoursAndNote,

    /// <summary>A 1–5 rating, with an optional comment.</summary>
    Rating,

    /// <summary>
    /// A requested due date earlier than the request's due date and not yet passed
    /// (<see cref="Requests.RequestedDueDates"/>); it becomes the due date.
    /// </summary>
    EarlierRequestedDate,
}

/// <summary>How workflow actions are named where they are kept.</summary>
public static class WorkflowActions
{
    /// <summary>The history line's action: the action's name, camel-cased ("keepInHouse").</summary>
    public static string HistoryName(this WorkflowAction action)
    {
        var name = action.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }
}
