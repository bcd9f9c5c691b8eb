namespace LegalBot.Core.Stores;

/// <summary>
/// The document library refused to share a file for good (the recipient unknown to the directory, the permission not
/// granted, the file gone): trying again would not help. <see cref="Reason"/> is the service's status and code.
/// </summary>
public sealed class DocumentSharingRefusedException : Exception
{
    public DocumentSharingRefusedException()
        : this("The document library refused to share the file.")
    {
    }

    public DocumentSharingRefusedException(string message)
        : base(message)
    {
        Reason = message;
    }

    public DocumentSharingRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    /// <summary>What the service answered, for the log and the outbox row: "HTTP 400 invalidRequest".</summary>
    public string Reason { get; }
}
