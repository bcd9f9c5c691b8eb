using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Drives.Item.Items.Item.CreateUploadSession;
using Microsoft.Graph.Drives.Item.Items.Item.Invite;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph;

/// <summary>A file in the document library: its driveItem id, the name it was kept under, and the address that opens it.</summary>
public sealed record LibraryFile(string ItemId, string Name, string? WebUrl, long SizeInBytes);

/// <summary>One sharing of a library file: the permission's id and the user or group (Entra object id) it was given to.</summary>
public sealed record LibraryGrant(string PermissionId, string PrincipalId);

/// <summary>
/// The document library that holds the requests' files in the Microsoft 365 mode (<see cref="GraphStoreOptions.DocumentsDriveId"/>):
/// a folder per request ("LR-1042"), each file uploaded through an upload session by the SDK's
/// <see cref="LargeFileUploadTask{T}"/> (ranges of ten times 320 KiB, PUT without the bearer token, as Graph requires),
/// a name already taken renamed rather than replaced; shared only with the people named (<c>invite</c> with
/// <c>requireSignIn</c>, no e-mail, and the library's inherited permissions dropped), read or write; read back through
/// <c>/content</c> within a size cap.
/// </summary>
/// <param name="uploads">
/// The request adapter the upload ranges go through: anonymous (an upload URL is pre-authenticated), over the client's
/// transport; the SDK's default adapter when null.
/// </param>
public sealed class GraphDocumentLibrary(GraphServiceClient graph, IOptions<GraphStoreOptions> options, IRequestAdapter? uploads = null)
{
    /// <summary>The size of each range sent: a multiple of 320 KiB, as SharePoint requires.</summary>
    public const int SliceSize = 10 * 320 * 1024;

    private string DriveId => options.Value.DocumentsDriveId?.Trim() is { Length: > 0 } id
        ? id
        : throw new InvalidOperationException($"{GraphStoreOptions.Section}:DocumentsDriveId is not set.");

    /// <summary>
    /// Uploads <paramref name="content"/> (seekable; its whole length) as <paramref name="name"/> (already sanitised) into
    /// the request's folder. Graph unreachable or throttling past the retries: <see cref="RequestStoreUnavailableException"/>.
    /// </summary>
    public async Task<LibraryFile> UploadAsync(RequestNumber number, string name, Stream content, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(content);
        var body = new CreateUploadSessionPostRequestBody
        {
            Item = new DriveItemUploadableProperties
            {
                Name = name,
                AdditionalData = new Dictionary<string, object> { ["@microsoft.graph.conflictBehavior"] = "rename" },
            },
        };
        var session = await Unavailable(() => graph.Drives[DriveId].Items["root"].ItemWithPath($"{number}/{name}").CreateUploadSession.PostAsync(body, cancellationToken: cancellationToken))
            ?? throw new RequestStoreUnavailableException("Microsoft Graph opened no upload session.");
        // The documentation names nextExpectedRanges optional in this answer; the upload task needs it (nothing received yet).
        session.NextExpectedRanges ??= ["0-"];
        var task = new LargeFileUploadTask<DriveItem>(session, content, SliceSize, uploads);
        var result = await Unavailable(() => task.UploadAsync(cancellationToken: cancellationToken));
        if (!result.UploadSucceeded || result.ItemResponse?.Id is not { } id)
        {
            throw new RequestStoreUnavailableException("The upload to the document library did not complete.");
        }

        return new LibraryFile(id, result.ItemResponse.Name ?? name, result.ItemResponse.WebUrl, result.ItemResponse.Size ?? content.Length);
    }

    /// <summary>Shares the file with these people (Entra object ids) only, signed in, without an e-mail; <paramref name="write"/> lets them change it.</summary>
    public async Task ShareAsync(string itemId, IReadOnlyCollection<string> people, bool write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(people);
        if (people.Count == 0)
        {
            return;
        }

        var body = new InvitePostRequestBody
        {
            Recipients = [.. people.Select(p => new DriveRecipient { ObjectId = p })],
            Roles = [write ? "write" : "read"],
            RequireSignIn = true,
            SendInvitation = false,

            // The library's own permissions (its site's members) do not reach a request's files: only its parties.
            RetainInheritedPermissions = false,
        };
        await Unavailable(() => graph.Drives[DriveId].Items[itemId].Invite.PostAsInvitePostResponseAsync(body, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// The people and groups the file was shared with on the item itself: each sharing permission granted to a user or a
    /// group (read or write). Permissions the item inherits and its owners' are not among them (they are never changed).
    /// </summary>
    public async Task<IReadOnlyList<LibraryGrant>> GrantsAsync(string itemId, CancellationToken cancellationToken)
    {
        var grants = new List<LibraryGrant>();
        var page = await Unavailable(() => graph.Drives[DriveId].Items[itemId].Permissions.GetAsync(cancellationToken: cancellationToken));
        while (page is not null)
        {
            foreach (var permission in page.Value ?? [])
            {
                var who = permission.GrantedToV2?.User?.Id ?? permission.GrantedToV2?.Group?.Id;
                if (permission.Id is { } id && who is not null && permission.InheritedFrom is null
                    && permission.Roles is { } roles && roles.All(r => r is "read" or "write"))
                {
                    grants.Add(new LibraryGrant(id, who));
                }
            }

            if (page.OdataNextLink is not { } next)
            {
                break;
            }

            page = await Unavailable(() => graph.Drives[DriveId].Items[itemId].Permissions.WithUrl(next).GetAsync(cancellationToken: cancellationToken));
        }

        return grants;
    }

    /// <summary>Takes a sharing permission off the file (<see cref="GrantsAsync"/>); one already gone is taken as done.</summary>
    public async Task RevokeAsync(string itemId, string permissionId, CancellationToken cancellationToken)
    {
        try
        {
            await Unavailable(async () =>
            {
                await graph.Drives[DriveId].Items[itemId].Permissions[permissionId].DeleteAsync(cancellationToken: cancellationToken);
                return true;
            });
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            // Taken off meanwhile (by a site owner, or another instance): what was asked holds.
        }
    }

    /// <summary>The file's bytes; null when it is gone or larger than <paramref name="maxBytes"/>.</summary>
    public async Task<byte[]?> ReadAsync(string itemId, long maxBytes, CancellationToken cancellationToken)
    {
        Stream? stream;
        try
        {
            stream = await Unavailable(() => graph.Drives[DriveId].Items[itemId].Content.GetAsync(cancellationToken: cancellationToken));
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return null;
        }

        if (stream is null)
        {
            return null;
        }

        await using (stream)
        {
            using var copy = new MemoryStream();
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (copy.Length + read > maxBytes)
                {
                    return null;
                }

                copy.Write(buffer, 0, read);
            }

            return copy.ToArray();
        }
    }

    private static async Task<T> Unavailable<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (ODataError error) when (error.ResponseStatusCode is 429 or 500 or 502 or 503 or 504)
        {
            throw new RequestStoreUnavailableException("Microsoft Graph is throttling or failing; try again shortly.", error);
        }
        catch (HttpRequestException exception)
        {
            throw new RequestStoreUnavailableException("Microsoft Graph cannot be reached.", exception);
        }
    }
}
