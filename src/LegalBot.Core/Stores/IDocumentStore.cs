using LegalBot.Core.Documents;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// The files kept with requests. Who may add, list or read them is decided by the caller (the request's parties only);
/// the store keeps the bytes and the metadata, and logs neither names nor content.
/// </summary>
public interface IDocumentStore
{
    /// <summary>Keeps <paramref name="content"/> (read from its current position to its end) as <paramref name="document"/>.</summary>
    Task AddAsync(RequestDocument document, Stream content, CancellationToken cancellationToken = default);

    /// <summary>The request's documents, oldest first.</summary>
    Task<IReadOnlyList<RequestDocument>> ListAsync(RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>The document with this id, or null.</summary>
    Task<RequestDocument?> FindAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>The document's bytes; null when its file is gone.</summary>
    Task<byte[]?> ReadAsync(RequestDocument document, CancellationToken cancellationToken = default);
}
