namespace LegalBot.Core.Access;

/// <summary>
/// Where roles come from besides configuration: the members of the legal-staff and ALSP groups in Microsoft Entra ID
/// (transitive: nested groups count, guests too) and the ALSP roster (firm, specialties, rate, capacity). Read in the
/// background, never within a turn; <see cref="AccessPolicy.Apply"/> takes what was read.
/// </summary>
public interface IRoleDirectory
{
    /// <summary>Reads both groups and the roster; throws <see cref="RoleDirectoryException"/> when it cannot.</summary>
    Task<RoleDirectoryRead> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// One read of the directory. A group that is not configured is null (it adds nobody); an empty set is a group with no
/// members. <paramref name="Roster"/> holds every roster row as read, valid or not.
/// </summary>
public sealed record RoleDirectoryRead(
    IReadOnlySet<string>? LegalStaffMembers,
    IReadOnlySet<string>? AlspMembers,
    IReadOnlyList<RosterRow> Roster);

/// <summary>A roster row: where it was read (<c>ALSP Roster item 7</c>, for logs) and the professional it describes.</summary>
public sealed record RosterRow(string Source, AlspProfessional Professional);

/// <summary>Why the directory could not be read.</summary>
public enum RoleDirectoryFailure
{
    /// <summary>Throttled past the retries, failing (5xx) or unreachable: it may work next time.</summary>
    Unavailable,

    /// <summary>A configured group does not exist (a wrong id).</summary>
    GroupNotFound,

    /// <summary>The app lacks the permission to read group members (<c>GroupMember.Read.All</c>) or the roster.</summary>
    Forbidden,

    /// <summary>The roster list does not exist (not provisioned).</summary>
    RosterNotFound,
}

public sealed class RoleDirectoryException : Exception
{
    public RoleDirectoryException()
    {
    }

    public RoleDirectoryException(string message)
        : base(message)
    {
    }

    public RoleDirectoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RoleDirectoryException(RoleDirectoryFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public RoleDirectoryFailure Failure { get; }
}

/// <summary>
/// What <see cref="AccessPolicy.Apply"/> made of a read, for the log: how many people hold each role now, the ALSP group
/// members without a usable roster row (not ALSP professionals until they have one), and rows that were not used (with why).
/// </summary>
public sealed record RoleDirectoryOutcome(
    int LegalStaff,
    int Alsp,
    IReadOnlyList<string> AlspMembersWithoutRosterRow,
    IReadOnlyList<string> RejectedRows);
