using Microsoft.Extensions.Options;

namespace LegalBot.Hosting;

/// <summary>
/// Fails at boot, naming the keys, when the bot would run without credentials outside local
/// development or with credentials that cannot work.
/// </summary>
public sealed class BotCredentialsValidator(IHostEnvironment environment, IOptions<BotHostOptions> host) : IValidateOptions<BotCredentialsOptions>
{
    public ValidateOptionsResult Validate(string? name, BotCredentialsOptions options)
    {
        if (options.IsLocalMode)
        {
            return environment.IsDevelopment() || host.Value.AllowUnauthenticatedLocalMode
                ? ValidateOptionsResult.Success
                : ValidateOptionsResult.Fail(
                    "MicrosoftAppId and MicrosoftAppPassword are missing. Set them (with MicrosoftAppType and, for SingleTenant, MicrosoftAppTenantId), " +
                    "or, for local development only, run in the Development environment or set Bot:AllowUnauthenticatedLocalMode=true.");
        }

        var failures = new List<string>();
        var type = string.IsNullOrWhiteSpace(options.MicrosoftAppType) ? "MultiTenant" : options.MicrosoftAppType;
        if (type is not ("MultiTenant" or "SingleTenant" or "UserAssignedMSI"))
        {
            failures.Add("MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI.");
        }

        if (type != "UserAssignedMSI" && string.IsNullOrWhiteSpace(options.MicrosoftAppPassword))
        {
            failures.Add("MicrosoftAppPassword is missing (required when MicrosoftAppId is set).");
        }

        if (type is "SingleTenant" or "UserAssignedMSI" && string.IsNullOrWhiteSpace(options.MicrosoftAppTenantId))
        {
            failures.Add($"MicrosoftAppTenantId is missing (required for MicrosoftAppType={type}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
