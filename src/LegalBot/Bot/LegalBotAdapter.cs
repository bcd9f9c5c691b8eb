using System.Runtime.ExceptionServices;
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

            Log.TurnFailed(logger, exception, activity?.Id, activity?.Type, activity?.Conversation?.Id);
            try
            {
                await conversationState.DeleteAsync(turnContext);
                if (activity?.Type is "message")
                {
                    await turnContext.SendActivityAsync(
                        "Sorry, something went wrong on my side and I couldn't finish that. Any request I confirmed to you is saved. Please try again, or type **help**.");
                }
            }
            catch (Exception apologyFailure)
            {
                Log.ApologyFailed(logger, apologyFailure, activity?.Conversation?.Id);
            }
        };
    }

    /// <summary>Authenticates the activity from its Authorization header and runs the turn.</summary>
    public Task<InvokeResponse> ProcessAsync(string authHeader, Activity activity, BotCallbackHandler callback, CancellationToken cancellationToken) =>
        ProcessActivityAsync(authHeader, activity, callback, cancellationToken);
}
