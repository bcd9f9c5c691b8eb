using LegalBot.Core.Sending;
using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Names every invalid <c>Notifications:ActivityFeed</c> key at startup. The activity feed is raised through Microsoft
/// Graph with the <c>Store:Graph</c> app, so it needs the Microsoft 365 mode (<c>Store:Provider</c> <c>SharePoint</c>),
/// and the bot's app id for the link that opens the chat with it.
/// </summary>
public sealed class ActivityFeedOptionsValidator(IConfiguration configuration) : IValidateOptions<ActivityFeedOptions>
{
    public ValidateOptionsResult Validate(string? name, ActivityFeedOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var errors = new List<string>();
        if (configuration["Store:Provider"] != "SharePoint")
        {
            errors.Add($"{ActivityFeedOptions.Section}:Enabled needs Store:Provider 'SharePoint' (the notifications are sent through Microsoft Graph with the Store:Graph settings, whose app the tenant grants TeamsActivity.Send); turn it off in this mode");
        }

        if (!Guid.TryParse(options.BotAppId, out _))
        {
            errors.Add($"{ActivityFeedOptions.Section}:BotAppId (or MicrosoftAppId) must be the bot's app id, a GUID: the activity feed notification opens the chat with the bot");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
