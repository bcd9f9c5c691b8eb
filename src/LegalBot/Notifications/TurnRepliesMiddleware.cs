using LegalBot.Core.Stores;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace LegalBot.Notifications;

/// <summary>
/// Counts what a turn sends and updates in the <see cref="SendThrottle"/> windows of its conversation, here and in the
/// ledger the instances share. Teams' limit covers every message the bot sends to a chat, replies included;
/// notifications then leave room for replies the user just received. Replies themselves are never held back.
/// Proactive turns (the dispatcher's own) are already counted when their slot is taken.
/// </summary>
public sealed class TurnRepliesMiddleware(SendThrottle throttle, ILogger<TurnRepliesMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var proactive = activity?.Type == ActivityTypes.Event
            && activity.Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation;
        if (!proactive && activity?.Conversation?.Id is { Length: > 0 } conversationId)
        {
            turnContext.OnSendActivities(async (context, activities, nextSend) =>
            {
                var sent = await nextSend();
                // Traces and invoke responses never reach the chat.
                await RecordAsync(conversationId, activities.Count(a => a.Type is not (ActivityTypes.Trace or ActivityTypesEx.InvokeResponse)), cancellationToken);
                return sent;
            });

            // An update of a card in place (a pressed card's answer) costs a message too.
            turnContext.OnUpdateActivity(async (context, activity, nextUpdate) =>
            {
                var updated = await nextUpdate();
                await RecordAsync(conversationId, 1, cancellationToken);
                return updated;
            });
        }

        return next(cancellationToken);
    }

    /// <summary>The replies went out already: a ledger that cannot be reached must not fail the turn.</summary>
    private async Task RecordAsync(string conversationId, int count, CancellationToken cancellationToken)
    {
        try
        {
            await throttle.RecordAsync(conversationId, count, cancellationToken);
        }
        catch (RequestStoreUnavailableException exception)
        {
            Log.RepliesNotRecorded(logger, count, exception);
        }
    }
}
