using LegalBot.Application.Reminders;
using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Sending;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Application.Tests;

/// <summary>
/// The reminder schedule on a simulated week: the planner is asked every five minutes, as the poller asks it, and an
/// outbox keeps one notification per key, so each test sees when each reminder is first queued, and that it is only
/// ever one.
/// </summary>
public sealed class ReminderPlannerTests
{
    private const string Staff = "aad-staff";
    private const string Alsp = "aad-alsp";
    private static readonly RequestNumber Number = new(1042);
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static ReminderPlanner Planner(params string[] holidays) => Planner(activityFeed: false, holidays);

    private static ReminderPlanner Planner(bool activityFeed, params string[] holidays) => new(
        Options.Create(new ReminderOptions { DueSoonLeadBusinessDays = 1, TriageEscalationHours = 24, AcceptEscalationHours = 24 }),
        new ServiceLevelClock(Options.Create(new ServiceLevelOptions { TimeZone = "Europe/London", Holidays = [.. holidays] }), new FakeTimeProvider()),
        new AccessPolicy(new RoleOptions
        {
            LegalStaff = [Staff],
            Alsp = [new AlspProfessional { AadObjectId = Alsp, Name = "Pat Alsp", Firm = "Firm" }],
        }),
        Options.Create(new ActivityFeedOptions { Enabled = activityFeed }));

    private static RequestFacts InProgress(DateOnly due) => new(
        Number, "nda", RequestState.InProgress, Utc(2026, 12, 1, 10), due, Utc(2026, 12, 1, 11), Utc(2026, 12, 1, 11), Utc(2026, 12, 1, 12), Alsp, null, Alsp, null, null, []);

    private static DateTimeOffset Utc(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.Zero);

    /// <summary>Each key queued, with when it was first planned and its text, polling every five minutes.</summary>
    private static Dictionary<string, (DateTimeOffset At, Notification Notification)> Run(
        ReminderPlanner planner, RequestFacts facts, DateTimeOffset from, DateTimeOffset to, Func<string, TimeZoneInfo>? zoneOf = null)
    {
        var outbox = new Dictionary<string, (DateTimeOffset, Notification)>(StringComparer.Ordinal);
        for (var now = from; now <= to; now += TimeSpan.FromMinutes(5))
        {
            foreach (var n in planner.Plan([facts], now, zoneOf ?? (_ => London)))
            {
                outbox.TryAdd(n.Key, (now, n));
            }
        }

        return outbox;
    }

    private static (DateTimeOffset At, Notification Notification) Only(Dictionary<string, (DateTimeOffset At, Notification Notification)> outbox, string prefix) =>
        Assert.Single(outbox, kv => kv.Key.StartsWith(prefix, StringComparison.Ordinal)).Value;

    [Fact]
    public void DueSoon_IsQueuedOnce_AtTheStartOfTheWorkingDayBeforeTheDueDate()
    {
        // Due Wednesday 9 December; the lead is one business day: Tuesday 8 December, 09:00 in London.
        var outbox = Run(Planner(), InProgress(new DateOnly(2026, 12, 9)), Utc(2026, 12, 7, 0), Utc(2026, 12, 9, 23, 55));

        var (at, n) = Only(outbox, "reminder:due-soon:");
        Assert.Equal(Utc(2026, 12, 8, 9), at);
        Assert.Equal("reminder:due-soon:LR-1042:2026-12-09:aad-alsp", n.Key);
        Assert.Equal(Alsp, n.Recipient);
        Assert.Equal("Reminder: LR-1042 is due on 9 Dec 2026, in 1 business day. Please complete it, or ask the requester now if you need anything from them.", n.Text);
        Assert.DoesNotContain(outbox.Keys, k => k.StartsWith("reminder:missed", StringComparison.Ordinal) || k.StartsWith("escalation:", StringComparison.Ordinal));
    }

    [Fact]
    public void MissedDueDate_RemindsTheProfessionalAndEscalatesToLegalStaff_OnceEach_TheNextBusinessDay()
    {
        var outbox = Run(Planner(), InProgress(new DateOnly(2026, 12, 9)), Utc(2026, 12, 9, 0), Utc(2026, 12, 14, 23, 55));

        var missed = Only(outbox, "reminder:missed:");
        Assert.Equal(Utc(2026, 12, 10, 9), missed.At);
        Assert.Equal(Alsp, missed.Notification.Recipient);
        var overdue = Only(outbox, "escalation:overdue:");
        Assert.Equal(Utc(2026, 12, 10, 9), overdue.At);
        Assert.Equal("escalation:overdue:LR-1042:2026-12-09:aad-staff", overdue.Notification.Key);
        Assert.Equal("LR-1042 is overdue: it was due on 9 Dec 2026 and is with Pat Alsp. Please check on it, or reassign it.", overdue.Notification.Text);
    }

    [Fact]
    public void MissedDueDate_WithTheActivityFeedOn_AlsoRaisesAnOverdueFeedNotification_ToTheProfessionalAndLegalStaff()
    {
        var outbox = Run(Planner(activityFeed: true), InProgress(new DateOnly(2026, 12, 9)), Utc(2026, 12, 9, 0), Utc(2026, 12, 14, 23, 55));

        var feed = outbox.Values.Select(v => v.Notification).Where(n => n.Kind == NotificationKinds.ActivityFeed).ToList();
        Assert.Equal(
            ["reminder:missed:LR-1042:2026-12-09:aad-alsp:feed", "escalation:overdue:LR-1042:2026-12-09:aad-staff:feed"],
            feed.Select(n => n.Key));
        Assert.Equal([ActivityFeedText.Recipient(Alsp), ActivityFeedText.Recipient(Staff)], feed.Select(n => n.Recipient));
        var notice = ActivityFeedText.Parse(feed[0])!;
        Assert.Equal((Alsp, ActivityFeedTypes.Overdue), (notice.UserId, notice.ActivityType));
        Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = "LR-1042", ["dueDate"] = "9 Dec 2026" }, notice.TemplateParameters);
        Assert.Equal(Utc(2026, 12, 10, 9), outbox["reminder:missed:LR-1042:2026-12-09:aad-alsp:feed"].At);
    }

    [Fact]
    public void TheActivityFeedOff_RaisesNoFeedNotification()
    {
        var outbox = Run(Planner(), InProgress(new DateOnly(2026, 12, 9)), Utc(2026, 12, 9, 0), Utc(2026, 12, 14, 23, 55));

        Assert.DoesNotContain(outbox.Values, v => v.Notification.Kind == NotificationKinds.ActivityFeed);
    }

    [Fact]
    public void MissedOnAFriday_WaitsOverTheWeekendAndAHoliday()
    {
        // Due Friday 11 December; Monday 14 December is a holiday: the reminder waits for Tuesday 09:00.
        var outbox = Run(Planner("2026-12-14"), InProgress(new DateOnly(2026, 12, 11)), Utc(2026, 12, 11, 0), Utc(2026, 12, 16, 0));

        Assert.Equal(Utc(2026, 12, 15, 9), Only(outbox, "reminder:missed:").At);
    }

    [Fact]
    public void DueSoon_WaitsForWorkingHoursInTheRecipientsOwnZone()
    {
        var outbox = Run(Planner(), InProgress(new DateOnly(2026, 12, 9)), Utc(2026, 12, 7, 0), Utc(2026, 12, 9, 23, 55), id => id == Alsp ? NewYork : London);

        // 09:00 in New York on Tuesday 8 December.
        Assert.Equal(Utc(2026, 12, 8, 14), Only(outbox, "reminder:due-soon:").At);
    }

    [Fact]
    public void DueSoon_AcrossTheChangeToSummerTime_ComesAtNineLocal()
    {
        // London moves to BST on Sunday 28 March 2027: Monday's 09:00 is 08:00 UTC.
        var outbox = Run(Planner(), InProgress(new DateOnly(2027, 3, 30)), Utc(2027, 3, 26, 0), Utc(2027, 3, 30, 0));

        Assert.Equal(Utc(2027, 3, 29, 8), Only(outbox, "reminder:due-soon:").At);
    }

    [Fact]
    public void InTriageTooLong_EscalatesOnce_AfterTheConfiguredWorkingHours()
    {
        // 24 working hours of 09:00-17:00 from Monday 10:02: 6h58 on Monday, 8 on Tuesday and Wednesday, and Thursday
        // until 10:02 (the first poll after it is 10:05). Clock hours would have said Tuesday 10:05.
        var filed = Utc(2026, 12, 7, 10, 2);
        var facts = new RequestFacts(Number, "nda", RequestState.Submitted, filed, new DateOnly(2026, 12, 11), null, null, null, null, null, null, null, null, []);

        var outbox = Run(Planner(), facts, Utc(2026, 12, 7, 10), Utc(2026, 12, 11, 0));

        var (at, n) = Only(outbox, "escalation:triage:");
        Assert.Equal(Utc(2026, 12, 10, 10, 5), at);
        Assert.Equal(Staff, n.Recipient);
        Assert.Equal($"escalation:triage:LR-1042:{filed.ToUnixTimeSeconds()}:aad-staff", n.Key);
        Assert.Single(outbox);
    }

    [Fact]
    public void NotAccepted_CountsWorkingHoursOnly_SkippingTheWeekendAndAHoliday_AndEscalatesAgainOnlyForANewAssignment()
    {
        // Assigned Friday 16:00: one working hour on Friday, Monday 14 December is a holiday, then 8 on Tuesday and
        // Wednesday and 7 on Thursday: 24 working hours at Thursday 16:00.
        var assigned = Utc(2026, 12, 11, 16);
        var facts = new RequestFacts(Number, "nda", RequestState.Assigned, Utc(2026, 12, 11, 9), new DateOnly(2026, 12, 18), assigned, assigned, null, null, null, Alsp, null, null, []);
        var planner = Planner("2026-12-14");

        var outbox = Run(planner, facts, assigned, Utc(2026, 12, 18, 0));

        var (at, n) = Only(outbox, "escalation:accept:");
        Assert.Equal(Utc(2026, 12, 17, 16), at);
        Assert.Equal("LR-1042 was assigned to Pat Alsp more than 24 working hours ago and is not accepted yet. Please follow up with them, or reassign it.", n.Text);

        // Reassigned Tuesday 15 at 10:00: 23 working hours by Friday 9:00, 24 at 10:00.
        var reassigned = facts with { AssignedAt = Utc(2026, 12, 15, 10) };
        Assert.DoesNotContain(planner.Plan([reassigned], Utc(2026, 12, 18, 9, 55), _ => London), r => r.Key.StartsWith("escalation:accept:", StringComparison.Ordinal));
        var again = planner.Plan([reassigned], Utc(2026, 12, 18, 10), _ => London);
        Assert.DoesNotContain(again, r => r.Key == n.Key);
        Assert.Single(again, r => r.Key.StartsWith("escalation:accept:", StringComparison.Ordinal));
    }

    [Fact]
    public void WaitingOnTheRequester_IsNeitherRemindedNorEscalated()
    {
        var facts = InProgress(new DateOnly(2026, 12, 9)) with
        {
            State = RequestState.WaitingOnRequester,
            Pauses = [new Pause(Utc(2026, 12, 2, 10), null)],
        };

        Assert.Empty(Run(Planner(), facts, Utc(2026, 12, 7, 0), Utc(2026, 12, 18, 0)));
    }

    [Fact]
    public void ClosedRequests_AreLeftAlone()
    {
        var facts = InProgress(new DateOnly(2026, 12, 9)) with { State = RequestState.Completed, CompletedAt = Utc(2026, 12, 10, 10) };

        Assert.Empty(Run(Planner(), facts, Utc(2026, 12, 7, 0), Utc(2026, 12, 14, 0)));
    }

    [Fact]
    public void Digest_GoesToEachLegalStaffMember_OncePerBusinessDay_AtTheDigestTimeInTheirZone()
    {
        var planner = Planner("2026-12-14");
        var facts = new List<RequestFacts>
        {
            InProgress(new DateOnly(2026, 12, 9)),
            new(new RequestNumber(1050), "nda", RequestState.Submitted, Utc(2026, 12, 10, 15), new DateOnly(2026, 12, 14), null, null, null, null, null, null, null, null, []),
            new(new RequestNumber(1051), "nda", RequestState.Completed, Utc(2026, 12, 1, 9), new DateOnly(2026, 12, 3), Utc(2026, 12, 1, 10), null, null, null, Utc(2026, 12, 10, 15), null, null, null, []),
        };
        var outbox = new Dictionary<string, (DateTimeOffset At, Notification Notification)>(StringComparer.Ordinal);
        for (var now = Utc(2026, 12, 10, 0); now <= Utc(2026, 12, 15, 23, 55); now += TimeSpan.FromMinutes(5))
        {
            foreach (var n in planner.Digests(facts, now, id => NewYork))
            {
                outbox.TryAdd(n.Key, (now, n));
            }
        }

        // Thursday, Friday, then Tuesday (the weekend and Monday's holiday skipped), each at 08:30 in New York.
        Assert.Equal([Utc(2026, 12, 10, 13, 30), Utc(2026, 12, 11, 13, 30), Utc(2026, 12, 15, 13, 30)], outbox.Values.Select(v => v.At).Order());
        var friday = outbox["digest:2026-12-11:aad-staff"];
        Assert.Equal(Staff, friday.Notification.Recipient);
        var model = DigestText.Parse(friday.Notification.Text)!;
        Assert.Equal(new DateOnly(2026, 12, 11), model.Date);
        Assert.Equal([1050L], model.New.Numbers);
        Assert.Equal([1050L], model.InTriage.Numbers);
        Assert.Equal([1042L], model.Overdue.Numbers);
        Assert.Equal(0, model.WaitingOnRequester.Count);
        Assert.Equal([1051L], model.Completed.Numbers);
        Assert.Equal(0, DigestText.Parse(outbox["digest:2026-12-15:aad-staff"].Notification.Text)!.New.Count);
    }
}
