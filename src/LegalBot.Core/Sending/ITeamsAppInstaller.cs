namespace LegalBot.Core.Sending;

/// <summary>
/// Installs LegalBot in the personal scope of someone who never opened it (Teams refuses to open a chat with a user
/// who lacks the app) and finds the bot's 1:1 chat with them, so a first notification can reach them.
/// </summary>
public interface ITeamsAppInstaller
{
    /// <summary>
    /// Installs the app for the user unless it already is, and returns the id of the bot's chat with them (a
    /// conversation the bot can post into). Throws <see cref="RecipientUnreachableException"/> when it cannot.
    /// </summary>
    Task<string> PersonalChatAsync(string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>Why someone could not be reached through an installation of the app.</summary>
public enum UnreachableReason
{
    /// <summary>The tenant's app permission policy blocks LegalBot for them.</summary>
    AppBlocked,

    /// <summary>Microsoft Entra ID does not know them (removed, or a wrong id in the roster).</summary>
    NotInDirectory,

    /// <summary>LegalBot is not allowed to install apps for users (the Graph permission is not granted).</summary>
    NotPermitted,

    /// <summary>The configured app is not in the organisation's app catalog.</summary>
    AppNotInCatalog,

    /// <summary>Microsoft Graph throttled or failed: it may work on the next attempt.</summary>
    Busy,

    /// <summary>Microsoft Graph refused the installation for another reason (its status is logged).</summary>
    Refused,
}

/// <summary>Someone cannot be reached; <see cref="Retry"/> says whether a later attempt may succeed.</summary>
public sealed class RecipientUnreachableException : Exception
{
    public RecipientUnreachableException(UnreachableReason reason, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Reason = reason;
    }

    public RecipientUnreachableException()
        : this(UnreachableReason.Busy, "The recipient could not be reached.")
    {
    }

    public RecipientUnreachableException(string message)
        : this(UnreachableReason.Busy, message)
    {
    }

    public RecipientUnreachableException(string message, Exception innerException)
        : this(UnreachableReason.Busy, message, innerException)
    {
    }

    public UnreachableReason Reason { get; }

    public bool Retry => Reason == UnreachableReason.Busy;

    /// <summary>What the outbox records as the reason (<see cref="DeliveryFailures.Describe"/> reads it back).</summary>
    public string Code => DeliveryFailures.InstallPrefix + Reason;
}

/// <summary>The reasons the outbox records for a notification given up on, in words legal staff can act on.</summary>
public static class DeliveryFailures
{
    public const string InstallPrefix = "install: ";

    /// <summary>Why someone could not be reached, for legal staff's card; null when the reason says nothing they can act on.</summary>
    public static string? Describe(string? lastError) =>
        lastError is not null && lastError.StartsWith(InstallPrefix, StringComparison.Ordinal)
        && Enum.TryParse<UnreachableReason>(lastError[InstallPrefix.Length..], out var reason)
            ? reason switch
            {
                UnreachableReason.AppBlocked => "the organisation's Teams app policy blocks LegalBot for them",
                UnreachableReason.NotInDirectory => "they are not in the organisation's directory",
                UnreachableReason.NotPermitted => "LegalBot may not install itself for people (an administrator must grant TeamsAppInstallation.ReadWriteForUser.All)",
                UnreachableReason.AppNotInCatalog => "LegalBot is not in the organisation's Teams app catalog (check Store:Graph:TeamsAppId)",
                UnreachableReason.Busy => "Microsoft Teams was too busy to install LegalBot for them",
                UnreachableReason.Refused => "Microsoft Teams refused to install LegalBot for them",
                _ => null,
            }
            : null;
}
