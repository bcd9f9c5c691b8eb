using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// A document store whose files people open from a link (the Microsoft 365 mode's document library) rather than
/// receive from the bot: each file is shared with the request's parties only, and the sharing follows the parties
/// when they change (a reassignment takes the file from the professional who had it and gives it to the new one).
/// </summary>
public interface IDocumentSharing
{
    /// <summary>
    /// Shares every document of request <paramref name="number"/> (or only the one with <paramref name="documentId"/>)
    /// with exactly <paramref name="parties"/> (Entra object ids of people or groups): those missing are given read
    /// access, anyone else it was shared with loses it. Returns how many files were looked at. Microsoft Graph
    /// unavailable: <see cref="RequestStoreUnavailableException"/>.
    /// </summary>
    Task<int> ShareAsync(RequestNumber number, IReadOnlyCollection<string> parties, string? documentId = null, CancellationToken cancellationToken = default);
}
