using System.Collections.Concurrent;
using LegalBot.Core.Stores;
using Microsoft.Bot.Schema;

namespace LegalBot.Notifications;

/// <summary>
/// Remembers where people (and the triage channel) can be reached, from the activities Teams sends, so
/// notifications can be delivered later. Writes only when an address changes.
/// </summary>
public sealed class AddressBook(INotificationStore store)
{
    private readonly ConcurrentDictionary<string, ConversationAddress> seen = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The key of the tenant-wide template used to open new 1:1 chats.</summary>
    public static string TenantKey(string? tenantId) => "tenant:" + (tenantId ?? "");

    public async Task RememberAsync(IActivity activity, CancellationToken cancellationToken)
    {
        var conversationId = activity.Conversation?.Id;
        var serviceUrl = activity.ServiceUrl;
        var botId = activity.Recipient?.Id;
        if (string.IsNullOrWhiteSpace(conversationId) || string.IsNullOrWhiteSpace(serviceUrl) || string.IsNullOrWhiteSpace(botId) || string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            // Not an address a notification could be delivered to.
            return;
        }

        var tenant = activity.Conversation!.TenantId;
        var template = new ConversationAddress(TenantKey(tenant), serviceUrl, conversationId, tenant, activity.ChannelId, botId);
        await SaveAsync(template, cancellationToken);
        if (activity.Conversation.ConversationType is null or "personal" && activity.From?.AadObjectId is { } aad && !string.IsNullOrWhiteSpace(aad))
        {
            await SaveAsync(template with { Key = aad }, cancellationToken);
        }
    }

    /// <summary>Uses a team channel for triage cards (when the bot is added to a team, unless configured).</summary>
    public Task RememberTriageChannelAsync(IActivity activity, string channelConversationId, CancellationToken cancellationToken) =>
        SaveAsync(
            new ConversationAddress(Notification.TriageChannel, activity.ServiceUrl, channelConversationId, activity.Conversation?.TenantId, activity.ChannelId, activity.Recipient.Id),
            cancellationToken);

    private async Task SaveAsync(ConversationAddress address, CancellationToken cancellationToken)
    {
        if (seen.TryGetValue(address.Key, out var known) && known == address)
        {
            return;
        }

        await store.SaveAddressAsync(address, cancellationToken);
        seen[address.Key] = address;
    }
}
