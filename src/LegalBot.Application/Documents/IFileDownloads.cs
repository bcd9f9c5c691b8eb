namespace LegalBot.Application.Documents;

/// <summary>How a download ended.</summary>
public enum DownloadOutcome
{
    Downloaded,

    /// <summary>More than the cap arrived (whatever size was announced); what arrived is to be thrown away.</summary>
    TooLarge,

    /// <summary>The URL is not one the bot downloads from (plain http in production, credentials, not a URL).</summary>
    UrlRefused,

    /// <summary>An error status, a failed connection, or no end within the timeout.</summary>
    Failed,
}

/// <summary>Downloads a file a user sent in the chat (the pre-authorized <c>downloadUrl</c> Teams gives) into a stream, with a cap and a timeout.</summary>
public interface IFileDownloads
{
    Task<DownloadOutcome> DownloadAsync(string url, long maxBytes, Stream destination, CancellationToken cancellationToken);
}

/// <summary>A file a sharing link names: the name it has where it is, and its size as the library reports it.</summary>
public sealed record SharedFile(string Name, long SizeInBytes);

/// <summary>
/// Files shared by link (a SharePoint or OneDrive file's link pasted in a channel or a group chat, where Teams gives a
/// bot no file): what a link names, and its bytes downloaded (through <see cref="IFileDownloads.DownloadAsync"/>, with
/// the link as the URL). Only links to the organisation's libraries are followed.
/// </summary>
public interface ISharedFileLinks : IFileDownloads
{
    /// <summary>
    /// The file <paramref name="link"/> names; null when it names none the bot may read (unknown, gone, a folder, no
    /// access). Microsoft Graph unavailable: <see cref="LegalBot.Core.Stores.RequestStoreUnavailableException"/>.
    /// </summary>
    Task<SharedFile?> DescribeAsync(string link, CancellationToken cancellationToken);

}

/// <summary>Links to files in SharePoint Online and OneDrive for Business, the only links taken as files.</summary>
public static class SharePointLinks
{
    /// <summary>The SharePoint Online host names of each cloud; a tenant's sites are their subdomains.</summary>
    private static readonly string[] Hosts = [".sharepoint.com", ".sharepoint.us", ".sharepoint-mil.us", ".sharepoint.cn"];

    /// <summary>Links longer than this are not followed (SharePoint's own sharing links are far shorter).</summary>
    public const int MaxLength = 2048;

    /// <summary>An https link, on the default port, without credentials, to a SharePoint Online host.</summary>
    public static bool IsFileLink(string? link) =>
        link is { Length: <= MaxLength }
        && Uri.TryCreate(link, UriKind.Absolute, out var url)
        && url.Scheme == Uri.UriSchemeHttps
        && url.UserInfo.Length == 0
        && url.IsDefaultPort
        && Hosts.Any(h => url.Host.EndsWith(h, StringComparison.OrdinalIgnoreCase));
}
