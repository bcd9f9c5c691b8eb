namespace LegalBot.Core.Requests;

/// <summary>Where an open request stands against its due date, as of a day.</summary>
public abstract record ServiceLevel(DateOnly Due)
{
    /// <summary>Due later: <paramref name="BusinessDays"/> business days from today.</summary>
    public sealed record DueIn(DateOnly Due, int BusinessDays) : ServiceLevel(Due);

    public sealed record DueToday(DateOnly Due) : ServiceLevel(Due);

    /// <summary>Past its due date by <paramref name="BusinessDays"/> business days (at least 1).</summary>
    public sealed record Overdue(DateOnly Due, int BusinessDays) : ServiceLevel(Due);

    /// <summary>Waiting on the requester: the clock is stopped; <paramref name="Due"/> is where it stood.</summary>
    public sealed record Paused(DateOnly Due) : ServiceLevel(Due);
}

/// <summary>
/// A request's due date and where it stands: its target date (the type's turnaround in business days from filing),
/// moved later by every business day it waited on the requester (waiting on the requester or needing more
/// information from them), in the legal team's time zone. Closed requests have none.
/// </summary>
public static class ServiceLevels
{
    /// <summary>The states in which the clock is stopped because the request waits on its requester.</summary>
    public static bool IsPaused(this RequestState state) => state is RequestState.WaitingOnRequester or RequestState.NeedsInfo;

    /// <summary>Whether the request is still being worked on, so it has a service level.</summary>
    public static bool IsActive(this RequestState state) =>
        state is not (RequestState.Completed or RequestState.Rejected or RequestState.Cancelled or RequestState.KeptInHouse);

    /// <summary>
    /// The service level of an open request as of <paramref name="today"/> (in <paramref name="zone"/>); null for a
    /// closed one. <paramref name="history"/> is the request's history, oldest first.
    /// </summary>
    public static ServiceLevel? Of(LegalRequest request, IReadOnlyList<HistoryEntry> history, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(history);
        return Of(request, PausesOf(history), calendar, zone, today);
    }

    /// <summary>
    /// As <see cref="Of(LegalRequest, IReadOnlyList{HistoryEntry}, BusinessCalendar, TimeZoneInfo, DateOnly)"/>, from the
    /// pauses kept with the request (<see cref="LegalRequest.Pauses"/>); null also when the request does not keep them.
    /// </summary>
    public static ServiceLevel? Of(LegalRequest request, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Pauses is { } pauses ? Of(request, pauses.Items, calendar, zone, today) : null;
    }

    private static ServiceLevel? Of(LegalRequest request, IEnumerable<Stores.Pause> pauses, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        if (!request.State.IsActive())
        {
            return null;
        }

        var due = DueDate(request.TargetDate, pauses, calendar, zone, today);
        if (request.State.IsPaused())
        {
            return new ServiceLevel.Paused(due);
        }

        return due == today ? new ServiceLevel.DueToday(due)
            : due > today ? new ServiceLevel.DueIn(due, Math.Max(1, calendar.BusinessDaysBetween(today, due)))
            : new ServiceLevel.Overdue(due, Math.Max(1, calendar.BusinessDaysBetween(due, today)));
    }

    /// <summary>The target date moved later by every business day the request waited on its requester up to <paramref name="today"/>.</summary>
    public static DateOnly DueDate(DateOnly targetDate, IEnumerable<Stores.Pause> pauses, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        var paused = 0;
        foreach (var pause in pauses)
        {
            paused += calendar.BusinessDaysBetween(DayOf(pause.Start, zone), pause.End is { } end ? DayOf(end, zone) : today);
        }

        return calendar.AddBusinessDays(targetDate, paused);
    }

    /// <summary>The stretches a request waited on its requester, from its history (oldest first).</summary>
    public static IReadOnlyList<Stores.Pause> PausesOf(IEnumerable<HistoryEntry> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        return PausesOf(history.Select(entry => (entry.At, entry.ToState)));
    }

    /// <summary>The stretches a request waited on its requester, from the times and target states of its history lines, oldest first.</summary>
    public static IReadOnlyList<Stores.Pause> PausesOf(IEnumerable<(DateTimeOffset At, RequestState ToState)> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var pauses = new List<Stores.Pause>();
        foreach (var (at, to) in lines)
        {
            var waiting = pauses.Count > 0 && pauses[^1].End is null;
            if (to.IsPaused() && !waiting)
            {
                pauses.Add(new Stores.Pause(at, null));
            }
            else if (!to.IsPaused() && waiting)
            {
                pauses[^1] = pauses[^1] with { End = at };
            }
        }

        return pauses;
    }

    private static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
}
