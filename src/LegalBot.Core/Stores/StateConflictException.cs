namespace LegalBot.Core.Stores;

/// <summary>
/// A state write expected an etag the stored document no longer has: someone else wrote it first. Nothing of the
/// batch was saved (see <see cref="IStateStore.WriteAsync"/>).
/// </summary>
public sealed class StateConflictException : Exception
{
    public StateConflictException()
        : this("The state document changed since it was read.")
    {
    }

    public StateConflictException(string message)
        : base(message)
    {
    }

    public StateConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StateConflictException(string key, string expectedETag, string currentETag)
        : base("The state document changed since it was read: expected etag " + expectedETag + ", found " + currentETag + ".")
    {
        Key = key;
        ExpectedETag = expectedETag;
        CurrentETag = currentETag;
    }

    /// <summary>The key of the document that changed.</summary>
    public string? Key { get; }

    /// <summary>The etag the write expected.</summary>
    public string? ExpectedETag { get; }

    /// <summary>The etag the stored document has.</summary>
    public string? CurrentETag { get; }
}
