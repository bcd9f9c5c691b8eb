using LegalBot.Application.Export;
using LegalBot.Files;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace LegalBot.Export;

/// <summary>
/// The user's answer to an export's file consent card (<c>fileConsent/invoke</c>). On Accept: the export is claimed
/// for the invoke's sender (<see cref="ExportService.ClaimAsync"/>: the same legal staff member who asked), its bytes
/// put to the upload URL Teams gave, and the file's card posted; any other outcome is told in plain words. Once the
/// offer is settled (sent, declined, expired) the consent card itself (the invoke's <c>replyToId</c>) is replaced by a
/// line saying so (<see cref="ConsentReplies"/>).
/// </summary>
public sealed class ExportDelivery(ExportService exports, UploadSession uploads, ConsentReplies replies, ILogger<ExportDelivery> logger)
{
    /// <summary>The key of the export's id in the consent card's accept and decline context.</summary>
    public const string ContextKey = "exportId";

    public static JObject Context(string consentId) => new() { [ContextKey] = consentId };

    public async Task AcceptAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(answer);
        var actor = turnContext.Activity.From?.AadObjectId ?? "";
        var claim = string.IsNullOrWhiteSpace(actor) ? new ExportClaim.NotLegalStaff() : await exports.ClaimAsync(actor, ConsentId(answer), cancellationToken);
        if (claim is not ExportClaim.Ready ready)
        {
            await replies.SayAsync(turnContext, Refusal(claim), cancellationToken);
            if (claim is ExportClaim.Stale or ExportClaim.AlreadySent)
            {
                await replies.SettleCardAsync(turnContext, claim is ExportClaim.Stale ? "This export offer has expired." : "This export was sent to your OneDrive.", cancellationToken);
            }

            return;
        }

        var outcome = await uploads.UploadAsync(answer.UploadInfo?.UploadUrl, ready.Bytes, cancellationToken);
        await exports.FinishAsync(ready, outcome == UploadOutcome.Uploaded, cancellationToken);
        if (outcome != UploadOutcome.Uploaded)
        {
            await replies.SayAsync(turnContext, "I couldn't save the export to your OneDrive. Type **export** to try again.", cancellationToken);
            return;
        }

        Log.ExportUploaded(logger, ready.ConsentId, ready.Rows, ready.Bytes.Length);
        await replies.FileCardAsync(turnContext, answer, cancellationToken);
        await replies.SettleCardAsync(turnContext, $"Sent to your OneDrive: {answer.UploadInfo!.Name} ({ready.Rows} {(ready.Rows == 1 ? "request" : "requests")}).", cancellationToken);
    }

    public async Task DeclineAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(answer);
        if (turnContext.Activity.From?.AadObjectId is { Length: > 0 } actor)
        {
            await exports.DeclineAsync(actor, ConsentId(answer), cancellationToken);
        }

        await replies.SayAsync(turnContext, "OK, I won't send the export.", cancellationToken);
        await replies.SettleCardAsync(turnContext, "You declined this export; nothing was sent.", cancellationToken);
    }

    /// <summary>Which offer the card was for: only an id to look up, never who may take it.</summary>
    private static string? ConsentId(FileConsentCardResponse answer) =>
        answer.Context is JObject context && context[ContextKey] is { Type: JTokenType.String } id ? (string?)id : null;

    private static string Refusal(ExportClaim claim) => claim switch
    {
        ExportClaim.NotLegalStaff => "Exports are for the legal team.",
        ExportClaim.NotTheirs => "This export was asked for by someone else. Type **export** for your own.",
        ExportClaim.InProgress => "That export is on its way already.",
        ExportClaim.AlreadySent => "I've sent that export already: it's in your OneDrive. Type **export** for a fresh one.",
        _ => "That export has expired. Type **export** (or **export this quarter**) for a new one.",
    };
}
