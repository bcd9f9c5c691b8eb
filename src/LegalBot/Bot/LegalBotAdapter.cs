using System.Net;
using System.Runtime.ExceptionServices;
using LegalBot.Core.Stores;
using LegalBot.Notifications;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;

namespace LegalBot.Bot;

/// <summary>
/// The Bot Framework adapter with the one turn-level error boundary: log ids, apologise in plain words,
/// and clear the conversation's dialog state so the user is not stuck in a broken step.
/// </summary>
public sealed class LegalBotAdapter : CloudAdapter
{
    public LegalBotAdapter(
        BotFrameworkAuthentication authentication,
        PrivateConversationState conversationState,
        TenantFilterMiddleware tenantFilter,
        TurnRepliesMiddleware turnReplies,
        ILogger<LegalBotAdapter> logger)
        : base(authentication, logger)
    {
        Use(tenantFilter);
        Use(turnReplies);
        OnTurnError = async (turnContext, exception) =>
        {
            var activity = turnContext.Activity;
            if (exception is TenantNotAllowedException)
            {
                Log.TenantRefused(logger, activity?.Id);
                ExceptionDispatchInfo.Capture(exception).Throw();
            }

            // A channel that says the conversation is not there (404) or closed to the bot (403) is no fault of the
            // bot's, and an apology would go where the reply was just refused.
            var refusedByChannel = exception is ErrorResponseException { Response.StatusCode: HttpStatusCode.NotFound or HttpStatusCode.Forbidden };

            // The request store is throttled or unreachable: nothing of this turn was saved, and the conversation is
            // where it was before it (its state was not saved either), so the same message or click can simply be
            // sent again.
            var storeUnavailable = Chain(exception).Any(e => e is RequestStoreUnavailableException);
            var message = storeUnavailable ? StoreUnavailable : Apology + " Please try again, or type **help**.";
            var cardMessage = storeUnavailable ? StoreUnavailable : Apology + " Please try again.";
            if (storeUnavailable)
            {
                Log.StoreUnavailable(logger, activity?.Id, activity?.Type, activity?.Conversation?.Id);
            }
            else if (refusedByChannel)
            {
                Log.ChannelRefusedReply(logger, (int)((ErrorResponseException)exception).Response.StatusCode, activity?.Id, activity?.Type, activity?.Conversation?.Id);
            }
            else
            {
                Log.TurnFailed(logger, exception, activity?.Id, activity?.Type, activity?.Conversation?.Id);
            }

            // The apology goes first: clearing the state needs the store, which may be what failed (a locked file).
            try
            {
                if (activity?.Type is ActivityTypes.Message && !refusedByChannel)
                {
                    await turnContext.SendActivityAsync(message);
                }
                else if (activity?.Type is ActivityTypes.Invoke && turnContext.TurnState.Get<object>(InvokeResponseKey) is null)
                {
                    // Every invoke gets an answer: without one the framework answers 501. A card action shows this
                    // message in place of the card's error banner; other invokes get a plain error body.
                    await turnContext.SendActivityAsync(new Activity
                    {
                        Type = ActivityTypesEx.InvokeResponse,
                        Value = activity.Name == ActivityValidator.AdaptiveCardAction
                            ? new InvokeResponse
                            {
                                Status = 200,
                                Body = new AdaptiveCardInvokeResponse { StatusCode = 200, Type = MessageContentType, Value = cardMessage },
                            }
                            : new InvokeResponse { Status = storeUnavailable ? 503 : 500, Body = new { error = storeUnavailable ? StoreUnavailable : Apology } },
                    });
                }
            }
            catch (Exception apologyFailure)
            {
                Log.ApologyFailed(logger, apologyFailure, activity?.Conversation?.Id);
            }

            if (storeUnavailable)
            {
                return;
            }

            try
            {
                await conversationState.DeleteAsync(turnContext);
            }
            catch (Exception stateFailure)
            {
                Log.StateNotCleared(logger, stateFailure, activity?.Conversation?.Id);
            }
        };
    }

    private const string MessageContentType = "application/vnd.microsoft.activity.message";

    private const string Apology = "Sorry, something went wrong on my side and I couldn't finish that. Any request I confirmed to you is saved.";

    private const string StoreUnavailable = "I can't reach the request list right now, so nothing was changed. Please try again shortly.";

    private static IEnumerable<Exception> Chain(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }

        if (exception is AggregateException aggregate)
        {
            foreach (var inner in aggregate.InnerExceptions)
            {
                yield return inner;
            }
        }
    }

    /// <summary>Authenticates the activity from its Authorization header and runs the turn.</summary>
    public Task<InvokeResponse> ProcessAsync(string authHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, callback, cancellationToken);
}
