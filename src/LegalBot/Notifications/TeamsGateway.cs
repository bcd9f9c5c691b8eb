using System.Runtime.ExceptionServices;
using LegalBot.Bot;
using LegalBot.Core.Stores;
using LegalBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Bot.Schema;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>Proactive sends through the Bot Framework adapter: post, update in place, and open a 1:1 chat.</summary>
public sealed class TeamsGateway(LegalBotAdapter adapter, BotFrameworkAuthentication authentication, IOptions<BotCredentialsOptions> credentials)
{
    private string BotAppId => credentials.Value.MicrosoftAppId ?? "";

    /// <summary>
    /// Posts an activity; returns the id the channel gave it, or null when it accepted the message without one
    /// (it is in the chat, so it is not posted again, but it cannot be updated in place).
    /// </summary>
    public async Task<string?> PostAsync(ConversationAddress address, IActivity activity, CancellationToken cancellationToken)
    {
        string? id = null;
        await ContinueAsync(address, async (turn, ct) => id = (await turn.SendActivityAsync(activity, ct))?.Id, cancellationToken);
        return string.IsNullOrEmpty(id) ? null : id;
    }

    public Task UpdateAsync(ConversationAddress address, string activityId, Activity activity, CancellationToken cancellationToken)
    {
        activity.Id = activityId;
        return ContinueAsync(address, (turn, ct) => turn.UpdateActivityAsync(activity, ct), cancellationToken);
    }

    /// <summary>
    /// Runs a proactive turn and lets its failure reach the caller: the adapter's turn error boundary would
    /// otherwise catch it (and apologise to nobody), and the dispatcher could not retry or give up.
    /// </summary>
    private async Task ContinueAsync(ConversationAddress address, BotCallbackHandler send, CancellationToken cancellationToken)
    {
        ExceptionDispatchInfo? failure = null;
        await adapter.ContinueConversationAsync(BotAppId, Reference(address), async (turn, ct) =>
        {
            try
            {
                await send(turn, ct);
            }
            catch (Exception ex)
            {
                failure = ExceptionDispatchInfo.Capture(ex);
            }
        }, cancellationToken);
        failure?.Throw();
    }

    /// <summary>
    /// Opens the bot's 1:1 chat with someone who has not written to it, from their AAD object id (Teams
    /// allows this in personal scope once the app is installed for them), using a known address in the
    /// same tenant for the service URL.
    /// </summary>
    public async Task<ConversationAddress> CreatePersonalAsync(ConversationAddress template, string aadObjectId, CancellationToken cancellationToken)
    {
        var parameters = new ConversationParameters
        {
            IsGroup = false,
            Bot = new ChannelAccount(template.BotId),
            Members = [new ChannelAccount(aadObjectId)],
            TenantId = template.TenantId,
            ChannelData = new { tenant = new { id = template.TenantId } },
        };
        ConversationAddress? created = null;
        await adapter.CreateConversationAsync(
            BotAppId,
            template.ChannelId,
            template.ServiceUrl,
            authentication.GetOriginatingAudience(),
            parameters,
            (turn, _) =>
            {
                created = template with { Key = aadObjectId, ConversationId = turn.Activity.Conversation.Id };
                return Task.CompletedTask;
            },
            cancellationToken);
        return created ?? throw new InvalidOperationException("The channel did not return a conversation.");
    }

    public static ConversationReference Reference(ConversationAddress address) => new()
    {
        ServiceUrl = address.ServiceUrl,
        ChannelId = address.ChannelId,
        Bot = new ChannelAccount(address.BotId),
        Conversation = new ConversationAccount(id: address.ConversationId, tenantId: address.TenantId),
    };
}
