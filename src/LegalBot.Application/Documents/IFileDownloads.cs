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
