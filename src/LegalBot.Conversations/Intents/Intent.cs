using LegalBot.Application.Requests;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

/// <summary>What the user asked for, with what the message already told us.</summary>
/// <param name="Handler">The intent that recognized it; null when none did.</param>
/// <param name="Type">For a new request: a type recognized in the opener ("I need an NDA").</param>
/// <param name="Number">The request id the command is about, if given.</param>
/// <param name="Page">For a list: where the page starts.</param>
/// <param name="Text">For an answer: the answer as typed.</param>
public sealed record Intent(IIntentHandler? Handler, RequestType? Type = null, RequestNumber? Number = null, PagePosition? Page = null, string? Text = null)
{
    public static readonly Intent None = new(Handler: null);

    /// <summary>For a scorecard picked from a list: the subject's key the button carried.</summary>
    public string? Subject { get; init; }
}
