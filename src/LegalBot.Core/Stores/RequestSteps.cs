namespace LegalBot.Core.Stores;

/// <summary>
/// One request's triage, assignment and answer lines (<see cref="RequestFactsLines.StepActions"/>), read oldest first,
/// and the facts they give: the first triage decision, the last acceptance and who gave it, the assignment that
/// acceptance answered (the last one before it, or the last one when none was accepted), and every assignment with its
/// answer. Every store reads its lines into this, so they all answer alike.
/// </summary>
public sealed class RequestSteps
{
    private readonly List<Assignment> assignments = [];
    private DateTimeOffset? triaged;
    private DateTimeOffset? lastAssigned;
    private DateTimeOffset? assignedBeforeAcceptance;
    private DateTimeOffset? accepted;
    private string? acceptedBy;

    /// <param name="assigneeId">Whom an assignment line gave the request to (null on other lines).</param>
    /// <param name="assigneeName">Their name as the line recorded it.</param>
    public void Add(string action, DateTimeOffset at, string actor, string? assigneeId, string? assigneeName)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (triaged is null && RequestFactsLines.TriageActions.Contains(action))
        {
            triaged = at;
        }

        if (RequestFactsLines.AssignActions.Contains(action))
        {
            lastAssigned = at;
            if (assigneeId is not null)
            {
                assignments.Add(new Assignment(assigneeId, assigneeName ?? "", at));
            }

            return;
        }

        var isAccept = action == RequestFactsLines.AcceptAction;
        if (isAccept)
        {
            (accepted, acceptedBy, assignedBeforeAcceptance) = (at, actor, lastAssigned);
        }

        // An answer counts for the assignment before it when its professional gave it; a reassignment leaves the one
        // before it unanswered.
        if ((isAccept || action == RequestFactsLines.DeclineAction)
            && assignments.Count > 0
            && assignments[^1] is { AcceptedAt: null, DeclinedAt: null } open
            && string.Equals(open.ProfessionalId, actor, StringComparison.OrdinalIgnoreCase))
        {
            assignments[^1] = isAccept ? open with { AcceptedAt = at } : open with { DeclinedAt = at };
        }
    }

    /// <summary>The request's facts with what its lines give.</summary>
    public RequestFacts ApplyTo(RequestFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        return facts with
        {
            TriagedAt = triaged,
            AssignedAt = accepted is null ? lastAssigned : assignedBeforeAcceptance,
            AcceptedAt = accepted,
            AcceptedBy = acceptedBy,
            Assignments = [.. assignments],
        };
    }
}

/// <summary>
/// The step lines of many requests, ordered by request and then line, read into each wanted request's facts in
/// <paramref name="rows"/> as they stream by (lines of requests not in <paramref name="rows"/> are passed over).
/// </summary>
public sealed class RequestStepsReader(Dictionary<long, RequestFacts> rows)
{
    private long number = -1;
    private RequestSteps? steps;

    /// <summary>Whether the next line, of request <paramref name="requestNumber"/>, is wanted; if so, <see cref="Add"/> it.</summary>
    public bool Wants(long requestNumber)
    {
        if (requestNumber != number)
        {
            Finish();
            number = requestNumber;
            steps = rows.ContainsKey(requestNumber) ? new RequestSteps() : null;
        }

        return steps is not null;
    }

    /// <inheritdoc cref="RequestSteps.Add"/>
    public void Add(string action, DateTimeOffset at, string actor, string? assigneeId, string? assigneeName) =>
        (steps ?? throw new InvalidOperationException("Ask Wants first.")).Add(action, at, actor, assigneeId, assigneeName);

    /// <summary>Writes the last request's facts; call after the last line.</summary>
    public void Finish()
    {
        if (steps is not null)
        {
            rows[number] = steps.ApplyTo(rows[number]);
            steps = null;
        }
    }
}
