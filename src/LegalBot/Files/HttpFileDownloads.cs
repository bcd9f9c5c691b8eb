using System.Net;
using System.Runtime.CompilerServices;
using LegalBot.Application.Documents;
using Microsoft.Extensions.Options;

namespace LegalBot.Files;

/// <summary>
/// Downloads a file a user sent in the 1:1 chat from the pre-authorized <c>downloadUrl</c> Teams gives in the message's
/// <c>application/vnd.microsoft.teams.file.download.info</c> attachment: a plain <c>GET</c> without an
/// <c>Authorization</c> header (the URL authorizes by itself, and is a secret: the named client logs neither it nor the
/// content). The body is streamed into the destination and the download stops as soon as more than the cap has
/// arrived, whatever <c>Content-Length</c> announced, and when <see cref="DocumentOptions.DownloadTimeout"/> has passed.
/// Only https URLs outside Development and test environments (<see cref="UploadSession.IsAllowed"/>).
/// </summary>
public sealed class HttpFileDownloads(IHttpClientFactory clients, IHostEnvironment environment, IOptions<DocumentOptions> options, ILogger<HttpFileDownloads> logger) : IFileDownloads
{
    public const string ClientName = "teams-file-download";

    public async Task<DownloadOutcome> DownloadAsync(string url, long maxBytes, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!Uri.TryCreate(url, UriKind.Absolute, out var address) || !UploadSession.IsAllowed(address, environment))
        {
            Log.DownloadFailed(logger, nameof(DownloadOutcome.UrlRefused), 0, 0);
            return DownloadOutcome.UrlRefused;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DownloadTimeout);
        var client = clients.CreateClient(ClientName);
        var received = new StrongBox<long>();
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, address);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                Log.DownloadFailed(logger, nameof(DownloadOutcome.Failed), (int)response.StatusCode, 0);
                return DownloadOutcome.Failed;
            }

            if (response.Content.Headers.ContentLength is { } announced && announced > maxBytes)
            {
                Log.DownloadFailed(logger, nameof(DownloadOutcome.TooLarge), 200, announced);
                return DownloadOutcome.TooLarge;
            }

            await using var body = await response.Content.ReadAsStreamAsync(timeout.Token);
            var within = await CappedCopy.CopyAsync(body, destination, maxBytes, received, timeout.Token);
            if (!within)
            {
                // A size that lied: stop reading (the connection is dropped) and keep nothing.
                Log.DownloadFailed(logger, nameof(DownloadOutcome.TooLarge), 200, received.Value);
                return DownloadOutcome.TooLarge;
            }

            return DownloadOutcome.Downloaded;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.DownloadFailed(logger, ex.GetType().Name, 0, received.Value);
            return DownloadOutcome.Failed;
        }
    }
}
