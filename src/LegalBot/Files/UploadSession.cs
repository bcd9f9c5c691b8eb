using System.Net;
using System.Net.Http.Headers;
using LegalBot.Application.Export;
using Microsoft.Extensions.Options;

namespace LegalBot.Files;

/// <summary>How an upload ended.</summary>
public enum UploadOutcome
{
    Uploaded,

    /// <summary>The upload URL is not one the bot sends files to (plain http in production, or not a URL).</summary>
    UrlRefused,

    /// <summary>OneDrive answered with an error status.</summary>
    Refused,

    /// <summary>No answer within <see cref="ExportOptions.UploadTimeout"/>, or the connection failed.</summary>
    Unreachable,
}

/// <summary>
/// Puts a file's bytes to the OneDrive upload session Teams hands out when a user accepts a file consent card:
/// <c>PUT</c>s of at most <see cref="FragmentBytes"/> each, with <c>Content-Range</c>, answered 202 until the last,
/// which is answered 201 (or 200) with the new drive item. The URL carries its own authorization, so no
/// <c>Authorization</c> header is sent; it is a secret too, so this client logs neither it nor the content (the
/// named client has no HTTP loggers). Only https URLs outside Development and test environments; there, the fake
/// channel's plain http on the loopback interface.
/// </summary>
public sealed class UploadSession(IHttpClientFactory clients, IHostEnvironment environment, IOptions<ExportOptions> options, ILogger<UploadSession> logger)
{
    public const string ClientName = "onedrive-upload";

    /// <summary>OneDrive wants fragments in multiples of 320 KiB, at most 60 MiB: ten of them.</summary>
    public const int FragmentBytes = 10 * 320 * 1024;

    /// <summary>https always; plain http only to a loopback address and never in Production.</summary>
    public static bool IsAllowed(Uri url, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(environment);
        return url.IsAbsoluteUri && string.IsNullOrEmpty(url.UserInfo)
            && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp && url.IsLoopback && !environment.IsProduction());
    }

    public async Task<UploadOutcome> UploadAsync(string? uploadUrl, byte[] bytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var url) || !IsAllowed(url, environment))
        {
            Log.UploadFailed(logger, nameof(UploadOutcome.UrlRefused), 0);
            return UploadOutcome.UrlRefused;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.UploadTimeout);
        var client = clients.CreateClient(ClientName);
        try
        {
            for (var offset = 0; offset < bytes.Length;)
            {
                var length = Math.Min(FragmentBytes, bytes.Length - offset);
                using var content = new ByteArrayContent(bytes, offset, length);
                content.Headers.ContentLength = length;
                content.Headers.ContentRange = new ContentRangeHeaderValue(offset, offset + length - 1, bytes.Length);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = content };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
                offset += length;
                var expected = offset == bytes.Length
                    ? response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK
                    : response.StatusCode == HttpStatusCode.Accepted;
                if (!expected)
                {
                    Log.UploadFailed(logger, nameof(UploadOutcome.Refused), (int)response.StatusCode);
                    return UploadOutcome.Refused;
                }
            }

            return UploadOutcome.Uploaded;
        }
        catch (Exception ex) when (ex is HttpRequestException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.UploadFailed(logger, ex.GetType().Name, 0);
            return UploadOutcome.Unreachable;
        }
    }
}
