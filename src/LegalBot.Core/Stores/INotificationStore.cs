using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// A state change to apply if, and only if, the request is still at <see cref="ExpectedVersion"/>
/// (optimistic concurrency): two people acting at once, exactly one wins.
/// </summary>
public sealed record RequestChange
{
    /// <summary>
    /// Unique per change: applying the same change id again writes nothing and returns the outcome of the first
    /// time. The outbox stages the change's notifications under it (see <see cref="RequestChanges"/>).
    /// </summary>
    public required string ChangeId { get; init; }

    public required RequestNumber Number { get; init; }

    public required int ExpectedVersion { get; init; }

    public required RequestState To { get; init; }

    public required Person Actor { get; init; }

    /// <summary>The history line's action, such as "assign" or "accept".</summary>
    public required string Action { get; init; }

    public string? Note { get; init; }

    public required DateTimeOffset At { get; init; }

    /// <summary>Who the request is assigned to after the change; unchanged when <see cref="ChangesAssignee"/> is false.</summary>
    public Person? Assignee { get; init; }

    public bool ChangesAssignee { get; init; }

    /// <summary>Set on completion by an ALSP professional.</summary>
    public decimal? HoursSpent { get; init; }

    /// <summary>Set when the requester rates the work; <see cref="Note"/> is then their comment.</summary>
    public int? Rating { get; init; }

    /// <summary>
    /// The request's new target date, when the change moves it (legal staff accepting the requester's earlier date);
    /// unchanged when null. Its history line records it.
    /// </summary>
    public DateOnly? TargetDate { get; init; }

    /// <summary>The history line the change appends to a request that was in state <paramref name="from"/>, with what it set.</summary>
    public HistoryEntry HistoryLine(RequestState from) =>
        new(Number, At, Actor, Action, from, To, Note)
        {
            Assignee = ChangesAssignee ? Assignee : null,
            HoursSpent = HoursSpent,
            Rating = Rating,
            TargetDate = TargetDate,
        };
}

/// <summary>A notification owed because of a change (the outbox), staged and released with it (see <see cref="RequestChanges"/>).</summary>
/// <param name="Key">Unique per notification: saving the same key twice keeps one.</param>
/// <param name="Recipient">An AAD object id, or <see cref="TriageChannel"/> for the legal team's channel.</param>
/// <param name="Kind">What happened, for the dispatcher to render (e.g. "assigned", "state-changed").</param>
public sealed record Notification(string Key, RequestNumber Number, string Recipient, string Kind, string? Text)
{
    public const string TriageChannel = "channel:triage";
}

public abstract record ChangeOutcome
{
    public sealed record Applied(LegalRequest Request) : ChangeOutcome;

    /// <summary>Someone else changed the request first; nothing was written.</summary>
    public sealed record Conflict(LegalRequest Current) : ChangeOutcome;

    public sealed record NotFound : ChangeOutcome;
}

/// <summary>Notifications staged under a change id and not yet released or dropped.</summary>
/// <param name="StagedAt">When the first of them was staged.</param>
public sealed record StagedChange(string ChangeId, DateTimeOffset StagedAt);

/// <summary>How much the outbox holds undelivered: released notifications not yet delivered or given up on.</summary>
/// <param name="OldestSince">When the oldest of them was saved; null when there are none.</param>
public sealed record OutboxDepth(int Pending, DateTimeOffset? OldestSince);

/// <summary>An outbox row waiting to be delivered.</summary>
/// <param name="ActivityId">
/// The id the channel gave the message once it was posted (<see cref="INotificationStore.MarkSentAsync"/>); set on a
/// pending row, the message is already in the chat and must not be posted again.
/// </param>
/// <param name="LastError">Why the last attempt failed (a retry) or why it was given up; null when none failed.</param>
public sealed record OutboxItem(long Id, Notification Notification, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? ActivityId = null, string? LastError = null);

/// <summary>Where Teams can be reached for someone: a conversation the bot can post into proactively.</summary>
public sealed record ConversationAddress(string Key, string ServiceUrl, string ConversationId, string? TenantId, string ChannelId, string BotId);

/// <summary>A card the bot posted about a request, to update in place when the request changes.</summary>
/// <param name="ContentHash">
/// A hash of what the card shows now (apart from a one-off line answering a press), as last sent; null when
/// unknown. An update that would show the same is not sent.
/// </param>
public sealed record PostedCard(RequestNumber Number, string Recipient, string ConversationKey, string ActivityId, string? ContentHash = null);

/// <summary>
/// The outbox (notifications owed by changes), where Teams can reach people, and the cards the bot posted. A
/// store of its own, apart from the request aggregate: it may live in another system than the requests (a
/// local database next to a SharePoint list), so nothing here joins requests, and a change and its
/// notifications are kept together by the protocol in <see cref="RequestChanges"/>, not by a transaction.
/// </summary>
public interface INotificationStore
{
    /// <summary>
    /// Saves notifications owed by change <paramref name="changeId"/>, held: they are not due until
    /// <see cref="ReleaseAsync"/>. Keys already saved are ignored. <paramref name="number"/> is null when the
    /// change files a new request, whose number is only known when it is released.
    /// </summary>
    Task StageAsync(string changeId, RequestNumber? number, IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Makes the notifications staged under the change id due, about request <paramref name="number"/>; returns how
    /// many it made due (none when nothing is staged under it, or its keys were queued already). Releasing twice
    /// changes nothing.
    /// </summary>
    Task<int> ReleaseAsync(string changeId, RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>Deletes the notifications still staged under the change id (the change did not land). Released ones are kept.</summary>
    Task DropAsync(string changeId, CancellationToken cancellationToken = default);

    /// <summary>Changes with notifications still staged since <paramref name="before"/> or earlier, oldest first.</summary>
    Task<IReadOnlyList<StagedChange>> StagedAsync(DateTimeOffset before, int max, CancellationToken cancellationToken = default);

    /// <summary>Saves notifications on their own, due at once (e.g. a retry owed after a failed update); keys already saved are ignored.</summary>
    Task EnqueueAsync(IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Of <paramref name="keys"/>, those already queued: saved and released (pending, delivered or given up on), which
    /// <see cref="EnqueueAsync"/> would ignore. Read in one round trip, so a caller that plans the same keys again and
    /// again (the reminder poller) offers only the new ones.
    /// </summary>
    Task<IReadOnlySet<string>> QueuedKeysAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Undelivered released notifications due at <paramref name="now"/>, oldest first. A recipient's later notifications
    /// about a request are held back while an earlier one is waiting for a retry, so they arrive in order (the
    /// card before the text that points to it).
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// How long this instance's claim on the rows <see cref="DueAsync"/> returned holds unless renewed
    /// (<see cref="RenewClaimsAsync"/>); null when the store serves one instance and claims nothing.
    /// </summary>
    TimeSpan? ClaimLease { get; }

    /// <summary>
    /// Renews this instance's claim on rows <see cref="DueAsync"/> returned that it is still delivering, for a full
    /// <see cref="ClaimLease"/> from <paramref name="now"/>, so no other instance takes them while a long pass (a send
    /// waiting for room in a chat's rate windows) is still running. Returns the ids it still held and renewed; a row
    /// left out was taken over by another instance once the claim ran out, or is no longer pending, and must not be
    /// sent by this one.
    /// </summary>
    Task<IReadOnlyCollection<long>> RenewClaimsAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken = default);

    /// <summary>
    /// The released notifications not yet delivered or given up on, whether due now or waiting for a retry (staged ones
    /// are not counted), and when the oldest was saved: what operators alert on.
    /// </summary>
    Task<OutboxDepth> DepthAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Records the id the channel gave a posted message, right after the post and before anything else: if the
    /// process dies before <see cref="MarkDeliveredAsync"/>, the retry sees it and does not post a second copy.
    /// Only pending rows take it, and an id already recorded is kept.
    /// </summary>
    Task MarkSentAsync(long id, string activityId, CancellationToken cancellationToken = default);

    Task MarkDeliveredAsync(long id, DateTimeOffset at, CancellationToken cancellationToken = default);

    Task MarkRetryAsync(long id, DateTimeOffset nextAttemptAt, string error, CancellationToken cancellationToken = default);

    /// <summary>Gives up on a notification; it stays recorded with the error.</summary>
    Task MarkFailedAsync(long id, DateTimeOffset at, string error, CancellationToken cancellationToken = default);

    /// <summary>Notifications given up on for a request (shown to legal staff).</summary>
    Task<IReadOnlyList<OutboxItem>> FailedAsync(RequestNumber number, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forgets the notifications of <paramref name="kind"/> given up on for request <paramref name="number"/> that were
    /// queued before row <paramref name="beforeId"/>, once that row has done what they were for (the request's files
    /// shared after an earlier sharing failed): legal staff are no longer shown them. Returns how many were forgotten.
    /// </summary>
    Task<int> ForgetFailedAsync(RequestNumber number, string kind, long beforeId, CancellationToken cancellationToken = default);

    Task SaveAddressAsync(ConversationAddress address, CancellationToken cancellationToken = default);

    Task<ConversationAddress?> GetAddressAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a posted card (with its <see cref="PostedCard.ContentHash"/> when known). The latest few copies per
    /// request, recipient and chat are kept, so each is updated in place when the request changes.
    /// </summary>
    Task SaveCardAsync(PostedCard card, CancellationToken cancellationToken = default);

    /// <summary>Records what a posted card shows after an update in place (<see cref="PostedCard.ContentHash"/>); a card no longer kept is ignored.</summary>
    Task SaveCardContentAsync(PostedCard card, string contentHash, CancellationToken cancellationToken = default);

    /// <summary>The request's posted cards, by recipient and chat, the latest copy first.</summary>
    Task<IReadOnlyList<PostedCard>> CardsAsync(RequestNumber number, CancellationToken cancellationToken = default);
}
