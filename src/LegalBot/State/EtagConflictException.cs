namespace LegalBot.State;

/// <summary>A write carried an ETag that no longer matches the stored item: someone else changed it first.</summary>
public sealed class EtagConflictException : Exception
{
    public EtagConflictException()
        : this("Etag conflict.")
    {
    }

    public EtagConflictException(string message)
        : base(message)
    {
    }

    public EtagConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
