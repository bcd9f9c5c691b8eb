using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

public enum IntentKind
{
    None,
    Greeting,
    Help,
    Cancel,
    StartOver,
    NewRequest,
    Status,
    MyRequests,
    MyAssignments,
    History,

    /// <summary>A request card button pressed on a client without Universal Actions (Action.Submit fallback).</summary>
    WorkflowButton,

    /// <summary>"answer LR-1042 …": the requester answers a question in the chat.</summary>
    Answer,
}

/// <summary>What the user asked for, with what the message already told us.</summary>
/// <param name="Type">For NewRequest: a type recognized in the opener ("I need an NDA").</param>
/// <param name="Number">For Status: the id asked about, if given.</param>
/// <param name="Skip">For MyRequests: where the page starts.</param>
/// <param name="Text">For Answer: the answer as typed.</param>
public sealed record Intent(IntentKind Kind, RequestType? Type = null, RequestNumber? Number = null, int Skip = 0, string? Text = null)
{
    public static readonly Intent None = new(IntentKind.None);
}
