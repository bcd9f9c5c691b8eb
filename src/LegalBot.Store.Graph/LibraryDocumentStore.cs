using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Graph.Models.ODataErrors;

namespace LegalBot.Store.Graph;

/// <summary>
/// The documents of the Microsoft 365 mode: each file in the request's folder of the document library
/// (<see cref="GraphDocumentLibrary"/>), who added it and where it is in the local <see cref="IDocumentIndex"/> (beside
/// the outbox), so a card lists a request's documents without calling Graph. People open a file from its link
/// (<see cref="RequestDocument.WebUrl"/>), which works only for those it is shared with (<see cref="ShareAsync"/>): the
/// request's parties.
/// </summary>
/// <remarks>
/// The file is uploaded before its row is written: a row never names a file that is not there. A crash between the two
/// leaves a file in the library that no card lists (and that nobody but the library's owners can open).
/// </remarks>
public sealed class LibraryDocumentStore(GraphDocumentLibrary library, IDocumentIndex index, ILogger<LibraryDocumentStore> logger)
    : IDocumentStore, IDocumentSharing
{
    /// <summary>A file read back may have grown (edited in SharePoint by someone with write access) by at most this much.</summary>
    private const long ReadSlackBytes = 4 * 1024 * 1024;

    public async Task AddAsync(RequestDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(content);
        var file = await library.UploadAsync(document.Number, document.Name, content, cancellationToken);

        // A name already taken in the folder was kept apart ("Contract 1.docx"): the card lists it as the library does.
        await index.AddAsync(document with { Name = file.Name, SizeInBytes = file.SizeInBytes, LibraryItemId = file.ItemId, WebUrl = file.WebUrl }, cancellationToken);
        Log.DocumentUploaded(logger, document.Id, document.Number, file.SizeInBytes);
    }

    public Task<IReadOnlyList<RequestDocument>> ListAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        index.ListAsync(number, cancellationToken);

    public Task<RequestDocument?> FindAsync(string id, CancellationToken cancellationToken = default) =>
        index.FindAsync(id, cancellationToken);

    public async Task<byte[]?> ReadAsync(RequestDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.LibraryItemId is { } item
            ? await library.ReadAsync(item, document.SizeInBytes + ReadSlackBytes, cancellationToken)
            : null;
    }

    public async Task<int> ShareAsync(RequestNumber number, IReadOnlyCollection<string> parties, string? documentId = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parties);
        IReadOnlyList<RequestDocument> documents = documentId is null
            ? await index.ListAsync(number, cancellationToken)
            : await index.FindAsync(documentId, cancellationToken) is { } one && one.Number == number ? [one] : [];
        var wanted = parties.Where(p => !string.IsNullOrWhiteSpace(p)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var document in documents)
        {
            if (document.LibraryItemId is not { } item)
            {
                continue;
            }

            try
            {
                var grants = await library.GrantsAsync(item, cancellationToken);
                var missing = wanted.Where(p => !grants.Any(g => string.Equals(g.PrincipalId, p, StringComparison.OrdinalIgnoreCase))).ToList();
                await library.ShareAsync(item, missing, write: false, cancellationToken);
                var extra = grants.Where(g => !wanted.Contains(g.PrincipalId)).ToList();
                foreach (var grant in extra)
                {
                    await library.RevokeAsync(item, grant.PermissionId, cancellationToken);
                }

                Log.DocumentShared(logger, document.Id, number, missing.Count, extra.Count);
            }
            catch (ODataError error)
            {
                // Throttling and outages are RequestStoreUnavailableException already: what is left will not change.
                var reason = $"HTTP {error.ResponseStatusCode} {error.Error?.Code}".TrimEnd();
                Log.DocumentNotShared(logger, document.Id, number, reason);
                throw new DocumentSharingRefusedException(reason, error);
            }
        }

        return documents.Count;
    }
}
