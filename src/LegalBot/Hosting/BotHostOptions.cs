namespace LegalBot.Hosting;

/// <summary>The <c>Bot</c> configuration section.</summary>
public sealed class BotHostOptions
{
    public const string Section = "Bot";

    /// <summary>
    /// Accept unsigned requests when <c>MicrosoftAppId</c> is empty, outside the Development environment
    /// too. For local tools (Agents Playground, Emulator) only; never set in production.
    /// </summary>
    public bool AllowUnauthenticatedLocalMode { get; set; }

    /// <summary>Tenant ids allowed to use the bot; empty allows any tenant.</summary>
    public List<string> AllowedTenants { get; set; } = [];

    /// <summary>Largest request body accepted on <c>/api/messages</c>.</summary>
    public int MaxRequestBodyBytes { get; set; } = 256 * 1024;
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
