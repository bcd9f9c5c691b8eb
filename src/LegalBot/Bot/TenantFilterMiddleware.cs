using LegalBot.Hosting;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;

namespace LegalBot.Bot;

/// <summary>Refuses every activity whose tenant is not in <c>Bot:AllowedTenants</c> (empty list = any tenant).</summary>
public sealed class TenantFilterMiddleware(IOptions<BotHostOptions> options) : Microsoft.Bot.Builder.IMiddleware
{
    private readonly HashSet<string> allowed = new(options.Value.AllowedTenants.Where(t => !string.IsNullOrWhiteSpace(t)), StringComparer.OrdinalIgnoreCase);

    public Task OnTurnAsync(ITurnContext turnContext, NextDelegate next, CancellationToken cancellationToken = default)
    {
        if (allowed.Count > 0)
        {
            var activity = turnContext.Activity;
            string? tenant;
            try
            {
                tenant = activity.GetChannelData<TeamsChannelData>()?.Tenant?.Id ?? activity.Conversation?.TenantId;
            }
            catch (Newtonsoft.Json.JsonException)
            {
                tenant = null;
            }

            if (tenant is null || !allowed.Contains(tenant))
            {
                throw new TenantNotAllowedException();
            }
        }

        return next(cancellationToken);
    }
}
