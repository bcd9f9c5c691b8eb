namespace LegalBot.Core.Requests;

/// <summary>Whether legal staff may make the requester's requested due date the request's due date, and if not, why.</summary>
public enum RequestedDateCheck
{
    /// <summary>Earlier than the target date and not passed: it may become the due date.</summary>
    Acceptable,

    /// <summary>The requester gave no date.</summary>
    NoneRequested,

    /// <summary>The requested date is the due date already (accepted before).</summary>
    AlreadyAccepted,

    /// <summary>Not earlier than the turnaround's target date: the target date stands (it is the sooner).</summary>
    NotEarlier,

    /// <summary>Before the legal team's today: a due date in the past would make the request late at once.</summary>
    Passed,

    /// <summary>The request is closed or kept in-house: it has no due date.</summary>
    NoDueDate,
}

/// <summary>
/// The requester's own due date (the intake's "Requested due date"): legal staff may accept it in place of the type's
/// turnaround when it is earlier, which is the only way it becomes the due date. A later date is the requester's wish
/// only; the turnaround's date stands.
/// </summary>
public static class RequestedDueDates
{
    /// <param name="today">The legal team's date now.</param>
    public static RequestedDateCheck Check(LegalRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Details.RequestedDueDate is not { } requested)
        {
            return RequestedDateCheck.NoneRequested;
        }

        if (!request.State.IsActive())
        {
            return RequestedDateCheck.NoDueDate;
        }

        return requested == request.TargetDate ? RequestedDateCheck.AlreadyAccepted
            : requested > request.TargetDate ? RequestedDateCheck.NotEarlier
            : requested < today ? RequestedDateCheck.Passed
            : RequestedDateCheck.Acceptable;
    }
}
