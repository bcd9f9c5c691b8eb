using LegalBot.Application.Documents;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace LegalBot.Files;

/// <summary>
/// The user's answer to a document's file consent card (<c>fileConsent/invoke</c>). On Accept the document is looked
/// up again for the invoke's sender (<see cref="DocumentService.ClaimAsync"/>: a party to its request, decided from the
/// sender, the card's context naming only which document), its bytes put to the upload URL Teams gave
/// (<see cref="UploadSession"/>), and the file's card posted; a stranger with a forged or forwarded card gets nothing.
/// </summary>
public sealed class DocumentDelivery(DocumentService documents, UploadSession uploads, ConsentReplies replies, ILogger<DocumentDelivery> logger)
{
    /// <summary>The key of the document's id in the consent card's accept and decline context.</summary>
    public const string ContextKey = "documentId";

    public static JObject Context(string documentId) => new() { [ContextKey] = documentId };

    /// <summary>Whether the answer is to a document's consent card (its context names a document).</summary>
    public static bool Answers(FileConsentCardResponse answer) => answer?.Context is JObject context && context[ContextKey] is not null;

    public async Task AcceptAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(answer);
        var actor = turnContext.Activity.From?.AadObjectId ?? "";
        var claim = string.IsNullOrWhiteSpace(actor) ? new DocumentClaim.NotFound() : await documents.ClaimAsync(actor, DocumentId(answer), cancellationToken);
        if (claim is not DocumentClaim.Ready { Bytes: { } bytes } ready)
        {
            await replies.SayAsync(turnContext, "I couldn't find that document among those of the requests you can see, so I sent nothing.", cancellationToken);
            await replies.SettleCardAsync(turnContext, "This document offer is no longer valid; nothing was sent.", cancellationToken);
            return;
        }

        var outcome = await uploads.UploadAsync(answer.UploadInfo?.UploadUrl, bytes, cancellationToken);
        if (outcome != UploadOutcome.Uploaded)
        {
            await replies.SayAsync(turnContext, "I couldn't save the document to your OneDrive. Press **Get** on the request's card to try again.", cancellationToken);
            return;
        }

        var document = ready.Document;
        Log.DocumentUploaded(logger, document.Id, document.Number, bytes.Length);
        await replies.FileCardAsync(turnContext, answer, cancellationToken);
        await replies.SettleCardAsync(turnContext, $"Sent to your OneDrive: a document of {ready.Document.Number}.", cancellationToken);
    }

    public async Task DeclineAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        await replies.SayAsync(turnContext, "OK, I won't send the document.", cancellationToken);
        await replies.SettleCardAsync(turnContext, "You declined this document; nothing was sent.", cancellationToken);
    }

    /// <summary>Which document the card was for: only an id to look up, never who may take it.</summary>
    private static string? DocumentId(FileConsentCardResponse answer) =>
        answer.Context is JObject context && context[ContextKey] is { Type: JTokenType.String } id ? (string?)id : null;
}
