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
}

/// <summary>What the user asked for, with what the message already told us.</summary>
/// <param name="Type">For NewRequest: a type recognized in the opener ("I need an NDA").</param>
/// <param name="Number">For Status: the id asked about, if given.</param>
/// <param name="Skip">For MyRequests: where the page starts.</param>
public sealed record Intent(IntentKind Kind, RequestType? Type = null, RequestNumber? Number = null, int Skip = 0)
{
    public static readonly Intent None = new(IntentKind.None);
}
