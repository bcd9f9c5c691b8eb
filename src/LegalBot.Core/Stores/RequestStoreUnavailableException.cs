namespace LegalBot.Core.Stores;

/// <summary>
/// The request store cannot be reached right now (throttled beyond its retries, down, or unreachable); nothing is
/// known to have been written unless the store says so. Worth trying again shortly.
/// </summary>
public sealed class RequestStoreUnavailableException : Exception
{
    public RequestStoreUnavailableException()
        : this("The request store cannot be reached right now.")
    {
    }

    public RequestStoreUnavailableException(string message)
        : base(message)
    {
    }

    public RequestStoreUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
