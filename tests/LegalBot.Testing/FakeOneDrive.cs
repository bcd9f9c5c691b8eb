using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace LegalBot.Testing;

/// <summary>A file the bot finished uploading to a user's OneDrive, as the upload session put it together.</summary>
public sealed record UploadedFile(string Name, string UniqueId, byte[] Bytes);

/// <summary>
/// The OneDrive side of Teams' file consent flow, served by the fake channel: when a user accepts a file consent card,
/// Teams creates an upload session in their OneDrive and gives the bot its URL in the invoke's <c>uploadInfo</c>
/// (<see cref="Offer"/>). The session behaves as OneDrive documents "upload bytes to the upload session": each
/// <c>PUT</c> carries <c>Content-Length</c> and <c>Content-Range: bytes start-end/total</c>, the next fragment starting
/// where the last ended; 202 with <c>nextExpectedRanges</c> until the last byte, then 201 with the drive item, after
/// which the session is gone (404). A missing or wrong range is 400 or 416, an <c>Authorization</c> header 401 (the URL
/// authorizes by itself). Every refused request is recorded with the channel's unexpected calls, so tests fail loudly.
/// </summary>
public sealed partial class FakeOneDrive(Uri baseUrl, Action<string> unexpected, Action signal)
{
    private const string SharePoint = "https://contoso.sharepoint.com/personal/";

    /// <summary>Teams' attachment content type for a file a user sends to a bot in the 1:1 chat.</summary>
    public const string FileDownloadInfo = "application/vnd.microsoft.teams.file.download.info";

    private readonly ConcurrentDictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SharedFile> shared = new(StringComparer.Ordinal);
    private int downloads;
    private readonly ConcurrentQueue<UploadedFile> uploads = new();
    private int requests;

    /// <summary>Answers every upload request with this status when set (OneDrive failing), recorded as expected.</summary>
    public int? FailWith { get; set; }

    /// <summary>Waits on the request's abort before answering when set (OneDrive not answering).</summary>
    public bool Hang { get; set; }

    /// <summary>Files uploaded completely, in order.</summary>
    public IReadOnlyList<UploadedFile> Uploads => [.. uploads];

    /// <summary>Every GET the bot made to a download URL, whatever the answer.</summary>
    public int Downloads => Volatile.Read(ref downloads);

    /// <summary>Every PUT the bot made to an upload session, whatever the answer.</summary>
    public int Requests => Volatile.Read(ref requests);

    /// <summary>
    /// What Teams puts in <c>uploadInfo</c> when <paramref name="user"/> accepts a consent card for
    /// <paramref name="fileName"/>: a fresh upload session, where the file will be, and its drive item id.
    /// </summary>
    public JsonObject Offer(TeamsUser user, string fileName)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = Guid.NewGuid().ToString("N");
        var uniqueId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        sessions[id] = new Session(fileName, uniqueId);
        var folder = user.Email.Replace('@', '_').Replace('.', '_');
        return new JsonObject
        {
            ["contentUrl"] = $"{SharePoint}{folder}/Documents/Applications/{Uri.EscapeDataString(fileName)}",
            ["name"] = fileName,
            ["uploadUrl"] = new Uri(baseUrl, $"onedrive/upload/{id}").ToString(),
            ["uniqueId"] = uniqueId,
            ["fileType"] = Path.GetExtension(fileName).TrimStart('.'),
            ["etag"] = "1",
        };
    }

    /// <summary>
    /// What Teams puts in a message when <paramref name="user"/> sends <paramref name="fileName"/> to the bot in the 1:1
    /// chat: the file goes to their OneDrive ("Microsoft Teams Chat Files") and the message carries an attachment of
    /// <see cref="FileDownloadInfo"/> whose content has a pre-authorized <c>downloadUrl</c> (a plain GET, no
    /// Authorization), the drive item's <c>uniqueId</c>, the <c>fileType</c> (its extension) and an <c>etag</c>.
    /// </summary>
    /// <param name="hideLength">Send the body without Content-Length (chunked), so only counting the bytes tells its size.</param>
    public JsonObject Share(TeamsUser user, string fileName, byte[] bytes, bool hideLength = false)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = Guid.NewGuid().ToString("N");
        var uniqueId = Guid.NewGuid().ToString("D").ToUpperInvariant();
        shared[token] = new SharedFile(bytes, hideLength);
        var folder = user.Email.Replace('@', '_').Replace('.', '_');
        return new JsonObject
        {
            ["contentType"] = FileDownloadInfo,
            ["contentUrl"] = $"{SharePoint}{folder}/Documents/Microsoft Teams Chat Files/{Uri.EscapeDataString(fileName)}",
            ["name"] = fileName,
            ["content"] = new JsonObject
            {
                ["downloadUrl"] = new Uri(baseUrl, $"onedrive/download/{token}").ToString(),
                ["uniqueId"] = uniqueId,
                ["fileType"] = Path.GetExtension(fileName).TrimStart('.'),
                ["etag"] = "1",
            },
        };
    }

    /// <summary>The download URL of a file sent in the chat: the bytes with Content-Length (unless hidden), 404 for an unknown URL.</summary>
    internal async Task<IResult> GetAsync(string token, HttpContext http)
    {
        Interlocked.Increment(ref downloads);
        try
        {
            if (http.Request.Headers.Authorization.Count > 0)
            {
                return Refuse(401, "unauthenticated", "Do not send an Authorization header to a download URL.", http);
            }

            if (!shared.TryGetValue(token, out var file))
            {
                return Refuse(404, "itemNotFound", "The download URL does not exist or has expired.", http);
            }

            http.Response.StatusCode = 200;
            http.Response.ContentType = "application/octet-stream";
            if (!file.HideLength)
            {
                http.Response.ContentLength = file.Bytes.Length;
            }

            try
            {
                for (var offset = 0; offset < file.Bytes.Length; offset += 65536)
                {
                    await http.Response.Body.WriteAsync(file.Bytes.AsMemory(offset, Math.Min(65536, file.Bytes.Length - offset)), http.RequestAborted);
                    await http.Response.Body.FlushAsync(http.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The bot stopped reading (a file over its limit): expected.
            }

            return Results.Empty;
        }
        finally
        {
            signal();
        }
    }

    internal async Task<IResult> PutAsync(string sessionId, HttpContext http)
    {
        Interlocked.Increment(ref requests);
        try
        {
            return await AnswerAsync(sessionId, http);
        }
        finally
        {
            signal();
        }
    }

    private async Task<IResult> AnswerAsync(string sessionId, HttpContext http)
    {
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.StatusCode(FakeChannel.Abandoned);
        }

        if (FailWith is { } status)
        {
            return Error(status, "serviceNotAvailable", "The service is not available.");
        }

        var request = http.Request;
        if (request.Headers.Authorization.Count > 0)
        {
            return Refuse(401, "unauthenticated", "Do not send an Authorization header to an upload URL.", http);
        }

        if (!sessions.TryGetValue(sessionId, out var session))
        {
            return Refuse(404, "itemNotFound", "The upload session does not exist or has completed.", http);
        }

        if (ContentRange().Match(request.Headers.ContentRange.ToString()) is not { Success: true } range)
        {
            return Refuse(400, "invalidRequest", "Content-Range is required: bytes start-end/total.", http);
        }

        var start = long.Parse(range.Groups["start"].Value, CultureInfo.InvariantCulture);
        var end = long.Parse(range.Groups["end"].Value, CultureInfo.InvariantCulture);
        var total = long.Parse(range.Groups["total"].Value, CultureInfo.InvariantCulture);
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        var bytes = body.ToArray();
        lock (session)
        {
            if (end < start || end >= total || request.ContentLength != end - start + 1 || bytes.Length != end - start + 1)
            {
                return Refuse(400, "invalidRequest", "Content-Length must match Content-Range.", http);
            }

            if (start != session.Received.Length || (session.Total is { } known && known != total))
            {
                return Refuse(416, "invalidRange", "The fragment does not start at the next expected byte.", http);
            }

            session.Total = total;
            session.Received.Write(bytes);
            if (session.Received.Length < total)
            {
                return Results.Json(
                    new JsonObject
                    {
                        ["expirationDateTime"] = "2026-12-01T00:00:00Z",
                        ["nextExpectedRanges"] = new JsonArray(session.Received.Length.ToString(CultureInfo.InvariantCulture) + "-"),
                    },
                    statusCode: 202);
            }
        }

        sessions.TryRemove(sessionId, out _);
        var file = new UploadedFile(session.Name, session.UniqueId, session.Received.ToArray());
        uploads.Enqueue(file);
        return Results.Json(
            new JsonObject
            {
                ["id"] = session.UniqueId,
                ["name"] = session.Name,
                ["size"] = file.Bytes.Length,
                ["file"] = new JsonObject { ["mimeType"] = "text/csv" },
            },
            statusCode: 201);
    }

    private IResult Refuse(int status, string code, string message, HttpContext http)
    {
        unexpected($"{http.Request.Method} {http.Request.Path} ({status} {code})");
        return Error(status, code, message);
    }

    private static IResult Error(int status, string code, string message) =>
        Results.Json(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } }, statusCode: status);

    [GeneratedRegex(@"^bytes (?<start>\d{1,12})-(?<end>\d{1,12})/(?<total>\d{1,12})$", RegexOptions.CultureInvariant)]
    private static partial Regex ContentRange();

    private sealed record SharedFile(byte[] Bytes, bool HideLength);

    private sealed class Session(string name, string uniqueId)
    {
        public string Name { get; } = name;

        public string UniqueId { get; } = uniqueId;

        public long? Total { get; set; }

        public MemoryStream Received { get; } = new();
    }
}
