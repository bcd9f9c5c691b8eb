using LegalBot.Core.Documents;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// The metadata of documents whose bytes are kept elsewhere (the Microsoft 365 mode's document library): who added
/// which file to which request, and where it is in the library. Kept beside the outbox (the local store of that
/// mode), so a request's documents are listed without a call to Microsoft Graph.
/// </summary>
public interface IDocumentIndex
{
    /// <summary>Records <paramref name="document"/> (its <see cref="RequestDocument.LibraryItemId"/> set).</summary>
    Task AddAsync(RequestDocument document, CancellationToken cancellationToken = default);

    /// <summary>The request's documents, oldest first.</summary>
    Task<IReadOnlyList<RequestDocument>> ListAsync(RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>The document with this id, or null.</summary>
    Task<RequestDocument?> FindAsync(string id, CancellationToken cancellationToken = default);
}
