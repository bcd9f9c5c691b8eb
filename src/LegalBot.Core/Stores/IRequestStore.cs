using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>A request to file, with the key that makes filing it idempotent.</summary>
/// <param name="SubmissionKey">The same key always yields the same request (double clicks, channel retries).</param>
public sealed record NewRequest(
    string SubmissionKey,
    RequestDraft Details,
    Person Requester,
    string? TenantId,
    DateTimeOffset At,
    DateOnly TargetDate)
{
    /// <summary>
    /// Notifications owed for the new request (the legal team's triage card), saved in the same
    /// transaction; their <see cref="Notification.Number"/> is set to the new request's number.
    /// </summary>
    public IReadOnlyList<Notification> Notifications { get; init; } = [];
}

/// <param name="Created">False when the submission key had already been used.</param>
public sealed record CreateResult(LegalRequest Request, bool Created);

public sealed record RequestPage(IReadOnlyList<LegalRequest> Items, int Total, int Skip, int Take)
{
    public bool HasMore => Skip + Items.Count < Total;
}

/// <summary>Where requests live. Every implementation passes the same contract test suite.</summary>
public interface IRequestStore
{
    /// <summary>Files a request in state <see cref="RequestState.Submitted"/> and writes its first history line, atomically.</summary>
    Task<CreateResult> CreateAsync(NewRequest request, CancellationToken cancellationToken = default);

    Task<LegalRequest?> GetAsync(RequestNumber number, CancellationToken cancellationToken = default);

    Task<LegalRequest?> FindBySubmissionKeyAsync(string submissionKey, CancellationToken cancellationToken = default);

    /// <summary>The requester's requests, newest first.</summary>
    Task<RequestPage> ListByRequesterAsync(string requesterAadObjectId, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>History oldest first.</summary>
    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>Throws when the store cannot be reached (used by readiness checks).</summary>
    Task PingAsync(CancellationToken cancellationToken = default);
}
