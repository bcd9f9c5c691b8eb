using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>A stretch of time a request waited on its requester (the service-level clock stopped); open while it still waits.</summary>
public sealed record Pause(DateTimeOffset Start, DateTimeOffset? End);

/// <summary>
/// One assignment of a request to an ALSP professional, and how they answered it: accepted, declined, or neither
/// (still waiting, or reassigned before they answered).
/// </summary>
/// <param name="ProfessionalName">Their name as the assignment recorded it, so former professionals can still be found.</param>
public sealed record Assignment(string ProfessionalId, string ProfessionalName, DateTimeOffset At, DateTimeOffset? AcceptedAt = null, DateTimeOffset? DeclinedAt = null);

/// <summary>
/// One request as legal operations measures it: when it was filed, triaged, assigned, accepted and completed, who did
/// the work, the hours, the rating, and when it waited on its requester. No text of the request.
/// </summary>
/// <param name="TriagedAt">The first triage decision: assigned, kept in-house, asked for information or rejected.</param>
/// <param name="AcceptedAt">The last acceptance by an ALSP professional; <see cref="AcceptedBy"/> accepted it.</param>
/// <param name="AssignedAt">The assignment that acceptance answered (the last one before it), or the last one when none was accepted.</param>
public sealed record RequestFacts(
    RequestNumber Number,
    string TypeKey,
    RequestState State,
    DateTimeOffset FiledAt,
    DateOnly TargetDate,
    DateTimeOffset? TriagedAt,
    DateTimeOffset? AssignedAt,
    DateTimeOffset? AcceptedAt,
    string? AcceptedBy,
    DateTimeOffset? CompletedAt,
    string? AssigneeId,
    decimal? HoursSpent,
    int? Rating,
    IReadOnlyList<Pause> Pauses)
{
    /// <summary>Every assignment of the request, oldest first (the scorecards count them per professional).</summary>
    public IReadOnlyList<Assignment> Assignments { get; init; } = [];
}

/// <summary>
/// The facts the legal-ops metrics, scorecards, exports and reminders are computed from, read without one round trip
/// per request however many requests there are: in one pass of queries (SQLite, PostgreSQL), or from the SharePoint
/// lists' delta feeds into memory (the Microsoft 365 mode).
/// </summary>
public interface IRequestFacts
{
    /// <summary>
    /// Every request filed in [<paramref name="from"/>, <paramref name="to"/>), completed in it, assigned in it, or open
    /// now (the backlog), in no particular order, each with its assignments.
    /// </summary>
    Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default);
}
