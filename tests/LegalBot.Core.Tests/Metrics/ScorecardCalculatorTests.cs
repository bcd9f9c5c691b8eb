using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Tests.Metrics;

/// <summary>
/// Scorecard figures over generated requests with chains of assignments (declined, reassigned, accepted), each checked
/// against a figure this test computes its own plain way, and a small history worked out by hand.
/// </summary>
public sealed class ScorecardCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);
    private static readonly MetricsPeriod Last90Days = new(Now.AddDays(-90), Now, new DateOnly(2026, 9, 2), new DateOnly(2026, 11, 30));
    private static readonly string[] People = ["alsp-1", "alsp-2", "alsp-3", "former-1"];
    private static readonly string[] FirmMembers = ["alsp-1", "alsp-2"];

    private static readonly CostRates Rates = new(
        new Dictionary<string, decimal>(StringComparer.OrdinalIgnoreCase) { ["alsp-1"] = 90m, ["alsp-2"] = 120m, ["alsp-3"] = 150.5m },
        new Dictionary<string, decimal> { ["nda"] = 400m },
        500m);

    private static HashSet<string> Ids(params string[] ids) => new(ids, StringComparer.OrdinalIgnoreCase);

    private static ScorecardFigures Compute(IReadOnlyCollection<RequestFacts> facts, params string[] ids) =>
        ScorecardCalculator.Compute(facts, Ids(ids), Last90Days, Now, Rates, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);

    [Fact]
    public void ASmallHistory_GivesTheFiguresWorkedOutByHand()
    {
        var monday = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        RequestFacts Facts(int n, RequestState state, string? assignee, params Assignment[] assignments) =>
            new(new RequestNumber(n), "nda", state, monday, new DateOnly(2026, 11, 18), monday, null, null, null, null, assignee, null, null, []) { Assignments = assignments };
        RequestFacts[] facts =
        [
            // Declined by alsp-1, then done by alsp-2 a day late.
            Facts(1, RequestState.Completed, "alsp-2", new Assignment("alsp-1", "One", monday.AddHours(1), DeclinedAt: monday.AddHours(2)), new Assignment("alsp-2", "Two", monday.AddHours(3), AcceptedAt: monday.AddHours(5)))
                with { CompletedAt = monday.AddDays(3), HoursSpent = 10m, Rating = 3 },

            // Done by alsp-1 on time.
            Facts(2, RequestState.Completed, "alsp-1", new Assignment("alsp-1", "One", monday.AddHours(1), AcceptedAt: monday.AddHours(2)))
                with { CompletedAt = monday.AddDays(1), HoursSpent = 2m, Rating = 5 },

            // Open with alsp-1, reassigned from alsp-2 who never answered.
            Facts(3, RequestState.InProgress, "alsp-1", new Assignment("alsp-2", "Two", monday.AddHours(1)), new Assignment("alsp-1", "One", monday.AddHours(4), AcceptedAt: monday.AddHours(8))),

            // Assigned long before the period: open load, but not received in it.
            Facts(4, RequestState.Assigned, "alsp-1", new Assignment("alsp-1", "One", Now.AddDays(-200))),
        ];

        var one = Compute(facts, "ALSP-1");
        var firm = Compute(facts, "alsp-1", "alsp-2");

        Assert.Equal((3, 2, 1, 1, 1), (one.Received, one.Accepted, one.Declined, one.Completed, one.OnTime));
        Assert.Equal(new Spread(2, 2.5, 4), one.AcceptHours);
        Assert.Equal(new Spread(1, 1, 1), one.TurnaroundDays);
        Assert.Equal((1, 5d), (one.Ratings, one.AverageRating!.Value));
        Assert.Equal((2m, new Cost(2m, 180m, 800m)), (one.Hours, one.Cost));
        Assert.Equal(2, one.OpenLoad);
        Assert.Equal((5, 3, 1, 2, 1, 2), (firm.Received, firm.Accepted, firm.Declined, firm.Completed, firm.OnTime, firm.OpenLoad));
        Assert.Equal(0.5, firm.OnTimeRate);
        Assert.Equal(new Cost(12m, 180m + 1200m, 4800m), firm.Cost);
        Assert.Equal(4d, firm.AverageRating!.Value);
    }

    [Fact]
    public void AGeneratedHistory_MatchesFiguresComputedIndependently()
    {
        var facts = Generate(3000, seed: 7);

        foreach (var group in new[] { new[] { "alsp-1" }, ["alsp-2"], ["former-1"], ["alsp-1", "alsp-3"], People })
        {
            var figures = Compute(facts, group);

            var received = 0;
            var accepted = 0;
            var declined = 0;
            var acceptHours = new List<double>();
            foreach (var a in facts.SelectMany(f => f.Assignments).Where(a => group.Contains(a.ProfessionalId)))
            {
                received += a.At >= Last90Days.From && a.At < Last90Days.To ? 1 : 0;
                declined += a.DeclinedAt >= Last90Days.From && a.DeclinedAt < Last90Days.To ? 1 : 0;
                if (a.AcceptedAt >= Last90Days.From && a.AcceptedAt < Last90Days.To)
                {
                    accepted++;
                    acceptHours.Add((a.AcceptedAt.Value - a.At).TotalHours);
                }
            }

            var done = facts.Where(f => f.State == RequestState.Completed && f.CompletedAt >= Last90Days.From && f.CompletedAt < Last90Days.To && f.AssigneeId is { } id && group.Contains(id)).ToList();
            var ratings = done.Where(f => f.Rating is not null).Select(f => (double)f.Rating!.Value).ToList();
            var costed = done.Where(f => f.HoursSpent is not null && Rates.Professionals.ContainsKey(f.AssigneeId!)).ToList();

            Assert.Equal((received, accepted, declined), (figures.Received, figures.Accepted, figures.Declined));
            MetricsAssert.Spread(acceptHours, figures.AcceptHours);
            Assert.Equal(done.Count, figures.Completed);
            Assert.Equal(done.Count(OnTimeWithoutPauses), figures.OnTime);
            MetricsAssert.Spread(done.Select(f => (f.CompletedAt!.Value - f.FiledAt).TotalDays), figures.TurnaroundDays);
            Assert.Equal(ratings.Count, figures.Ratings);
            Assert.Equal(ratings.Count == 0 ? null : ratings.Sum() / ratings.Count, figures.AverageRating);
            Assert.Equal(done.Sum(f => f.HoursSpent ?? 0), figures.Hours);
            Assert.Equal(costed.Sum(f => f.HoursSpent!.Value), figures.Cost.Hours);
            Assert.Equal(costed.Sum(f => f.HoursSpent!.Value * Rates.Professionals[f.AssigneeId!]), figures.Cost.Alsp);
            Assert.Equal(costed.Sum(f => f.HoursSpent!.Value * (f.TypeKey == "nda" ? 400m : 500m)), figures.Cost.OutsideCounsel);
            Assert.Equal(facts.Count(f => f.State is RequestState.Assigned or RequestState.InProgress or RequestState.WaitingOnRequester && f.AssigneeId is { } id && group.Contains(id)), figures.OpenLoad);
            Assert.True(figures.Received > 0 && figures.Completed > 0, string.Join(",", group));
        }
    }

    [Fact]
    public void AFirm_IsItsMembersTogether_ThenEachOfThem()
    {
        var facts = Generate(800, seed: 3);
        var members = FirmMembers.Select(id => new ProfessionalSubject(id, "Name " + id, "Firm", true, false, 5, 100m)).ToList();

        var firm = ScorecardCalculator.ComputeFirm(facts, new FirmSubject("Firm", members), Last90Days, Now, Rates, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);

        Assert.Equal(Compute(facts, "alsp-1", "alsp-2"), firm.Total);
        Assert.Equal(["alsp-1", "alsp-2"], firm.Members.Select(m => m.Professional.AadObjectId));
        Assert.Equal(Compute(facts, "alsp-2"), firm.Members[1].Figures);
        Assert.Equal(firm.Total.Completed, firm.Members.Sum(m => m.Figures.Completed));
        Assert.Equal(firm.Total.Cost.Saved, firm.Members.Sum(m => m.Figures.Cost.Saved));
    }

    [Fact]
    public void NobodyWithWork_GetsEmptyFigures_NotErrors()
    {
        var figures = Compute(Generate(200, seed: 5), "nobody");

        Assert.Equal(new ScorecardFigures(0, 0, 0, 0, 0, new Spread(0, null, null), new Spread(0, null, null), 0, null, 0, Cost.None, 0), figures);
        Assert.Null(figures.OnTimeRate);
    }

    /// <summary>No generated request waits on its requester, so its due date is its target date.</summary>
    private static bool OnTimeWithoutPauses(RequestFacts f) => DateOnly.FromDateTime(f.CompletedAt!.Value.UtcDateTime) <= f.TargetDate;

    /// <summary>
    /// Requests with up to three assignments each: every one but the last declined or left unanswered (reassigned), the
    /// last accepted when the request went on to work, to anyone of <see cref="People"/> (one not on the rates).
    /// </summary>
    private static List<RequestFacts> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var facts = new List<RequestFacts>();
        for (var i = 0; i < count; i++)
        {
            var filed = Now.AddMinutes(-random.Next(0, 150 * 24 * 60));
            var state = Enum.GetValues<RequestState>()[random.Next(10)];
            var assignments = new List<Assignment>();
            var at = filed.AddMinutes(random.Next(5, 3000));
            var worked = state is RequestState.InProgress or RequestState.WaitingOnRequester or RequestState.Completed;
            var chain = state is RequestState.Submitted or RequestState.KeptInHouse ? 0 : random.Next(worked || state == RequestState.Assigned ? 1 : 0, 4);
            for (var n = 0; n < chain; n++)
            {
                var who = People[random.Next(People.Length)];
                var last = n == chain - 1;
                var answered = at.AddMinutes(random.Next(1, 4000));
                assignments.Add(last && worked ? new Assignment(who, "Name " + who, at, AcceptedAt: answered)
                    : last && state == RequestState.Assigned ? new Assignment(who, "Name " + who, at)
                    : random.Next(2) == 0 ? new Assignment(who, "Name " + who, at, DeclinedAt: answered)
                    : new Assignment(who, "Name " + who, at));
                at = answered.AddMinutes(random.Next(1, 600));
            }

            var assignee = (worked || state == RequestState.Assigned) && assignments.Count > 0 ? assignments[^1].ProfessionalId : null;
            var completed = state == RequestState.Completed && assignee is not null ? at.AddMinutes(random.Next(60, 20000)) : (DateTimeOffset?)null;
            if (completed > Now)
            {
                completed = Now.AddMinutes(-1);
            }

            facts.Add(new RequestFacts(
                new RequestNumber(1001 + i),
                random.Next(2) == 0 ? "nda" : "dpa",
                state == RequestState.Completed && completed is null ? RequestState.Cancelled : state,
                filed,
                DateOnly.FromDateTime(filed.UtcDateTime).AddDays(random.Next(2, 9)),
                null,
                null,
                null,
                null,
                completed,
                assignee,
                completed is null ? null : Math.Round((decimal)(random.NextDouble() * 40), 2),
                completed is not null && random.Next(3) > 0 ? random.Next(1, 6) : null,
                [])
            {
                Assignments = assignments,
            });
        }

        return facts;
    }
}
