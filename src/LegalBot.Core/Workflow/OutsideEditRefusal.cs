namespace LegalBot.Core.Workflow;

/// <summary>Why an edit made outside the bot (in Microsoft Lists) was not taken in, and the request was put back.</summary>
public enum OutsideEditRefusal
{
    /// <summary>The list does not say who edited it, or they are not legal staff.</summary>
    NotLegalStaff,

    /// <summary>The assignee was changed: assignments are made on the request's card, where the professional is told.</summary>
    AssigneeChanged,

    /// <summary>The state column holds something that is no state.</summary>
    NotAState,

    /// <summary>The workflow has no move from the recorded state to the edited one that legal staff may make from the list.</summary>
    NotAllowed,
}
