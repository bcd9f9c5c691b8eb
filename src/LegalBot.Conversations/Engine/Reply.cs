using LegalBot.Cards.Model;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Engine;

/// <summary>Something the bot says back; the host turns it into an activity.</summary>
public abstract record Reply;

/// <param name="Suggestions">Quick replies the user can tap; tapping sends the text.</param>
/// <param name="AsWritten">
/// Shown exactly as written, with no Markdown: for text that carries what people typed or their names.
/// Otherwise Teams renders the text as Markdown (the bot's own texts use it for commands in bold).
/// </param>
public sealed record TextReply(string Text, IReadOnlyList<string>? Suggestions = null, bool AsWritten = false) : Reply;

/// <param name="About">The request the card shows, if any: the host records where it was posted so later changes update it in place.</param>
/// <param name="ContentHash">What the card shows (<see cref="Application.Workflow.RequestCardView.ContentHash"/>), recorded with the posted card.</param>
/// <param name="InPlaceOf">
/// The message the card should replace (the request card whose button was pressed). The host updates it in place
/// when it is a card it posted about <paramref name="About"/> in this chat, and otherwise posts the card.
/// </param>
public sealed record CardReply(AdaptiveCard Card, RequestNumber? About = null, string? InPlaceOf = null, string? ContentHash = null) : Reply;

/// <summary>
/// A file offered through Teams' file consent card (1:1 chats only): the user's Accept or Decline comes back as a
/// <c>fileConsent/invoke</c> whose context carries <paramref name="ConsentId"/>, the server-side offer it answers.
/// </summary>
/// <param name="SizeInBytes">The file's size when offered (Teams shows it as an estimate).</param>
/// <param name="Kind">What is offered, which tells the host who answers the Accept.</param>
public sealed record FileConsentReply(string FileName, long SizeInBytes, string Description, string ConsentId, FileOfferKind Kind = FileOfferKind.Export) : Reply;

/// <summary>What a file consent card offers.</summary>
public enum FileOfferKind
{
    /// <summary>A CSV export of requests (the consent id names the pending export).</summary>
    Export,

    /// <summary>A document kept with a request (the consent id is the document's id).</summary>
    Document,
}
