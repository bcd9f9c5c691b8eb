namespace LegalBot.Core.Access;

/// <summary>
/// A person's profile as Microsoft Entra ID keeps it: name, address, department, job title and manager. Any part may be
/// missing (a guest often has no department or manager). Personal data: shown to legal staff, never logged.
/// </summary>
public sealed record UserProfile(string? DisplayName, string? Mail, string? Department, string? JobTitle, UserManager? Manager);

/// <summary>A person's manager (a user or an organizational contact).</summary>
public sealed record UserManager(string? DisplayName, string? Mail);

/// <summary>Reads profiles from the directory (Microsoft Graph in the Microsoft 365 mode).</summary>
public interface IUserProfileDirectory
{
    /// <summary>
    /// The profile of the user with this object id; null when the directory does not know them. Throws
    /// <see cref="UserProfileException"/> when it cannot tell.
    /// </summary>
    Task<UserProfile?> ReadAsync(string aadObjectId, CancellationToken cancellationToken);
}

/// <summary>Why a profile could not be read.</summary>
public enum UserProfileFailure
{
    /// <summary>Throttled past the retries, failing (5xx) or unreachable: it may work next time.</summary>
    Unavailable,

    /// <summary>The app lacks the permission to read users (<c>User.Read.All</c>).</summary>
    Forbidden,
}

public sealed class UserProfileException : Exception
{
    public UserProfileException()
    {
    }

    public UserProfileException(string message)
        : base(message)
    {
    }

    public UserProfileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public UserProfileException(UserProfileFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public UserProfileFailure Failure { get; }
}
