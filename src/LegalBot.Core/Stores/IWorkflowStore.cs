using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Core.Stores;

/// <summary>
/// A state change to apply if, and only if, the request is still at <see cref="ExpectedVersion"/>
/// (optimistic concurrency): two people acting at once, exactly one wins.
/// </summary>
public sealed record RequestChange
{
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
}

/// <summary>A notification owed because of a change, saved in the same transaction (the outbox).</summary>
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

/// <summary>An outbox row waiting to be delivered.</summary>
/// <param name="ActivityId">
/// The id the channel gave the message once it was posted (<see cref="IWorkflowStore.MarkSentAsync"/>); set on a
/// pending row, the message is already in the chat and must not be posted again.
/// </param>
public sealed record OutboxItem(long Id, Notification Notification, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset NextAttemptAt, string? ActivityId = null);

/// <summary>Where Teams can be reached for someone: a conversation the bot can post into proactively.</summary>
public sealed record ConversationAddress(string Key, string ServiceUrl, string ConversationId, string? TenantId, string ChannelId, string BotId);

/// <summary>A card the bot posted about a request, to update in place when the request changes.</summary>
/// <param name="ContentHash">
/// A hash of what the card shows now (apart from a one-off line answering a press), as last sent; null when
/// unknown. An update that would show the same is not sent.
/// </param>
public sealed record PostedCard(RequestNumber Number, string Recipient, string ConversationKey, string ActivityId, string? ContentHash = null);

/// <summary>Request changes, the outbox, and the addresses and cards the dispatcher needs.</summary>
public interface IWorkflowStore
{
    /// <summary>Applies the change, appends its history line and saves its notifications, atomically.</summary>
    Task<ChangeOutcome> ApplyAsync(RequestChange change, IReadOnlyList<Notification> notifications, CancellationToken cancellationToken = default);

    /// <summary>Saves notifications on their own (e.g. the triage card for a new request); keys already saved are ignored.</summary>
    Task EnqueueAsync(IReadOnlyList<Notification> notifications, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>
    /// Undelivered notifications due at <paramref name="now"/>, oldest first. A recipient's later notifications
    /// about a request are held back while an earlier one is waiting for a retry, so they arrive in order (the
    /// card before the text that points to it).
    /// </summary>
    Task<IReadOnlyList<OutboxItem>> DueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

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

    /// <summary>Open assignments and on-time record per ALSP professional.</summary>
    Task<IReadOnlyDictionary<string, ProfessionalStats>> ProfessionalStatsAsync(CancellationToken cancellationToken = default);

    /// <summary>Requests assigned to an ALSP professional and not finished, newest first.</summary>
    Task<RequestPage> ListByAssigneeAsync(string assigneeAadObjectId, int skip, int take, CancellationToken cancellationToken = default);
}
