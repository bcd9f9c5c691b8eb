using LegalBot.Core.Requests;

namespace LegalBot.Core.Documents;

/// <summary>
/// A file kept with a request: its sanitised name (<see cref="DocumentNames.Sanitize"/>), its type as checked by content
/// (<see cref="DocumentTypes"/>), its size, and who added it when. The name may be privileged: it is shown to the
/// request's parties and never logged.
/// </summary>
/// <param name="Id">A random id (32 hex digits), the only way a card or an offer names the file.</param>
/// <param name="FileType">The file's extension without the dot, lowercase (<c>pdf</c>, <c>docx</c>).</param>
/// <param name="LibraryItemId">
/// The file's item in the Microsoft 365 mode's document library (a driveItem id), or null where the bytes are kept by
/// the store itself (the data folder, the database).
/// </param>
/// <param name="WebUrl">
/// The address that opens the library's file for the people it is shared with, or null where the bot sends the file
/// on request.
/// </param>
public sealed record RequestDocument(
    string Id,
    RequestNumber Number,
    string Name,
    string FileType,
    long SizeInBytes,
    Person AddedBy,
    DateTimeOffset AddedAt,
    string? LibraryItemId = null,
    string? WebUrl = null)
{
    /// <summary>A new random id.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Whether this is a row an <see cref="Stores.IDocumentIndex"/> takes: an id this code issues and the library item it names.</summary>
    public bool IsLibraryRow => IsWellFormedId(Id) && !string.IsNullOrEmpty(LibraryItemId);

    /// <summary>Whether <paramref name="id"/> has the shape of an id this code issues (so a forged one is refused before any lookup).</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 32 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
