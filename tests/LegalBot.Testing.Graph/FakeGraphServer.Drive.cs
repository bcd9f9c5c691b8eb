using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace LegalBot.Testing.Graph;

/// <summary>A file or folder of a fake document library.</summary>
public sealed class FakeDriveItem(string id, string name, string? parentId, bool folder)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string? ParentId { get; } = parentId;

    public bool IsFolder { get; } = folder;

    public byte[] Content { get; internal set; } = [];

    /// <summary>
    /// Whether the library's own permissions (its site's members) still apply to the item: until it is first shared with
    /// <c>retainInheritedPermissions</c> false (the default is true).
    /// </summary>
    public bool InheritsPermissions { get; internal set; } = true;

    /// <summary>Who the item was shared with (object ids of users or groups) and the role each was given.</summary>
    public Dictionary<string, string> SharedWith { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The id of the sharing permission of each object id in <see cref="SharedWith"/>.</summary>
    internal Dictionary<string, string> PermissionIds { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>A document library (a SharePoint drive): its items by id, the root folder among them.</summary>
public sealed class FakeDrive(string id, string name)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    internal Dictionary<string, FakeDriveItem> Items { get; } = new(StringComparer.OrdinalIgnoreCase) { ["root"] = new FakeDriveItem("root", "root", null, folder: true) };

    /// <summary>The file at <paramref name="path"/> (folders separated by '/'), or null.</summary>
    public FakeDriveItem? Find(string path)
    {
        lock (Items)
        {
            FakeDriveItem? current = Items["root"];
            foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
            {
                current = Items.Values.FirstOrDefault(i => i.ParentId == current!.Id && string.Equals(i.Name, part, StringComparison.OrdinalIgnoreCase));
                if (current is null)
                {
                    return null;
                }
            }

            return current;
        }
    }
}

/// <summary>
/// Document libraries, as Graph documents driveItems: <c>POST /drives/{drive}/items/root:/{path}:/createUploadSession</c>
/// (an <c>item</c> with <c>@microsoft.graph.conflictBehavior</c> and <c>name</c>; 200 with an <c>uploadUrl</c>), the
/// byte ranges PUT to that URL in order without an Authorization header (401 with one), each range but the last a
/// multiple of 320 KiB and under 60 MiB, with <c>Content-Range: bytes {first}-{last}/{total}</c> (202 with
/// <c>nextExpectedRanges</c>; 416 for a range out of order; the last range 201 with the driveItem, folders on the path
/// made as needed, a name taken renamed "name 1.ext" with <c>rename</c>, 409 <c>nameAlreadyExists</c> with <c>fail</c>);
/// <c>GET /drives/{drive}/items/{id}/content</c> (302 to a pre-authenticated download URL); <c>POST
/// /drives/{drive}/items/{id}/invite</c> (recipients by <c>objectId</c>, <c>roles</c> read or write,
/// <c>requireSignIn</c>, <c>sendInvitation</c>; 200 with the permissions); <c>GET /drives/{drive}/items/{id}/permissions</c>
/// (the effective permissions: the site owners' <c>owner</c> permission, the library's inherited one while the item
/// inherits, and each sharing, granted to a user or a group, in <c>grantedToV2</c>); <c>DELETE
/// /drives/{drive}/items/{id}/permissions/{permission}</c> (204; only a permission set on the item itself, not inherited).
/// </summary>
public sealed partial class FakeGraphServer
{
    /// <summary>The largest range one PUT may carry (Graph: under 60 MiB).</summary>
    private const int MaxRangeBytes = 60 * 1024 * 1024;

    /// <summary>Ranges but the last must be multiples of this (320 KiB).</summary>
    private const int RangeUnit = 320 * 1024;

    private readonly Dictionary<string, FakeDrive> drives = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, UploadSession> uploads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FakeDriveItem> downloads = new(StringComparer.Ordinal);

    public FakeDrive AddDrive(string name)
    {
        var drive = new FakeDrive("b!" + Guid.NewGuid().ToString("N"), name);
        lock (drives)
        {
            drives[drive.Id] = drive;
        }

        return drive;
    }

    /// <summary>The upload PUTs received, in order: the session, its Content-Range and the status answered.</summary>
    public IReadOnlyList<(string Session, string? ContentRange, int Status)> UploadRanges
    {
        get
        {
            lock (drives)
            {
                return [.. uploadLog];
            }
        }
    }

    private readonly List<(string Session, string? ContentRange, int Status)> uploadLog = [];

    private sealed class UploadSession(FakeDrive drive, string folderPath, string name, string conflictBehavior, DateTimeOffset expires)
    {
        public FakeDrive Drive { get; } = drive;

        public string FolderPath { get; } = folderPath;

        public string Name { get; } = name;

        public string ConflictBehavior { get; } = conflictBehavior;

        public DateTimeOffset Expires { get; } = expires;

        public MemoryStream Received { get; } = new();
    }

    private FakeDrive Drive(string id)
    {
        lock (drives)
        {
            return drives.GetValueOrDefault(id) ?? throw new GraphErrorException(404, "itemNotFound", "The requested drive was not found.");
        }
    }

    /// <summary>The drive routes; null when the path is not one of them.</summary>
    private GraphResult? DriveRoute(string method, string path, Query query, string? body, string route)
    {
        const string prefix = "/v1.0/drives/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = path[prefix.Length..];
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return null;
        }

        var drive = Drive(rest[..slash]);
        rest = rest[(slash + 1)..];
        const string byPath = "items/root:/";
        const string session = ":/createUploadSession";
        if (method == "POST" && rest.StartsWith(byPath, StringComparison.Ordinal) && rest.EndsWith(session, StringComparison.Ordinal))
        {
            return WithQuery(query, route, [], () => CreateUploadSession(drive, Uri.UnescapeDataString(rest[byPath.Length..^session.Length]), Body(body)));
        }

        var parts = rest.Split('/');
        return (method, parts) switch
        {
            ("GET", ["items", var item, "content"]) => WithQuery(query, route, [], () => Content(drive, item)),
            ("POST", ["items", var item, "invite"]) => WithQuery(query, route, [], () => Invite(drive, item, Body(body))),
            ("GET", ["items", var item, "permissions"]) => WithQuery(query, route, [], () => Permissions(drive, item)),
            ("DELETE", ["items", var item, "permissions", var permission]) => WithQuery(query, route, [], () => DeletePermission(drive, item, permission)),
            _ => null,
        };
    }

    /// <summary>
    /// Whether the app may read files anywhere in the tenant (<c>Files.Read.All</c>); without it a sharing link to a
    /// library outside its grant is refused (403 <c>accessDenied</c>).
    /// </summary>
    public bool FilesReadGranted { get; set; } = true;

    /// <summary>
    /// <c>GET /shares/{id}/driveItem</c> and <c>GET /shares/{id}/driveItem/content</c>: a sharing URL encoded as Graph
    /// documents it ("u!" and the URL in unpadded base64url), resolved to the file whose <c>webUrl</c> it is (404
    /// <c>itemNotFound</c> for any other, 400 <c>invalidRequest</c> for an id not so encoded); null for other paths.
    /// </summary>
    private GraphResult? SharesRoute(string method, string[] segments, Query query, string route) => (method, segments) switch
    {
        ("GET", ["shares", var id, "driveItem"]) => WithQuery(query, route, [], () =>
        {
            var (drive, file) = Shared(id);
            return GraphResult.Json(200, ItemJson(drive, file));
        }),
        ("GET", ["shares", var id, "driveItem", "content"]) => WithQuery(query, route, [], () =>
        {
            var (drive, file) = Shared(id);
            return Content(drive, file.Id);
        }),
        _ => null,
    };

    private (FakeDrive Drive, FakeDriveItem File) Shared(string shareId)
    {
        if (!shareId.StartsWith("u!", StringComparison.Ordinal))
        {
            throw new NotImplementedByFakeException("a share id other than an encoded sharing URL");
        }

        string url;
        try
        {
            var encoded = shareId[2..].Replace('-', '+').Replace('_', '/');
            url = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(encoded.PadRight(encoded.Length + ((4 - (encoded.Length % 4)) % 4), '=')));
        }
        catch (FormatException)
        {
            throw new GraphErrorException(400, "invalidRequest", "The sharing token is not valid.");
        }

        if (!FilesReadGranted)
        {
            throw new GraphErrorException(403, "accessDenied", "Access denied");
        }

        lock (drives)
        {
            foreach (var drive in drives.Values)
            {
                foreach (var item in drive.Items.Values.Where(i => !i.IsFolder))
                {
                    if ((string?)ItemJson(drive, item)["webUrl"] == url)
                    {
                        return (drive, item);
                    }
                }
            }
        }

        throw new GraphErrorException(404, "itemNotFound", "The sharing link no longer exists, or you do not have permission to access it.");
    }

    /// <summary>Puts a file in a library as someone would in SharePoint (a team's channel files), and gives its webUrl: its sharing link.</summary>
    public string AddFile(FakeDrive drive, string path, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(drive);
        lock (drives)
        {
            var cut = path.LastIndexOf('/');
            var folder = EnsureFolder(drive, cut < 0 ? "" : path[..cut]);
            var file = new FakeDriveItem(Guid.NewGuid().ToString("N").ToUpperInvariant(), path[(cut + 1)..], folder.Id, folder: false) { Content = content };
            drive.Items[file.Id] = file;
            return (string)ItemJson(drive, file)["webUrl"]!;
        }
    }

    private GraphResult CreateUploadSession(FakeDrive drive, string itemPath, JsonObject body)
    {
        OnlyKnown(body, ["item", "deferCommit"], "createUploadSession");
        if (body["deferCommit"] is not null)
        {
            throw new NotImplementedByFakeException("deferCommit");
        }

        var item = body["item"] as JsonObject ?? [];
        OnlyKnown(item, ["@microsoft.graph.conflictBehavior", "name"], "driveItemUploadableProperties");
        var behavior = (string?)item["@microsoft.graph.conflictBehavior"] ?? "fail";
        if (behavior is not ("fail" or "replace" or "rename"))
        {
            throw new GraphErrorException(400, "invalidRequest", $"Invalid conflict behavior '{behavior}'.");
        }

        var cut = itemPath.LastIndexOf('/');
        var name = itemPath[(cut + 1)..];
        if ((string?)item["name"] is { } named && named != name)
        {
            throw new GraphErrorException(400, "invalidRequest", "The name in the path and the item's name differ.");
        }

        if (name.Length == 0 || name.IndexOfAny(['"', '*', ':', '<', '>', '?', '/', '\\', '|']) >= 0 || name.StartsWith('~') || name.EndsWith('.'))
        {
            throw new GraphErrorException(400, "invalidRequest", "The provided name contains invalid characters.");
        }

        var id = Guid.NewGuid().ToString("N");
        lock (drives)
        {
            uploads[id] = new UploadSession(drive, cut < 0 ? "" : itemPath[..cut], name, behavior, time.GetUtcNow().AddDays(1));
        }

        return GraphResult.Json(200, new JsonObject
        {
            ["uploadUrl"] = $"{BaseUrl}upload/{id}",
            ["expirationDateTime"] = time.GetUtcNow().AddDays(1).ToString("o", CultureInfo.InvariantCulture),
        });
    }

    /// <summary>A PUT of one byte range to an upload URL: raw bytes, outside the Graph routes.</summary>
    private async Task UploadRangeAsync(HttpContext http, string id)
    {
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, http.RequestAborted);
        var range = http.Request.Headers.ContentRange.ToString();
        var (status, result) = AcceptRange(http, id, range, buffer.ToArray());
        lock (drives)
        {
            uploadLog.Add((id, range, status));
        }

        requests.Enqueue(new RecordedRequest(http.Request.Method, http.Request.Path.Value ?? "", "", new Dictionary<string, string>(), null, false, status));
        await WriteAsync(http.Response, result);
    }

    private (int Status, GraphResult Result) AcceptRange(HttpContext http, string id, string range, byte[] bytes)
    {
        static (int, GraphResult) Fail(int status, string code, string message) => (status, GraphResult.Error(status, code, message));
        if (!HttpMethods.IsPut(http.Request.Method))
        {
            return Fail(501, "notImplemented", $"The fake does not implement {http.Request.Method} on an upload URL.");
        }

        if (http.Request.Headers.Authorization.Count > 0)
        {
            return Fail(401, "unauthenticated", "An upload URL is pre-authenticated: send no Authorization header.");
        }

        lock (drives)
        {
            if (!uploads.TryGetValue(id, out var session))
            {
                return Fail(404, "itemNotFound", "The upload session was not found.");
            }

            if (!TryParseRange(range, out var first, out var last, out var total) || last - first + 1 != bytes.Length || bytes.Length > MaxRangeBytes)
            {
                return Fail(400, "invalidRange", "The Content-Range header is missing or does not match the bytes sent.");
            }

            if (first != session.Received.Length)
            {
                return Fail(416, "invalidRange", "The uploaded fragment overlaps with data that has already been received or is out of order.");
            }

            if (last + 1 < total && bytes.Length % RangeUnit != 0)
            {
                return Fail(400, "invalidRange", "Fragments must be a multiple of 320 KiB.");
            }

            session.Received.Write(bytes);
            if (last + 1 < total)
            {
                return (202, GraphResult.Json(202, new JsonObject
                {
                    ["expirationDateTime"] = session.Expires.ToString("o", CultureInfo.InvariantCulture),
                    ["nextExpectedRanges"] = new JsonArray((JsonNode)$"{last + 1}-"),
                }));
            }

            uploads.Remove(id);
            var folder = EnsureFolder(session.Drive, session.FolderPath);
            var name = session.Name;
            var taken = session.Drive.Items.Values.FirstOrDefault(i => i.ParentId == folder.Id && string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase));
            if (taken is not null)
            {
                switch (session.ConflictBehavior)
                {
                    case "fail":
                        return Fail(409, "nameAlreadyExists", "Another file exists with the same name as the uploaded session.");
                    case "replace":
                        session.Drive.Items.Remove(taken.Id);
                        break;
                    default:
                        var stem = Path.GetFileNameWithoutExtension(name);
                        var extension = Path.GetExtension(name);
                        for (var n = 1; session.Drive.Items.Values.Any(i => i.ParentId == folder.Id && string.Equals(i.Name, name, StringComparison.OrdinalIgnoreCase)); n++)
                        {
                            name = string.Create(CultureInfo.InvariantCulture, $"{stem} {n}{extension}");
                        }

                        break;
                }
            }

            var file = new FakeDriveItem(Guid.NewGuid().ToString("N").ToUpperInvariant(), name, folder.Id, folder: false) { Content = session.Received.ToArray() };
            session.Drive.Items[file.Id] = file;
            return (201, GraphResult.Json(201, ItemJson(session.Drive, file)));
        }
    }

    private static bool TryParseRange(string range, out long first, out long last, out long total)
    {
        first = last = total = 0;
        if (!range.StartsWith("bytes ", StringComparison.Ordinal))
        {
            return false;
        }

        var slash = range.Split('/');
        var dash = slash[0]["bytes ".Length..].Split('-');
        return slash.Length == 2 && dash.Length == 2
            && long.TryParse(dash[0], NumberStyles.None, CultureInfo.InvariantCulture, out first)
            && long.TryParse(dash[1], NumberStyles.None, CultureInfo.InvariantCulture, out last)
            && long.TryParse(slash[1], NumberStyles.None, CultureInfo.InvariantCulture, out total)
            && first <= last && last < total;
    }

    private static FakeDriveItem EnsureFolder(FakeDrive drive, string path)
    {
        var current = drive.Items["root"];
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            var next = drive.Items.Values.FirstOrDefault(i => i.ParentId == current.Id && i.IsFolder && string.Equals(i.Name, part, StringComparison.OrdinalIgnoreCase));
            if (next is null)
            {
                next = new FakeDriveItem(Guid.NewGuid().ToString("N").ToUpperInvariant(), part, current.Id, folder: true);
                drive.Items[next.Id] = next;
            }

            current = next;
        }

        return current;
    }

    private static JsonObject ItemJson(FakeDrive drive, FakeDriveItem item) => new()
    {
        ["id"] = item.Id,
        ["name"] = item.Name,
        ["size"] = item.Content.Length,
        ["webUrl"] = $"https://contoso.sharepoint.com/sites/legal/{Uri.EscapeDataString(drive.Name)}/{Uri.EscapeDataString(item.Name)}",
        ["file"] = new JsonObject(),
        ["parentReference"] = new JsonObject { ["driveId"] = drive.Id, ["id"] = item.ParentId },
    };

    private FakeDriveItem File(FakeDrive drive, string id)
    {
        lock (drives)
        {
            return drive.Items.GetValueOrDefault(id) is { IsFolder: false } file ? file : throw new GraphErrorException(404, "itemNotFound", "The resource could not be found.");
        }
    }

    private GraphResult Content(FakeDrive drive, string id)
    {
        var file = File(drive, id);
        var token = Guid.NewGuid().ToString("N");
        lock (drives)
        {
            downloads[token] = file;
        }

        return new GraphResult(302, null, new Dictionary<string, string> { ["Location"] = $"{BaseUrl}download/{token}" });
    }

    /// <summary>A GET of a pre-authenticated download URL: the file's bytes, once.</summary>
    private async Task DownloadAsync(HttpContext http, string token)
    {
        FakeDriveItem? file;
        lock (drives)
        {
            downloads.Remove(token, out file);
        }

        requests.Enqueue(new RecordedRequest(http.Request.Method, http.Request.Path.Value ?? "", "", new Dictionary<string, string>(), null, false, file is null ? 404 : 200));
        if (file is null || !HttpMethods.IsGet(http.Request.Method))
        {
            http.Response.StatusCode = 404;
            return;
        }

        http.Response.ContentType = "application/octet-stream";
        await http.Response.Body.WriteAsync(file.Content, http.RequestAborted);
    }

    private GraphResult Invite(FakeDrive drive, string id, JsonObject body)
    {
        OnlyKnown(body, ["recipients", "roles", "requireSignIn", "sendInvitation", "message", "retainInheritedPermissions"], "invite");
        var file = File(drive, id);
        var roles = (body["roles"] as JsonArray)?.Select(r => (string?)r).ToList() ?? [];
        if (roles.Count != 1 || roles[0] is not ("read" or "write"))
        {
            throw new GraphErrorException(400, "invalidRequest", "roles must be read or write.");
        }

        if (body["requireSignIn"] is null || body["sendInvitation"] is null)
        {
            throw new GraphErrorException(400, "invalidRequest", "requireSignIn and sendInvitation are required.");
        }

        var recipients = body["recipients"] as JsonArray ?? throw new GraphErrorException(400, "invalidRequest", "recipients is required.");
        lock (drives)
        {
            // Only the first sharing may drop what the item inherits.
            if (file.SharedWith.Count == 0 && body["retainInheritedPermissions"] is JsonValue retain && !retain.GetValue<bool>())
            {
                file.InheritsPermissions = false;
            }
        }

        var permissions = new JsonArray();
        foreach (var recipient in recipients.OfType<JsonObject>())
        {
            OnlyKnown(recipient, ["objectId", "email"], "driveRecipient");
            var who = (string?)recipient["objectId"] ?? throw new NotImplementedByFakeException("a recipient without objectId");
            if (!IsDirectoryUser(who) && !IsGroup(who))
            {
                throw new GraphErrorException(400, "invalidRequest", $"The recipient '{who}' could not be resolved.");
            }

            string permissionId;
            lock (drives)
            {
                // Sharing again with someone who has access changes their role on the same permission.
                file.SharedWith[who] = roles[0]!;
                if (!file.PermissionIds.TryGetValue(who, out permissionId!))
                {
                    permissionId = Guid.NewGuid().ToString("N");
                    file.PermissionIds[who] = permissionId;
                }
            }

            permissions.Add(Permission(permissionId, roles[0]!, who));
        }

        return GraphResult.Json(200, new JsonObject { ["value"] = permissions });
    }

    private bool IsGroup(string id)
    {
        lock (groups)
        {
            return groups.ContainsKey(id);
        }
    }

    private JsonObject Permission(string id, string role, string who) => new()
    {
        ["id"] = id,
        ["roles"] = new JsonArray((JsonNode)role),
        ["grantedToV2"] = new JsonObject { [IsGroup(who) ? "group" : "user"] = new JsonObject { ["id"] = who } },
    };

    private GraphResult Permissions(FakeDrive drive, string id)
    {
        var file = File(drive, id);
        var value = new JsonArray
        {
            new JsonObject
            {
                ["id"] = "3",
                ["roles"] = new JsonArray((JsonNode)"owner"),
                ["grantedToV2"] = new JsonObject { ["siteGroup"] = new JsonObject { ["id"] = "3", ["displayName"] = "Legal Owners" } },
            },
        };
        lock (drives)
        {
            if (file.InheritsPermissions)
            {
                value.Add(new JsonObject
                {
                    ["id"] = "4",
                    ["roles"] = new JsonArray((JsonNode)"write"),
                    ["grantedToV2"] = new JsonObject { ["siteGroup"] = new JsonObject { ["id"] = "4", ["displayName"] = "Legal Members" } },
                    ["inheritedFrom"] = new JsonObject { ["driveId"] = drive.Id, ["id"] = file.ParentId },
                });
            }

            foreach (var (who, role) in file.SharedWith)
            {
                value.Add(Permission(file.PermissionIds[who], role, who));
            }
        }

        return GraphResult.Json(200, new JsonObject { ["value"] = value });
    }

    private GraphResult DeletePermission(FakeDrive drive, string id, string permission)
    {
        var file = File(drive, id);
        lock (drives)
        {
            var who = file.PermissionIds.FirstOrDefault(p => p.Value == permission).Key;
            if (who is null)
            {
                throw permission is "3" or "4"
                    ? new GraphErrorException(403, "accessDenied", "Only sharing permissions set on the item itself can be deleted.")
                    : new GraphErrorException(404, "itemNotFound", "The permission was not found.");
            }

            file.PermissionIds.Remove(who);
            file.SharedWith.Remove(who);
        }

        return new GraphResult(204, null);
    }
}
