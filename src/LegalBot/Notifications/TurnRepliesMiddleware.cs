using LegalBot.Core.Stores;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema;

namespace LegalBot.Notifications;

/// <summary>
/// Gives what a turn sends and updates its place in the <see cref="SendThrottle"/> windows of its conversation, here
/// and in the ledger the instances share, before it goes out: Teams' limits cover every message the bot sends to a
/// chat, replies included, and answer 429 past them, so replies and notifications together must stay within them.
/// Proactive turns (the dispatcher's own) took their slot already.
/// </summary>
/// <remarks>
/// The user is waiting on the replies, so a turn waits at most <see cref="PlaceWait"/> for room. Without room by then
/// (a chat that has just had its 60 in thirty seconds, or is held by a Retry-After) the replies go anyway, logged
/// (event 2020), and are counted once sent, so the notifications after them wait: Teams may answer that one turn
/// 429, which the turn's error boundary reports, where holding the replies back longer would leave the user with no
/// answer at all. A ledger that cannot be reached does not fail the turn either (event 2016): the replies then count
/// on this instance only.
/// </remarks>
public sealed class TurnRepliesMiddleware(SendThrottle throttle, ILogger<TurnRepliesMiddleware> logger) : Microsoft.Bot.Builder.IMiddleware
{
    /// <summary>The longest a turn waits for room in its chat's windows before sending its replies anyway.</summary>
    public static readonly TimeSpan PlaceWait = TimeSpan.FromSeconds(2);

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        var activity = turnContext.Activity;
        var proactive = activity?.Type == ActivityTypes.Event
            && activity.Name is ActivityEventNames.ContinueConversation or ActivityEventNames.CreateConversation;
        if (!proactive && activity?.Conversation?.Id is { Length: > 0 } conversationId)
        {
            // Traces and invoke responses never reach the chat.
            turnContext.OnSendActivities((context, activities, nextSend) =>
                WithPlacesAsync(conversationId, activities.Count(a => a.Type is not (ActivityTypes.Trace or ActivityTypesEx.InvokeResponse)), nextSend, cancellationToken));

            // An update of a card in place (a pressed card's answer) costs a message too.
            turnContext.OnUpdateActivity((context, activity, nextUpdate) => WithPlacesAsync(conversationId, 1, nextUpdate, cancellationToken));
        }

        return next(cancellationToken);
    }

    private async Task<T> WithPlacesAsync<T>(string conversationId, int count, Func<Task<T>> send, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return await send();
        }

        var places = await throttle.AcquireForTurnAsync(conversationId, count, PlaceWait, cancellationToken);
        if (places.Missing > 0 && places.Unreachable is null)
        {
            Log.RepliesSentWithoutPlace(logger, places.Missing, count, conversationId);
        }

        try
        {
            return await send();
        }
        finally
        {
            try
            {
                await places.SentAsync(CancellationToken.None);
            }
            catch (RequestStoreUnavailableException exception)
            {
                Log.RepliesNotRecorded(logger, places.Missing, exception);
            }
        }
    }
}
