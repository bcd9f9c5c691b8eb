using LegalBot.Core.Requests;

namespace LegalBot.Cards;

/// <summary>The requester's requested due date as a card shows it, and why legal staff cannot accept it.</summary>
public static class RequestedDateText
{
    /// <summary>"1 Dec 2026 · the due date", "9 Dec 2026 · later than the turnaround date, which stands", or the date alone.</summary>
    public static string Fact(LegalRequest request, DateOnly requested)
    {
        ArgumentNullException.ThrowIfNull(request);
        var date = TimeText.Date(requested);
        if (!request.State.IsActive())
        {
            return date;
        }

        return requested == request.TargetDate ? $"{date} · the due date"
            : requested > request.TargetDate ? $"{date} · later than the turnaround date, which stands"
            : date;
    }

    /// <summary>Why the requested date cannot become the due date now (<see cref="RequestedDueDates.Check"/>), naming the dates.</summary>
    /// <param name="today">The legal team's date now.</param>
    public static string WhyNot(LegalRequest request, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        var n = request.Number;
        var target = TimeText.Date(request.TargetDate);
        var requested = request.Details.RequestedDueDate is { } r ? TimeText.Date(r) : "";
        return RequestedDueDates.Check(request, today) switch
        {
            RequestedDateCheck.NoneRequested => $"{n} has no requested due date, so its due date stays {target}. Nothing was changed.",
            RequestedDateCheck.AlreadyAccepted => $"{n} is already due on the requester's date, {requested}. Nothing was changed.",
            RequestedDateCheck.NotEarlier => $"The requested date, {requested}, is not earlier than {n}'s turnaround date, {target}, which stands. Nothing was changed.",
            RequestedDateCheck.Passed => $"The requested date, {requested}, has passed, so {n} stays due {target}. Nothing was changed.",
            RequestedDateCheck.NoDueDate => $"{n} is {request.State.Describe().ToLowerInvariant()}: it has no due date to change. Nothing was changed.",
            _ => $"{n} can take the requested date, {requested}, as its due date.",
        };
    }
}
