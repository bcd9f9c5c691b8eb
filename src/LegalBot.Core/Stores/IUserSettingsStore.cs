namespace LegalBot.Core.Stores;

/// <summary>What the bot keeps about each person between turns, outside any one request: their time zone.</summary>
public interface IUserSettingsStore
{
    /// <summary>Saves the person's time zone (an IANA name, already checked by the caller).</summary>
    Task SaveTimeZoneAsync(string aadObjectId, string timeZone, CancellationToken cancellationToken = default);

    /// <summary>The person's saved time zone, or null when none is known.</summary>
    Task<string?> GetTimeZoneAsync(string aadObjectId, CancellationToken cancellationToken = default);
}
