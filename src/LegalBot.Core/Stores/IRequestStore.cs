using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Core.Stores;

/// <summary>A request to file, with the key that makes filing it idempotent.</summary>
/// <param name="SubmissionKey">
/// The same key always yields the same request (double clicks, channel retries). It is also the creation's change
/// id: <see cref="IRequestStore.FindChangeAsync"/> finds the request by it.
/// </param>
public sealed record NewRequest(
    string SubmissionKey,
    RequestDraft Details,
    Person Requester,
    string? TenantId,
    DateTimeOffset At,
    DateOnly TargetDate);

/// <param name="Created">False when the submission key had already been used.</param>
public sealed record CreateResult(LegalRequest Request, bool Created);

/// <summary>One page of a listing.</summary>
/// <param name="Items">At most the number asked for.</param>
/// <param name="ContinuationToken">
/// Where the next page starts, opaque to callers and meaningful only to the store that issued it; null on the last
/// page. A token may lead to an empty page (a store paging by its service's next links cannot always tell the last
/// page), and requests filed after the first page do not appear on later pages.
/// </param>
public sealed record RequestPage(IReadOnlyList<LegalRequest> Items, string? ContinuationToken)
{
    public bool HasMore => ContinuationToken is not null;
}

/// <summary>A continuation token this store did not issue, or one that was altered.</summary>
public sealed class InvalidContinuationTokenException(string message) : ArgumentException(message, "continuationToken");

/// <summary>
/// Where requests live: the request aggregate, a request and its history lines, each written as one unit with a
/// version. Every implementation passes the same contract test suite. Request numbers are unique and shown as
/// LR-n; nothing promises where they start or that they have no gaps.
/// </summary>
public interface IRequestStore
{
    /// <summary>Files a request in state <see cref="RequestState.Submitted"/> with its first history line, as one unit.</summary>
    Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies the change and appends its history line, as one unit, if the request is still at
    /// <see cref="RequestChange.ExpectedVersion"/>. A change id already applied writes nothing and returns
    /// <see cref="ChangeOutcome.Applied"/> with the request as it is now.
    /// </summary>
    Task<ChangeOutcome> ApplyAsync(RequestChange change, CancellationToken cancellationToken = default);

    /// <summary>
    /// The request a change landed on: one applied with this <see cref="RequestChange.ChangeId"/>, or filed with
    /// this <see cref="NewRequest.SubmissionKey"/>; null when no such change was written.
    /// </summary>
    Task<RequestNumber?> FindChangeAsync(string changeId, CancellationToken cancellationToken = default);

    Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default);

    Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default);

    /// <summary>
    /// The requester's requests, newest first, <paramref name="take"/> at most (clamped to 1..50), starting where
    /// <paramref name="continuationToken"/> (from the previous page of the same listing) points, or at the newest
    /// when null. Throws <see cref="InvalidContinuationTokenException"/> for a token this store cannot read.
    /// </summary>
    Task<RequestPage> ListByRequesterAsync(string requesterAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Requests assigned to an ALSP professional and open (as counted by <see cref="ProfessionalStatsAsync"/>), newest
    /// first, paged as <see cref="ListByRequesterAsync"/>.
    /// </summary>
    Task<RequestPage> ListByAssigneeAsync(string assigneeAadObjectId, string? continuationToken, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every request, whoever filed it, newest first, <paramref name="take"/> at most (clamped to
    /// 1..<see cref="RequestRules.MaxRecentPageSize"/>), one store query per page, paged as
    /// <see cref="ListByRequesterAsync"/>: for legal staff, who may see any request. Its caller applies any access
    /// rule.
    /// </summary>
    Task<RequestPage> ListRecentAsync(string? continuationToken, int take, CancellationToken cancellationToken = default);

    /// <summary>
    /// Per ALSP professional with anything open or completed: requests assigned to them and open (assigned, in
    /// progress or waiting on the requester); completed by them; and of those, completed on or before the target
    /// date, taking the date where the completion happened (its offset).
    /// </summary>
    Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>History oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached (used by readiness checks).</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
