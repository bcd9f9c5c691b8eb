using System.Globalization;
using LegalBot.Core.Requests;

namespace LegalBot.Cards;

/// <summary>Where a request stands against its due date, as people read it on a card.</summary>
public static class ServiceLevelText
{
    /// <summary>"4 Dec 2026 · due in 2 business days", "2 Dec 2026 · overdue by 1 business day", "3 Dec 2026 for now · on hold while waiting on the requester".</summary>
    public static string Describe(ServiceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var due = TimeText.Date(level.Due);
        return level switch
        {
            ServiceLevel.DueIn d => $"{due} · due in {Days(d.BusinessDays)}",
            ServiceLevel.DueToday => $"{due} · due today",
            ServiceLevel.Overdue o => $"{due} · overdue by {Days(o.BusinessDays)}",
            ServiceLevel.Paused => $"{due} for now · on hold while waiting on the requester",
            _ => due,
        };
    }

    /// <summary>For a row of a list: "Due 4 Dec · in 2 business days", "Due today", "Overdue by 1 business day", "On hold (waiting on the requester)".</summary>
    public static string Brief(ServiceLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        var due = level.Due.ToString("d MMM", CultureInfo.InvariantCulture);
        return level switch
        {
            ServiceLevel.DueIn d => $"Due {due} · in {Days(d.BusinessDays)}",
            ServiceLevel.DueToday => "Due today",
            ServiceLevel.Overdue o => $"Overdue by {Days(o.BusinessDays)}",
            ServiceLevel.Paused => "On hold (waiting on the requester)",
            _ => "Due " + due,
        };
    }

    /// <summary>Whether the level deserves the reader's attention (shown in the attention colour where a card can).</summary>
    public static bool IsLate(ServiceLevel level) => level is ServiceLevel.Overdue;

    private static string Days(int n) => n == 1 ? "1 business day" : n.ToString(CultureInfo.InvariantCulture) + " business days";
}
