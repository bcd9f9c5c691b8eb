using System.ComponentModel.DataAnnotations;

namespace LegalBot.Hosting;

/// <summary>The <c>Bot</c> configuration section.</summary>
public sealed class BotHostOptions : IValidatableObject
{
    public const string Section = "Bot";

    /// <summary>
    /// Accept unsigned requests when <c>MicrosoftAppId</c> is empty, outside the Development environment
    /// too. For local tools (Agents Playground, Emulator) only; never set in production.
    /// </summary>
    public bool AllowUnauthenticatedLocalMode { get; set; }

    /// <summary>Tenant ids allowed to use the bot; empty allows any tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>
    /// Largest request body accepted on <c>/api/messages</c>, and Kestrel's limit for every request. Teams
    /// messages stay under about 100 KB; invokes with card inputs are a little larger.
    /// </summary>
    [Range(16 * 1024, 16 * 1024 * 1024, ErrorMessage = Section + ":MaxRequestBodyBytes must be between {1} and {2}")]
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        for (var i = 0; i < AllowedTenants.Count; i++)
        {
            if (!Guid.TryParse(AllowedTenants[i], out _))
            {
                yield return new ValidationResult(
                    $"{Section}:AllowedTenants:{i} must be a tenant id (a GUID)", [nameof(AllowedTenants)]);
            }
        }
    }
}

/// <summary>The Bot Framework's own keys, read from the configuration root as the SDK reads them.</summary>
public sealed class BotCredentialsOptions
{
    public string? MicrosoftAppType { get; set; }

    public string? MicrosoftAppId { get; set; }

    public string? MicrosoftAppPassword { get; set; }

    public string? MicrosoftAppTenantId { get; set; }

    public bool IsLocalMode => string.IsNullOrWhiteSpace(MicrosoftAppId);
}
