using LegalBot.Application.Export;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Newtonsoft.Json.Linq;

namespace LegalBot.Export;

/// <summary>
/// The user's answer to an export's file consent card (<c>fileConsent/invoke</c>). On Accept: the export is claimed
/// for the invoke's sender (<see cref="ExportService.ClaimAsync"/>: the same legal staff member who asked), its bytes
/// put to the upload URL Teams gave, and the file's card posted; any other outcome is told in plain words. Once the
/// offer is settled (sent, declined, expired) the consent card itself (the invoke's <c>replyToId</c>) is replaced by a
/// line saying so, as Teams' file upload pattern does, so its buttons are not pressed again.
/// </summary>
public sealed class ExportDelivery(ExportService exports, UploadSession uploads, ILogger<ExportDelivery> logger)
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
            await SayAsync(turnContext, Refusal(claim), cancellationToken);
            if (claim is ExportClaim.Stale or ExportClaim.AlreadySent)
            {
                await SettleCardAsync(turnContext, claim is ExportClaim.Stale ? "This export offer has expired." : "This export was sent to your OneDrive.", cancellationToken);
            }

            return;
        }

        var outcome = await uploads.UploadAsync(answer.UploadInfo?.UploadUrl, ready.Bytes, cancellationToken);
        await exports.FinishAsync(ready, outcome == UploadOutcome.Uploaded, cancellationToken);
        if (outcome != UploadOutcome.Uploaded)
        {
            await SayAsync(turnContext, "I couldn't save the export to your OneDrive. Type **export** to try again.", cancellationToken);
            return;
        }

        Log.ExportUploaded(logger, ready.ConsentId, ready.Rows, ready.Bytes.Length);
        var info = answer.UploadInfo!;
        var message = MessageFactory.Attachment(new Attachment
        {
            ContentType = FileInfoCard.ContentType,
            ContentUrl = info.ContentUrl,
            Name = info.Name,
            Content = new FileInfoCard { UniqueId = info.UniqueId, FileType = info.FileType },
        });
        await SendAsync(turnContext, message, cancellationToken);
        await SettleCardAsync(turnContext, $"Sent to your OneDrive: {info.Name} ({ready.Rows} {(ready.Rows == 1 ? "request" : "requests")}).", cancellationToken);
    }

    public async Task DeclineAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
        ArgumentNullException.ThrowIfNull(answer);
        if (turnContext.Activity.From?.AadObjectId is { Length: > 0 } actor)
        {
            await exports.DeclineAsync(actor, ConsentId(answer), cancellationToken);
        }

        await SayAsync(turnContext, "OK, I won't send the export.", cancellationToken);
        await SettleCardAsync(turnContext, "You declined this export; nothing was sent.", cancellationToken);
    }

    /// <summary>Replaces the consent card the answer came from (the invoke's <c>replyToId</c>) with <paramref name="line"/>.</summary>
    private async Task SettleCardAsync(ITurnContext turnContext, string line, CancellationToken cancellationToken)
    {
        if (turnContext.Activity.ReplyToId is not { Length: > 0 } card)
        {
            return;
        }

        var update = MessageFactory.Text(line);
        update.Id = card;
        try
        {
            await turnContext.UpdateActivityAsync(update, cancellationToken);
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.BadRequest)
        {
            // Not a message of the bot's in this chat (a forged replyToId): the answer itself was given.
            var refused = turnContext.Activity;
            Log.ChannelRefusedReply(logger, (int)ex.Response.StatusCode, refused.Id, refused.Type, refused.Conversation?.Id);
        }
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
        ExportClaim.NotAvailable => "Exports aren't available with the SharePoint list as the store.",
        _ => "That export has expired. Type **export** (or **export this quarter**) for a new one.",
    };

    private Task SayAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
    {
        var activity = MessageFactory.Text(text);
        activity.TextFormat = TextFormatTypes.Markdown;
        return SendAsync(turnContext, activity, cancellationToken);
    }

    /// <summary>
    /// Posts in the chat. A channel that says the chat is not there or closed to the bot (404, 403) is logged and the
    /// invoke still answered 200: the answer was received, and the turn's error boundary would only answer 500.
    /// </summary>
    private async Task SendAsync(ITurnContext turnContext, IActivity activity, CancellationToken cancellationToken)
    {
        try
        {
            await turnContext.SendActivityAsync(activity, cancellationToken);
        }
        catch (ErrorResponseException ex) when (ex.Response?.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.Forbidden)
        {
            var refused = turnContext.Activity;
            Log.ChannelRefusedReply(logger, (int)ex.Response.StatusCode, refused.Id, refused.Type, refused.Conversation?.Id);
        }
    }
}
