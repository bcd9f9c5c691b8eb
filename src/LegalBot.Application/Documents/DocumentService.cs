using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Documents;

/// <summary>A file sent in the chat, as Teams describes it: the name people gave it, its type, and where to download it.</summary>
public sealed record IncomingFile(string? Name, string? FileType, string DownloadUrl);

/// <summary>Which request a file sent in the chat goes to (<see cref="DocumentService.TargetAsync"/>).</summary>
public abstract record AttachTarget
{
    public sealed record Found(LegalRequest Request) : AttachTarget;

    /// <summary>No such request among those the sender may see (the same answer for both).</summary>
    public sealed record NotFound(RequestNumber Number) : AttachTarget;

    /// <summary>No request named and none of the sender's is open.</summary>
    public sealed record NoneOpen : AttachTarget;

    /// <summary>No request named and several of the sender's are open: they must say which.</summary>
    public sealed record Several(IReadOnlyList<RequestNumber> Open) : AttachTarget;

    /// <summary>The deployment keeps no documents (the Microsoft 365 mode without a document library).</summary>
    public sealed record NotAvailable : AttachTarget;
}

/// <summary>What became of a file sent in the chat (<see cref="DocumentService.AttachAsync"/>).</summary>
public abstract record AttachOutcome
{
    public sealed record Kept(RequestDocument Document, LegalRequest Request) : AttachOutcome;

    public sealed record TooLarge(long MaxBytes) : AttachOutcome;

    /// <summary>A type not allowed, by its name (or no extension at all).</summary>
    public sealed record TypeNotAllowed(string? Type, IReadOnlySet<string> Allowed) : AttachOutcome;

    /// <summary>The content is not what the name says (an executable named .pdf).</summary>
    public sealed record ContentMismatch(string Type) : AttachOutcome;

    public sealed record DownloadFailed : AttachOutcome;

    /// <summary>The link names no file the bot may read (unknown, gone, a folder, or not shared with it).</summary>
    public sealed record LinkNotReadable : AttachOutcome;

    /// <summary>Where files are kept (the Microsoft 365 document library) did not answer: nothing was kept.</summary>
    public sealed record StoreUnavailable : AttachOutcome;

    public sealed record NotFound(RequestNumber Number) : AttachOutcome;

    public sealed record NotAvailable : AttachOutcome;
}

/// <summary>What a press of a document's Get button comes to (<see cref="DocumentService.OfferAsync"/>, <see cref="DocumentService.ClaimAsync"/>).</summary>
public abstract record DocumentClaim
{
    /// <param name="Bytes">Null for an offer (the consent card shows the size kept); the file's bytes for a claim.</param>
    public sealed record Ready(RequestDocument Document, byte[]? Bytes) : DocumentClaim;

    /// <summary>No such document, or not one of a request the sender is a party to (the same answer for both).</summary>
    public sealed record NotFound : DocumentClaim;

    /// <summary>Teams sends files only in the 1:1 chat with the bot.</summary>
    public sealed record NotPersonal : DocumentClaim;

    public sealed record NotAvailable : DocumentClaim;
}

/// <summary>
/// Documents on requests: a file a party to a request sends in the chat (or, where <see cref="ISharedFileLinks"/> reads
/// them, the file a pasted SharePoint link names) is downloaded (capped at
/// <see cref="DocumentOptions.MaxBytes"/>, within <see cref="DocumentOptions.DownloadTimeout"/>), checked by its
/// extension against <see cref="DocumentOptions.AllowedTypes"/> and by its content (<see cref="DocumentTypes"/>), named
/// safely (<see cref="DocumentNames"/>) and kept (<see cref="IDocumentStore"/>). Only the request's parties
/// (<see cref="AccessPolicy.CanView"/>: the requester, the assigned professional, legal staff) may add, list or get its
/// documents, always decided from the sender's own id. Names are never logged; ids, sizes and types are. Without a
/// document store (a store that keeps none) or a way to download (an entry point other than the bot), nothing is kept.
/// Where the store shares its files from a library (<see cref="IDocumentSharing"/>), each is shared with the request's
/// parties (<see cref="DocumentParties"/>) as soon as it is kept, and again by the outbox when they change.
/// </summary>
public sealed class DocumentService(
    IRequestStore requests,
    AccessPolicy access,
    IOptions<DocumentOptions> options,
    TimeProvider time,
    ILogger<DocumentService> logger,
    IDocumentStore? documents = null,
    IFileDownloads? downloads = null,
    INotificationStore? outbox = null,
    ISharedFileLinks? links = null,
    INotificationSignal? signal = null)
{
    /// <summary>How many of the sender's newest requests (and assignments) are looked through for the only open one.</summary>
    private const int OpenLookup = 50;


    /// <summary>
    /// The request named (when it is one the sender may see), or else the sender's only open request (as requester
    /// or as assigned professional); never a guess between several.
    /// </summary>
    public async Task<AttachTarget> TargetAsync(string actorAadObjectId, RequestNumber? named, CancellationToken cancellationToken)
    {
        if (documents is null)
        {
            return new AttachTarget.NotAvailable();
        }

        if (named is { } number)
        {
            var request = await requests.GetAsync(number, cancellationToken);
            return request is not null && access.CanView(request, actorAadObjectId) ? new AttachTarget.Found(request) : new AttachTarget.NotFound(number);
        }

        var own = await requests.ListByRequesterAsync(actorAadObjectId, null, OpenLookup, cancellationToken);
        var open = own.Items.Where(r => !WorkflowTable.IsTerminal(r.State)).ToList();
        if (access.RoleOf(actorAadObjectId) == Role.AlspProfessional)
        {
            var assigned = await requests.ListByAssigneeAsync(actorAadObjectId, null, OpenLookup, cancellationToken);
            open.AddRange(assigned.Items.Where(r => !WorkflowTable.IsTerminal(r.State) && open.All(o => o.Number != r.Number)));
        }

        return open.Count switch
        {
            0 => new AttachTarget.NoneOpen(),
            1 => new AttachTarget.Found(open[0]),
            _ => new AttachTarget.Several([.. open.Select(r => r.Number).OrderBy(n => n.Value)]),
        };
    }

    /// <summary>Whether files shared by link (in channels and group chats) can be taken here.</summary>
    public bool TakesLinks => documents is not null && links is not null;

    /// <summary>
    /// The file a sharing link names, downloaded through Microsoft Graph and then checked and kept exactly as a file
    /// sent in the chat (<see cref="AttachAsync"/>); its announced size is checked before anything is downloaded.
    /// </summary>
    public async Task<AttachOutcome> AttachLinkAsync(Person actor, RequestNumber number, string link, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (documents is null || links is null || !SharePointLinks.IsFileLink(link))
        {
            return new AttachOutcome.NotAvailable();
        }

        var request = await requests.GetAsync(number, cancellationToken);
        if (request is null || !access.CanView(request, actor.AadObjectId))
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "NotFound");
            return new AttachOutcome.NotFound(number);
        }

        SharedFile? shared;
        try
        {
            shared = await links.DescribeAsync(link, cancellationToken);
        }
        catch (RequestStoreUnavailableException)
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "StoreUnavailable");
            return new AttachOutcome.StoreUnavailable();
        }

        if (shared is null)
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "LinkNotReadable");
            return new AttachOutcome.LinkNotReadable();
        }

        if (shared.SizeInBytes > options.Value.MaxBytes)
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "TooLarge");
            return new AttachOutcome.TooLarge(options.Value.MaxBytes);
        }

        return await AttachAsync(actor, number, new IncomingFile(shared.Name, null, link), cancellationToken, links);
    }

    /// <summary>Downloads, checks and keeps <paramref name="file"/> on request <paramref name="number"/>, for <paramref name="actor"/> (the message's sender).</summary>
    /// <param name="via">How the file is downloaded: Teams' pre-authorized URL by default, a sharing link through Graph.</param>
    public async Task<AttachOutcome> AttachAsync(Person actor, RequestNumber number, IncomingFile file, CancellationToken cancellationToken, IFileDownloads? via = null)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(file);
        var from = via ?? downloads;
        if (documents is null || from is null)
        {
            return new AttachOutcome.NotAvailable();
        }

        var request = await requests.GetAsync(number, cancellationToken);
        if (request is null || !access.CanView(request, actor.AadObjectId))
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "NotFound");
            return new AttachOutcome.NotFound(number);
        }

        var settings = options.Value;
        var allowed = settings.Allowed();
        var type = DocumentNames.ExtensionOf(file.Name) ?? (string.IsNullOrWhiteSpace(file.FileType) ? null : DocumentTypes.Normalize(file.FileType));
        if (type is null || !allowed.Contains(type))
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "TypeNotAllowed");
            return new AttachOutcome.TypeNotAllowed(type, allowed);
        }

        // Downloaded to a temporary file that is gone once closed: never more than the cap, whatever Teams announced.
        var temporary = Path.Combine(Path.GetTempPath(), "legalbot-" + RequestDocument.NewId());
        await using var content = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var outcome = await from.DownloadAsync(file.DownloadUrl, settings.MaxBytes, content, cancellationToken);
        if (outcome != DownloadOutcome.Downloaded)
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, outcome.ToString());
            return outcome == DownloadOutcome.TooLarge ? new AttachOutcome.TooLarge(settings.MaxBytes) : new AttachOutcome.DownloadFailed();
        }

        content.Position = 0;
        if (!DocumentTypes.Matches(type, content))
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "ContentMismatch");
            return new AttachOutcome.ContentMismatch(type);
        }

        var document = new RequestDocument(RequestDocument.NewId(), number, DocumentNames.Sanitize(file.Name, type), type, content.Length, actor, time.GetUtcNow());
        try
        {
            await documents.AddAsync(document, content, cancellationToken);
        }
        catch (RequestStoreUnavailableException)
        {
            Log.DocumentRefused(logger, number, actor.AadObjectId, "StoreUnavailable");
            return new AttachOutcome.StoreUnavailable();
        }

        Log.DocumentAdded(logger, document.Id, number, actor.AadObjectId, document.SizeInBytes, type);

        // The store may keep it under another name (one already taken in the library's folder).
        var kept = await documents.FindAsync(document.Id, cancellationToken) ?? document;
        if (documents is IDocumentSharing sharing)
        {
            await ShareNewAsync(sharing, request, kept, cancellationToken);
        }

        await TellPartiesAsync(request, kept);
        return new AttachOutcome.Kept(kept, request);
    }

    /// <summary>
    /// The other parties hear of a new document: the request's posted cards are drawn again (they list it), and the
    /// requester or the assigned professional, whichever did not add it, gets a line in their chat. Legal staff see it
    /// on their cards.
    /// </summary>
    private async Task TellPartiesAsync(LegalRequest request, RequestDocument document)
    {
        if (outbox is null)
        {
            return;
        }

        var key = $"{request.Number}:documents:{document.Id}";
        var notices = new List<Notification> { new($"{key}:refresh", request.Number, NotificationKinds.Everyone, NotificationKinds.Refresh, null) };
        var line = $"{document.AddedBy.Name} added a document to {request.Number}: {document.Name}. Open it from the request's card.";
        foreach (var party in new[] { request.Requester.AadObjectId, request.AssignedTo?.AadObjectId })
        {
            if (party is not null && !string.Equals(party, document.AddedBy.AadObjectId, StringComparison.OrdinalIgnoreCase))
            {
                notices.Add(new Notification($"{key}:text:{party}", request.Number, party, NotificationKinds.Text, line));
            }
        }

        await outbox.EnqueueAsync(notices, time.GetUtcNow(), CancellationToken.None);
        signal?.Notify();
    }

    /// <summary>
    /// A file just kept is shared with the request's parties at once, so its link works when the card shows it. If that
    /// fails, the outbox shares the request's files again (retried until it holds); the file stays kept either way.
    /// The request is then read again: a reassignment that landed meanwhile may have shared the request's files before
    /// this one was listed, and this one went to the parties as they were; the outbox then shares them all again with
    /// the parties as they are now.
    /// </summary>
    private async Task ShareNewAsync(IDocumentSharing sharing, LegalRequest request, RequestDocument document, CancellationToken cancellationToken)
    {
        var parties = DocumentParties.Of(request, access);
        try
        {
            await sharing.ShareAsync(request.Number, parties, document.Id, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && outbox is not null)
        {
            Log.DocumentSharingQueued(logger, document.Id, request.Number, ex.GetType().Name);
            await outbox.EnqueueAsync([DocumentParties.SharingRow($"{request.Number}:documents:{document.Id}:share", request.Number)], time.GetUtcNow(), CancellationToken.None);
            return;
        }

        if (outbox is not null && !await SamePartiesAsync(request.Number, parties, cancellationToken))
        {
            Log.DocumentSharingQueued(logger, document.Id, request.Number, "PartiesChanged");
            await outbox.EnqueueAsync([DocumentParties.SharingRow($"{request.Number}:documents:{document.Id}:parties-changed", request.Number)], time.GetUtcNow(), CancellationToken.None);
        }
    }

    /// <summary>Whether the request's parties are still <paramref name="shared"/>; not known (the store unavailable) counts as changed.</summary>
    private async Task<bool> SamePartiesAsync(RequestNumber number, IReadOnlyCollection<string> shared, CancellationToken cancellationToken)
    {
        try
        {
            return await requests.GetAsync(number, cancellationToken) is { } now
                && DocumentParties.Of(now, access).ToHashSet(StringComparer.OrdinalIgnoreCase).SetEquals(shared);
        }
        catch (RequestStoreUnavailableException)
        {
            return false;
        }
    }

    /// <summary>The request's documents for <paramref name="viewer"/>: none unless they are a party to it (null viewer: the shared card, legal staff's).</summary>
    public async Task<IReadOnlyList<RequestDocument>> ListAsync(LegalRequest request, string? viewer, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return documents is null || viewer is not null && !access.CanView(request, viewer)
            ? []
            : await documents.ListAsync(request.Number, cancellationToken);
    }

    /// <summary>A Get pressed: the document to offer on a consent card, when the sender is a party to its request.</summary>
    public async Task<DocumentClaim> OfferAsync(string actorAadObjectId, string? documentId, bool isPersonal, CancellationToken cancellationToken)
    {
        var found = await FindForAsync(actorAadObjectId, documentId, "Offer", cancellationToken);
        if (found is not DocumentClaim.Ready ready)
        {
            return found;
        }

        if (!isPersonal)
        {
            return new DocumentClaim.NotPersonal();
        }

        Log.DocumentOffered(logger, ready.Document.Id, ready.Document.Number, actorAadObjectId);
        return ready;
    }

    /// <summary>The consent card accepted: the bytes, authorized again from the sender of the Accept (never from the card's context).</summary>
    public async Task<DocumentClaim> ClaimAsync(string actorAadObjectId, string? documentId, CancellationToken cancellationToken)
    {
        if (await FindForAsync(actorAadObjectId, documentId, "Claim", cancellationToken) is not DocumentClaim.Ready ready)
        {
            return new DocumentClaim.NotFound();
        }

        var bytes = await documents!.ReadAsync(ready.Document, cancellationToken);
        return bytes is null ? new DocumentClaim.NotFound() : ready with { Bytes = bytes };
    }

    private async Task<DocumentClaim> FindForAsync(string actorAadObjectId, string? documentId, string what, CancellationToken cancellationToken)
    {
        if (documents is null)
        {
            return new DocumentClaim.NotAvailable();
        }

        var document = RequestDocument.IsWellFormedId(documentId) ? await documents.FindAsync(documentId!, cancellationToken) : null;
        var request = document is null ? null : await requests.GetAsync(document.Number, cancellationToken);
        if (document is null || request is null || !access.CanView(request, actorAadObjectId))
        {
            Log.DocumentGetRefused(logger, documentId, actorAadObjectId, what);
            return new DocumentClaim.NotFound();
        }

        return new DocumentClaim.Ready(document, null);
    }
}
