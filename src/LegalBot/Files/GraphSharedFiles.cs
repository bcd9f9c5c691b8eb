using System.Runtime.CompilerServices;
using System.Text;
using LegalBot.Application.Documents;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Microsoft.Graph;
using Microsoft.Graph.Models.ODataErrors;

namespace LegalBot.Files;

/// <summary>
/// Files shared by link in the Microsoft 365 mode: in a channel or a group chat Teams gives a bot no file, so people
/// paste the file's SharePoint or OneDrive link. Graph resolves a sharing URL encoded as a share id ("u!" and the URL
/// in unpadded base64url): <c>GET /shares/{id}/driveItem</c> for its name and size, <c>GET
/// /shares/{id}/driveItem/content</c> for its bytes (a redirect to a pre-authenticated download), read with the
/// <c>Store:Graph</c> app (<c>Files.Read.All</c> for a library outside its site grant). Only https links to SharePoint
/// hosts are followed; the link, which may name the file, is never logged.
/// </summary>
public sealed class GraphSharedFiles(GraphServiceClient graph, IOptions<DocumentOptions> options, ILogger<GraphSharedFiles> logger) : ISharedFileLinks
{
    /// <summary>The share id Graph takes for a sharing URL.</summary>
    public static string ShareId(string link) =>
        "u!" + Convert.ToBase64String(Encoding.UTF8.GetBytes(link)).TrimEnd('=').Replace('/', '_').Replace('+', '-');

    public async Task<SharedFile?> DescribeAsync(string link, CancellationToken cancellationToken)
    {
        if (!SharePointLinks.IsFileLink(link))
        {
            return null;
        }

        try
        {
            var item = await graph.Shares[ShareId(link)].DriveItem.GetAsync(cancellationToken: cancellationToken);
            return item is { File: not null, Name: { Length: > 0 } name } ? new SharedFile(name, item.Size ?? 0) : null;
        }
        catch (ODataError error) when (error.ResponseStatusCode is 429 or >= 500)
        {
            throw new RequestStoreUnavailableException("Microsoft Graph is throttling or failing; try again shortly.", error);
        }
        catch (ODataError error)
        {
            Log.SharedLinkNotRead(logger, error.ResponseStatusCode, error.Error?.Code);
            return null;
        }
        catch (HttpRequestException exception)
        {
            throw new RequestStoreUnavailableException("Microsoft Graph cannot be reached.", exception);
        }
    }

    public async Task<DownloadOutcome> DownloadAsync(string url, long maxBytes, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        if (!SharePointLinks.IsFileLink(url))
        {
            return DownloadOutcome.UrlRefused;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.DownloadTimeout);
        var received = new StrongBox<long>();
        try
        {
            await using var body = await graph.Shares[ShareId(url)].DriveItem.Content.GetAsync(cancellationToken: timeout.Token);
            if (body is null)
            {
                return DownloadOutcome.Failed;
            }

            var within = await CappedCopy.CopyAsync(body, destination, maxBytes, received, timeout.Token);
            if (!within)
            {
                Log.DownloadFailed(logger, nameof(DownloadOutcome.TooLarge), 200, received.Value);
                return DownloadOutcome.TooLarge;
            }

            return DownloadOutcome.Downloaded;
        }
        catch (ODataError error)
        {
            Log.DownloadFailed(logger, nameof(DownloadOutcome.Failed), error.ResponseStatusCode, received.Value);
            return DownloadOutcome.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException || ex is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            Log.DownloadFailed(logger, ex.GetType().Name, 0, received.Value);
            return DownloadOutcome.Failed;
        }
    }
}
