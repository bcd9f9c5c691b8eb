using System.Globalization;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Reminders;

/// <summary>
/// Plans the reminders and escalations owed at an instant, from the requests' facts: a pure function of the facts,
/// the instant, the options, the team's calendar and each recipient's time zone. Every notification has a key made
/// of what it is about (kind, request, the due date or the moment the request entered the state, recipient), so
/// planning it again at every poll, after a restart, or on another instance queues it once.
/// <para>
/// A notification is planned only while its recipient is inside working hours on a business day of the team's
/// calendar, in their own zone; outside them it is not planned, and the first poll inside them plans it.
/// </para>
/// <para>
/// With the activity feed on (<see cref="ActivityFeedOptions"/>), the notices that a request is overdue (the
/// professional's on the day it is missed, each legal staff member's escalation) also raise a Teams activity-feed
/// notification to the same person (<see cref="ActivityFeedText"/>).
/// </para>
/// </summary>
public sealed class ReminderPlanner(IOptions<ReminderOptions> options, ServiceLevelClock clock, AccessPolicy access, IOptions<ActivityFeedOptions>? feed = null)
{
    /// <summary>The key prefixes, one per kind of reminder.</summary>
    public const string DueSoonKey = "reminder:due-soon";
    public const string MissedKey = "reminder:missed";
    public const string OverdueKey = "escalation:overdue";
    public const string TriageKey = "escalation:triage";
    public const string AcceptKey = "escalation:accept";
    public const string DigestKey = "digest";

    /// <summary>The reminders and escalations owed at <paramref name="now"/>; <paramref name="zoneOf"/> gives a recipient's zone.</summary>
    public IReadOnlyList<Notification> Plan(IEnumerable<RequestFacts> facts, DateTimeOffset now, Func<string, TimeZoneInfo> zoneOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(zoneOf);
        var o = options.Value;
        var today = clock.DateAt(now);
        var staff = access.LegalStaff.Where(id => InWorkingHours(now, zoneOf(id))).ToList();
        var planned = new List<Notification>();
        foreach (var f in facts.Where(f => f.State.IsActive()))
        {
            var due = ServiceLevels.DueDate(f.TargetDate, f.Pauses, clock.Calendar, clock.Zone, today);
            var dueStamp = Stamp(due);
            var working = !f.State.IsPaused();
            var assignee = f.State is RequestState.Assigned or RequestState.InProgress ? f.AssigneeId : null;

            if (assignee is not null && working && InWorkingHours(now, zoneOf(assignee)))
            {
                var ahead = clock.Calendar.BusinessDaysBetween(today, due);
                if (o.DueSoonLeadBusinessDays > 0 && due > today && ahead <= o.DueSoonLeadBusinessDays)
                {
                    planned.Add(Text(DueSoonKey, f.Number, dueStamp, assignee, ReminderText.DueSoon(f.Number, due, Math.Max(1, ahead))));
                }
                else if (due < today)
                {
                    AddOverdue(planned, Text(MissedKey, f.Number, dueStamp, assignee, ReminderText.Missed(f.Number, due)), due);
                }
            }

            if (working && due < today)
            {
                var text = ReminderText.Overdue(f.Number, due, assignee is null ? null : NameOf(assignee));
                foreach (var s in staff)
                {
                    AddOverdue(planned, Text(OverdueKey, f.Number, dueStamp, s, text), due);
                }
            }

            if (f.State is RequestState.Submitted or RequestState.InTriage
                && TriageEnteredAt(f) is var entered && WorkingTime(entered, now) >= TimeSpan.FromHours(o.TriageEscalationHours))
            {
                var text = ReminderText.InTriageTooLong(f.Number, o.TriageEscalationHours);
                planned.AddRange(staff.Select(s => Text(TriageKey, f.Number, Stamp(entered), s, text)));
            }

            if (f.State == RequestState.Assigned && f.AssigneeId is { } waiting && f.AssignedAt is { } assigned
                && (f.AcceptedAt is null || f.AcceptedAt < assigned)
                && WorkingTime(assigned, now) >= TimeSpan.FromHours(o.AcceptEscalationHours))
            {
                var text = ReminderText.NotAccepted(f.Number, NameOf(waiting), o.AcceptEscalationHours);
                planned.AddRange(staff.Select(s => Text(AcceptKey, f.Number, Stamp(assigned), s, text)));
            }
        }

        return planned;
    }

    /// <summary>
    /// The daily digests owed at <paramref name="now"/>: one per legal staff member on each of the team's business
    /// days, from <see cref="ReminderOptions.DigestTime"/> until the working day ends in their zone. "Since yesterday"
    /// is since the digest time of the previous business day. The outbox ties every row to a request, so a digest is
    /// filed under the newest request the facts hold; with none there is nothing to report.
    /// </summary>
    public IReadOnlyList<Notification> Digests(IReadOnlyList<RequestFacts> facts, DateTimeOffset now, Func<string, TimeZoneInfo> zoneOf)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(zoneOf);
        if (facts.Count == 0)
        {
            return [];
        }

        var o = options.Value;
        var anchor = facts.Max(f => f.Number.Value);
        var today = clock.DateAt(now);
        var digests = new List<Notification>();
        foreach (var staff in access.LegalStaff)
        {
            var zone = zoneOf(staff);
            var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
            var date = DateOnly.FromDateTime(local);
            var time = TimeOnly.FromDateTime(local);
            if (!clock.Calendar.IsBusinessDay(date) || time < o.DigestTime || time >= o.WorkingHours.End)
            {
                continue;
            }

            var since = BusinessCalendar.Instant(PreviousBusinessDay(date), o.DigestTime, zone);
            var model = new DigestModel(
                date,
                Count(facts.Where(f => f.FiledAt >= since)),
                Count(facts.Where(f => f.State is RequestState.Submitted or RequestState.InTriage)),
                Count(facts.Where(f => f.State.IsActive() && !f.State.IsPaused()
                    && ServiceLevels.DueDate(f.TargetDate, f.Pauses, clock.Calendar, clock.Zone, today) < today)),
                Count(facts.Where(f => f.State.IsPaused())),
                Count(facts.Where(f => f.State == RequestState.Completed && f.CompletedAt >= since)));
            digests.Add(new Notification($"{DigestKey}:{Stamp(date)}:{staff}", new RequestNumber(anchor), staff, NotificationKinds.Digest, DigestText.Serialize(model)));
        }

        return digests;
    }

    private DateOnly PreviousBusinessDay(DateOnly date)
    {
        var day = date.AddDays(-1);
        while (!clock.Calendar.IsBusinessDay(day))
        {
            day = day.AddDays(-1);
        }

        return day;
    }

    private static DigestCount Count(IEnumerable<RequestFacts> facts)
    {
        var numbers = facts.Select(f => f.Number.Value).Order().ToList();
        return new DigestCount(numbers.Count, [.. numbers.Take(DigestCard.NumbersShown)]);
    }

    /// <summary>Whether <paramref name="now"/> is inside working hours on one of the team's business days, in <paramref name="zone"/>.</summary>
    public bool InWorkingHours(DateTimeOffset now, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = TimeZoneInfo.ConvertTime(now, zone).DateTime;
        return clock.Calendar.IsBusinessDay(DateOnly.FromDateTime(local)) && options.Value.WorkingHours.Contains(TimeOnly.FromDateTime(local));
    }

    /// <summary>
    /// When the request last came into triage: filed, or back after a professional declined it or the requester gave
    /// the information asked for (the end of its last wait on them).
    /// </summary>
    private static DateTimeOffset TriageEnteredAt(RequestFacts f)
    {
        var entered = f.FiledAt;
        foreach (var declined in f.Assignments.Select(a => a.DeclinedAt).OfType<DateTimeOffset>())
        {
            entered = declined > entered ? declined : entered;
        }

        if (f.Pauses.Count > 0 && f.Pauses[^1].End is { } resumed && resumed > entered)
        {
            entered = resumed;
        }

        return entered;
    }

    /// <summary>
    /// The team's working time between two instants: the escalation hours count working hours on the team's business
    /// days in its zone (24 hours is three working days of 09:00–17:00), so a request filed on Friday evening does not
    /// escalate on Monday morning.
    /// </summary>
    private TimeSpan WorkingTime(DateTimeOffset from, DateTimeOffset to) =>
        clock.Calendar.WorkingTimeBetween(from, to, clock.Zone, options.Value.WorkingHours.Start, options.Value.WorkingHours.End);

    private string NameOf(string professionalId) => access.Professional(professionalId)?.Name is { Length: > 0 } name ? name : "a former professional";

    /// <summary>An overdue notice, and with the activity feed on, its feed notification to the same person.</summary>
    private void AddOverdue(List<Notification> planned, Notification notice, DateOnly due)
    {
        planned.Add(notice);
        if (feed?.Value.Enabled == true)
        {
            planned.Add(ActivityFeedText.Row(notice.Key, ActivityFeedText.Overdue(notice.Recipient, notice.Number, due)));
        }
    }

    private static Notification Text(string kind, RequestNumber number, string stamp, string recipient, string text) =>
        new($"{kind}:{number}:{stamp}:{recipient}", number, recipient, NotificationKinds.Text, text);

    private static string Stamp(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Stamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
