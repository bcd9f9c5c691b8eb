namespace LegalBot.Core.Requests;

/// <summary>What a requester asked for, as confirmed before it is saved.</summary>
public sealed record RequestDraft
{
    public required string TypeKey { get; init; }
    public required string Title { get; init; }
    public required string Description { get; init; }
    public required string BusinessUnit { get; init; }
    public string? Counterparty { get; init; }
    public required Priority Priority { get; init; }
    public DateOnly? RequestedDueDate { get; init; }

    /// <summary>Type-specific answers keyed by field name (values already validated and normalized).</summary>
    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();
}

/// <summary>A filed legal request.</summary>
public sealed record LegalRequest
{
    public required RequestNumber Number { get; init; }
    public required RequestDraft Details { get; init; }
    public required Person Requester { get; init; }
    public string? TenantId { get; init; }
    public required RequestState State { get; init; }
    public Person? AssignedTo { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the type's target turnaround says it should be done.</summary>
    public required DateOnly TargetDate { get; init; }

    /// <summary>Incremented on every change; writes check it (optimistic concurrency).</summary>
    public required int Version { get; init; }

    /// <summary>When it reached <see cref="RequestState.Completed"/>.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>Hours the ALSP professional logged on completion.</summary>
    public decimal? HoursSpent { get; init; }

    /// <summary>The requester's rating of the work, 1 to 5, and their comment.</summary>
    public int? Rating { get; init; }

    public string? RatingComment { get; init; }

    /// <summary>
    /// The stretches the request waited on its requester (the service-level clock stopped), kept with the request as
    /// each change enters or leaves those states, so a listing can show where each request stands without reading
    /// its history. Null for a request filed before they were kept: read them from its history.
    /// </summary>
    public PauseLog? Pauses { get; init; }
}

/// <summary>One line of a request's append-only history, with what the change set.</summary>
/// <param name="Note">The note, question, answer, reason, outcome or rating comment the actor wrote.</param>
public sealed record HistoryEntry(
    RequestNumber Number,
    DateTimeOffset At,
    Person Actor,
    string Action,
    RequestState? FromState,
    RequestState ToState,
    string? Note)
{
    /// <summary>Who the request went to, when the change assigned it.</summary>
    public Person? Assignee { get; init; }

    /// <summary>The hours logged on completion.</summary>
    public decimal? HoursSpent { get; init; }

    /// <summary>The rating given, 1 to 5.</summary>
    public int? Rating { get; init; }

    /// <summary>The target date the change set (legal staff accepting the requester's earlier date).</summary>
    public DateOnly? TargetDate { get; init; }
}
