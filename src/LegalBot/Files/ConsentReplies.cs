using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace LegalBot.Files;

/// <summary>
/// What the bot says while answering a <c>fileConsent/invoke</c>, whatever the file offered (an export, a document):
/// plain lines, the file's card once it is in the user's OneDrive, and the consent card (the invoke's
/// <c>replyToId</c>) replaced by a line once the offer is settled, as Teams' file upload pattern does, so its buttons
/// are not pressed again. A channel refusing a post or an update is logged and the invoke still answered.
/// </summary>
public sealed class ConsentReplies(ILogger<ConsentReplies> logger)
{
    /// <summary>Posts the card of the file just uploaded (Teams' file info card, from the Accept's <c>uploadInfo</c>).</summary>
    public Task FileCardAsync(ITurnContext turnContext, FileConsentCardResponse answer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var info = answer.UploadInfo!;
        var message = MessageFactory.Attachment(new Attachment
        {
            ContentType = FileInfoCard.ContentType,
            ContentUrl = info.ContentUrl,
            Name = info.Name,
            Content = new FileInfoCard { UniqueId = info.UniqueId, FileType = info.FileType },
        });
        return SendAsync(turnContext, message, cancellationToken);
    }

    /// <summary>Replaces the consent card the answer came from (the invoke's <c>replyToId</c>) with <paramref name="line"/>.</summary>
    public async Task SettleCardAsync(ITurnContext turnContext, string line, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turnContext);
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

    /// <summary>Says <paramref name="text"/> (Markdown) in the chat.</summary>
    public Task SayAsync(ITurnContext turnContext, string text, CancellationToken cancellationToken)
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
