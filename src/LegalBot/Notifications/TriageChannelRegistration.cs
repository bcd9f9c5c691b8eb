using LegalBot.Application.Workflow;
using LegalBot.Core.Stores;
using LegalBot.Hosting;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Saves the configured triage channel (<c>Triage:ChannelConversationId</c> and <c>ChannelServiceUrl</c>)
/// as the legal team's address at startup; without one, the bot uses the team it is added to.
/// </summary>
public sealed class TriageChannelRegistration(INotificationStore store, IOptions<TriageOptions> triage, IOptions<BotCredentialsOptions> credentials) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var options = triage.Value;
        if (string.IsNullOrWhiteSpace(options.ChannelConversationId) || string.IsNullOrWhiteSpace(options.ChannelServiceUrl))
        {
            return;
        }

        await store.SaveAddressAsync(
            new ConversationAddress(
                Notification.TriageChannel,
                options.ChannelServiceUrl,
                options.ChannelConversationId,
                TenantId: null,
                ChannelId: "msteams",
                BotId: "28:" + (credentials.Value.MicrosoftAppId ?? "")),
            cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
