using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Tests.Metrics;

/// <summary>
/// The legal-ops figures over a generated history of a few thousand requests, each checked against a figure this
/// test computes its own plain way (sorting, counting day by day), and a small history worked out by hand.
/// </summary>
public sealed class MetricsCalculatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Holiday = new(2026, 11, 26);
    private static readonly BusinessCalendar Calendar = new([Holiday]);
    private static readonly MetricsPeriod Last30Days = new(Now.AddDays(-30), Now, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 30));
    private static readonly string[] Types = ["nda", "contract-review", "dpa"];
    private static readonly string[] Professionals = ["alsp-1", "alsp-2", "alsp-3"];

    private static readonly CostRates Rates = new(
        new Dictionary<string, decimal> { ["alsp-1"] = 90m, ["alsp-2"] = 120m, ["alsp-3"] = 150.5m },
        new Dictionary<string, decimal> { ["nda"] = 400m, ["contract-review"] = 650m },
        500m);

    private static RequestFacts Facts(int number, string type, RequestState state, DateTimeOffset filed) =>
        new(new RequestNumber(number), type, state, filed, DateOnly.FromDateTime(filed.UtcDateTime).AddDays(3), null, null, null, null, null, null, null, null, []);

    /// <summary>Five requests whose figures are easy to check by eye.</summary>
    [Fact]
    public void ASmallHistory_GivesTheFiguresWorkedOutByHand()
    {
        var monday = new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero);
        RequestFacts Done(int n, string type, double days, string who, decimal hours, int? rating) => Facts(n, type, RequestState.Completed, monday) with
        {
            TargetDate = new DateOnly(2026, 11, 18),
            TriagedAt = monday.AddHours(2),
            AssignedAt = monday.AddHours(2),
            AcceptedAt = monday.AddHours(3),
            AcceptedBy = who,
            AssigneeId = who,
            CompletedAt = monday.AddDays(days),
            HoursSpent = hours,
            Rating = rating,
        };
        RequestFacts[] facts =
        [
            Done(1001, "nda", 1, "alsp-1", 2m, 5),
            Done(1002, "nda", 2, "alsp-1", 4m, 4),
            Done(1003, "contract-review", 4, "alsp-2", 10m, null),
            Facts(1004, "nda", RequestState.InTriage, monday.AddDays(-20)),
            Facts(1005, "dpa", RequestState.Assigned, monday.AddDays(10)),
        ];

        var metrics = MetricsCalculator.Compute(facts, Last30Days, Now, Rates, Calendar, TimeZoneInfo.Utc);

        Assert.Equal(4, metrics.Filed);
        Assert.Equal(2, metrics.Backlog);
        Assert.Equal(new BacklogAge(1, 0, 0, 1), metrics.BacklogAge);
        Assert.Equal(new Spread(3, 2, 4), metrics.TurnaroundDays);
        Assert.Equal(new Spread(3, 2, 2), metrics.TriageHours);
        Assert.Equal(new Spread(3, 1, 1), metrics.AcceptHours);
        Assert.Equal((3, 2), (metrics.Completed, metrics.CompletedOnTime));
        Assert.Equal(2d / 3, metrics.ComplianceRate);
        Assert.Equal(new Cost(16m, (6m * 90m) + (10m * 120m), (6m * 400m) + (10m * 650m)), metrics.Cost);
        Assert.Equal(6500m - 1200m + 2400m - 540m, metrics.Cost.Saved);
        Assert.Equal((2, 4.5), (metrics.Ratings, metrics.AverageRating!.Value));
        var nda = Assert.Single(metrics.ByType, t => t.TypeKey == "nda");
        Assert.Equal((2, new Spread(2, 1.5, 2)), (nda.Filed, nda.TurnaroundDays));
        var first = Assert.Single(metrics.ByProfessional, p => p.AadObjectId == "alsp-1");
        Assert.Equal((2, 2, 4.5), (first.Completed, first.OnTime, first.AverageRating!.Value));
        Assert.Equal([new TurnaroundBucket(new DateOnly(2026, 11, 16), new Spread(3, 2, 4))], metrics.TurnaroundByBucket);
        Assert.False(metrics.BucketsAreMonths);
    }

    [Fact]
    public void AGeneratedHistory_MatchesFiguresComputedIndependently()
    {
        var facts = Generate(4000, seed: 11);

        var metrics = MetricsCalculator.Compute(facts, Last30Days, Now, Rates, Calendar, TimeZoneInfo.Utc);

        bool In(DateTimeOffset? at) => at >= Last30Days.From && at < Last30Days.To;
        var completed = facts.Where(f => f.State == RequestState.Completed && In(f.CompletedAt)).ToList();
        Assert.Equal(facts.Count(f => In(f.FiledAt)), metrics.Filed);
        Assert.Equal(facts.Count(f => f.State is not (RequestState.Completed or RequestState.Rejected or RequestState.Cancelled)), metrics.Backlog);
        Assert.Equal(completed.Count, metrics.Completed);
        MetricsAssert.Spread(completed.Select(f => (f.CompletedAt!.Value - f.FiledAt).TotalDays), metrics.TurnaroundDays);
        MetricsAssert.Spread(facts.Where(f => In(f.TriagedAt)).Select(f => (f.TriagedAt!.Value - f.FiledAt).TotalHours), metrics.TriageHours);
        MetricsAssert.Spread(facts.Where(f => In(f.AcceptedAt)).Select(f => (f.AcceptedAt!.Value - f.AssignedAt!.Value).TotalHours), metrics.AcceptHours);
        Assert.Equal(completed.Count(OnTimeCountedDayByDay), metrics.CompletedOnTime);

        var costed = completed.Where(f => f.HoursSpent is not null && f.AssigneeId is not null).ToList();
        Assert.Equal(costed.Sum(f => f.HoursSpent!.Value * Rates.Professionals[f.AssigneeId!]), metrics.Cost.Alsp);
        Assert.Equal(costed.Sum(f => f.HoursSpent!.Value * (f.TypeKey switch { "nda" => 400m, "contract-review" => 650m, _ => 500m })), metrics.Cost.OutsideCounsel);
        foreach (var type in Types)
        {
            var figures = Assert.Single(metrics.ByType, t => t.TypeKey == type);
            Assert.Equal(costed.Where(f => f.TypeKey == type).Sum(f => f.HoursSpent!.Value), figures.Cost.Hours);
            MetricsAssert.Spread(completed.Where(f => f.TypeKey == type).Select(f => (f.CompletedAt!.Value - f.FiledAt).TotalDays), figures.TurnaroundDays);
        }

        foreach (var professional in Professionals)
        {
            var figures = Assert.Single(metrics.ByProfessional, p => p.AadObjectId == professional);
            var theirs = completed.Where(f => f.AssigneeId == professional).ToList();
            Assert.Equal(theirs.Count, figures.Completed);
            Assert.Equal(theirs.Count(OnTimeCountedDayByDay), figures.OnTime);
            var ratings = theirs.Where(f => f.Rating is not null).Select(f => (double)f.Rating!.Value).ToList();
            Assert.Equal(ratings.Sum() / ratings.Count, figures.AverageRating!.Value, 9);
        }

        var rated = completed.Where(f => f.Rating is not null).ToList();
        Assert.Equal(rated.Count, metrics.Ratings);
        Assert.Equal(rated.Average(f => (double)f.Rating!.Value), metrics.AverageRating!.Value, 9);
        Assert.Equal(completed.Count, metrics.TurnaroundByBucket.Sum(b => b.TurnaroundDays.Count));
        Assert.All(metrics.TurnaroundByBucket, b => Assert.Equal(DayOfWeek.Monday, b.Start.DayOfWeek));
    }

    [Fact]
    public void APeriodLongerThanThirteenWeeks_IsShownByMonth()
    {
        var year = new MetricsPeriod(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Now, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30));
        var facts = Generate(500, seed: 3, spanDays: 300);

        var metrics = MetricsCalculator.Compute(facts, year, Now, Rates, Calendar, TimeZoneInfo.Utc);

        Assert.True(metrics.BucketsAreMonths);
        Assert.All(metrics.TurnaroundByBucket, b => Assert.Equal(1, b.Start.Day));
    }

    [Fact]
    public void NoRequests_GiveEmptyFigures_NotErrors()
    {
        var metrics = MetricsCalculator.Compute([], Last30Days, Now, Rates, Calendar, TimeZoneInfo.Utc);

        Assert.Equal((0, 0, 0), (metrics.Filed, metrics.Backlog, metrics.Completed));
        Assert.Null(metrics.ComplianceRate);
        Assert.Equal(new Spread(0, null, null), metrics.TurnaroundDays);
        Assert.Null(metrics.AverageRating);
        Assert.Empty(metrics.TurnaroundByBucket);
    }

    /// <summary>
    /// Due: the target date moved by each weekday (not the holiday) spent waiting on the requester, counted one day at
    /// a time: the days after the day the wait began, up to and including the day it ended.
    /// </summary>
    private static bool OnTimeCountedDayByDay(RequestFacts f)
    {
        static bool Working(DateOnly d) => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && d != Holiday;
        var paused = 0;
        foreach (var pause in f.Pauses)
        {
            for (var d = DateOnly.FromDateTime(pause.Start.UtcDateTime).AddDays(1); d <= DateOnly.FromDateTime((pause.End ?? Now).UtcDateTime); d = d.AddDays(1))
            {
                paused += Working(d) ? 1 : 0;
            }
        }

        var due = f.TargetDate;
        while (paused > 0)
        {
            due = due.AddDays(1);
            paused -= Working(due) ? 1 : 0;
        }

        return DateOnly.FromDateTime(f.CompletedAt!.Value.UtcDateTime) <= due;
    }

    private static List<RequestFacts> Generate(int count, int seed, int spanDays = 60)
    {
        var random = new Random(seed);
        var states = Enum.GetValues<RequestState>();
        var facts = new List<RequestFacts>();
        for (var i = 0; i < count; i++)
        {
            var filed = Now.AddMinutes(-random.Next(0, spanDays * 24 * 60));
            var state = states[random.Next(states.Length)];
            var type = Types[random.Next(Types.Length)];
            var who = Professionals[random.Next(Professionals.Length)];
            var triaged = state == RequestState.Submitted ? (DateTimeOffset?)null : filed.AddMinutes(random.Next(5, 3000));
            var assigned = state is RequestState.Assigned or RequestState.InProgress or RequestState.WaitingOnRequester or RequestState.Completed ? triaged : null;
            var accepted = assigned is not null && state != RequestState.Assigned ? assigned.Value.AddMinutes(random.Next(1, 2000)) : (DateTimeOffset?)null;
            var completed = state == RequestState.Completed ? (accepted ?? filed).AddMinutes(random.Next(60, 20000)) : (DateTimeOffset?)null;
            if (completed > Now)
            {
                completed = Now.AddMinutes(-1);
            }

            var pauses = new List<Pause>();
            if (accepted is not null && random.Next(4) == 0)
            {
                var start = accepted.Value.AddHours(random.Next(1, 30));
                DateTimeOffset? end = state == RequestState.WaitingOnRequester ? null : start.AddHours(random.Next(1, 100));
                if (start < Now && (end is null || end < (completed ?? Now)))
                {
                    pauses.Add(new Pause(start, end));
                }
            }

            facts.Add(new RequestFacts(
                new RequestNumber(1001 + i),
                type,
                state,
                filed,
                DateOnly.FromDateTime(filed.UtcDateTime).AddDays(random.Next(2, 9)),
                triaged,
                assigned,
                accepted,
                accepted is null ? null : who,
                completed,
                assigned is null ? null : who,
                completed is null ? null : Math.Round((decimal)(random.NextDouble() * 40), 2),
                completed is not null && random.Next(3) > 0 ? random.Next(1, 6) : null,
                pauses));
        }

        return facts;
    }
}
