using System.Globalization;
using LegalBot.Core.Requests;

namespace LegalBot.Cards;

/// <summary>
/// Reminders and escalations, sent as plain text: each names the request and what to do, and quotes nothing anyone
/// typed (no title, no description), so there is nothing to escape.
/// </summary>
public static class ReminderText
{
    /// <summary>"Reminder: LR-1042 is due on 2 Dec 2026, in 1 business day. Please complete it, or ask the requester now if you need anything from them."</summary>
    public static string DueSoon(RequestNumber number, DateOnly due, int businessDays) =>
        $"Reminder: {number} is due on {TimeText.Date(due)}, in {Days(businessDays)}. "
        + "Please complete it, or ask the requester now if you need anything from them.";

    /// <summary>The due date passed without the work being completed.</summary>
    public static string Missed(RequestNumber number, DateOnly due) =>
        $"{number} was due on {TimeText.Date(due)} and is not completed. "
        + "Please complete it today, or tell the legal team when it will be done.";

    /// <summary>To legal staff: an open request is past its due date.</summary>
    public static string Overdue(RequestNumber number, DateOnly due, string? assignee) =>
        $"{number} is overdue: it was due on {TimeText.Date(due)}"
        + (assignee is null ? " and is not assigned. " : $" and is with {assignee}. ")
        + "Please check on it, or reassign it.";

    /// <summary>To legal staff: a request has waited in triage too long.</summary>
    public static string InTriageTooLong(RequestNumber number, int hours) =>
        $"{number} has waited in triage for more than {Hours(hours)}. "
        + "Please assign it, keep it in-house, ask the requester for information, or reject it.";

    /// <summary>To legal staff: an assignment has not been accepted in time.</summary>
    public static string NotAccepted(RequestNumber number, string assignee, int hours) =>
        $"{number} was assigned to {assignee} more than {Hours(hours)} ago and is not accepted yet. "
        + "Please follow up with them, or reassign it.";

    private static string Days(int n) => n == 1 ? "1 business day" : n.ToString(CultureInfo.InvariantCulture) + " business days";

    private static string Hours(int n) => n == 1 ? "1 working hour" : n.ToString(CultureInfo.InvariantCulture) + " working hours";
}
