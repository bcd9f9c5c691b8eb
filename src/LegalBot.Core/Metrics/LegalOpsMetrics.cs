using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;

namespace LegalBot.Core.Metrics;

/// <summary>A period measured, [<see cref="From"/>, <see cref="To"/>), with the team's dates it covers.</summary>
public sealed record MetricsPeriod(DateTimeOffset From, DateTimeOffset To, DateOnly FirstDay, DateOnly LastDay);

/// <summary>The median and 90th percentile (nearest rank) of some durations, and how many there were; null figures when none.</summary>
public sealed record Spread(int Count, double? Median, double? P90)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Spread(0, null, null);
        }

        var middle = sorted.Length / 2;
        var median = sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * sorted.Length) - 1];
        return new Spread(sorted.Length, median, p90);
    }
}

/// <summary>What the ALSP hours of some completed requests cost, against the same hours at outside counsel's rates.</summary>
public sealed record Cost(decimal Hours, decimal Alsp, decimal OutsideCounsel)
{
    public static readonly Cost None = new(0, 0, 0);

    public decimal Saved => OutsideCounsel - Alsp;

    public Cost Add(decimal hours, decimal alspRate, decimal outsideRate) => new(Hours + hours, Alsp + (hours * alspRate), OutsideCounsel + (hours * outsideRate));
}

/// <summary>One request type's figures for the period.</summary>
public sealed record TypeFigures(string TypeKey, int Filed, Spread TurnaroundDays, Cost Cost);

/// <summary>One ALSP professional's figures for the period.</summary>
public sealed record ProfessionalFigures(string AadObjectId, int Completed, int OnTime, Spread TurnaroundDays, Spread AcceptHours, Cost Cost, double? AverageRating);

/// <summary>Completions in one week or month of the period: their median turnaround.</summary>
public sealed record TurnaroundBucket(DateOnly Start, Spread TurnaroundDays);

/// <summary>Where the open requests stand by age (days since filing).</summary>
public sealed record BacklogAge(int UnderAWeek, int OneToTwoWeeks, int TwoToFourWeeks, int OverFourWeeks);

/// <summary>
/// What legal operations looks at: volume, backlog, speed, service levels, cost against outside counsel and
/// satisfaction, for one period. Turnaround is in calendar days from filing to completion; triage and acceptance
/// times are in hours.
/// </summary>
public sealed record LegalOpsMetrics(
    MetricsPeriod Period,
    int Filed,
    IReadOnlyList<(RequestState State, int Count)> FiledByState,
    int Backlog,
    IReadOnlyList<(RequestState State, int Count)> BacklogByState,
    BacklogAge BacklogAge,
    int Completed,
    int CompletedOnTime,
    Spread TurnaroundDays,
    Spread TriageHours,
    Spread AcceptHours,
    Cost Cost,
    int Ratings,
    double? AverageRating,
    IReadOnlyList<TypeFigures> ByType,
    IReadOnlyList<ProfessionalFigures> ByProfessional,
    IReadOnlyList<TurnaroundBucket> TurnaroundByBucket,
    bool BucketsAreMonths)
{
    /// <summary>Completed on or before their due date, of those completed; null when none was.</summary>
    public double? ComplianceRate => Completed == 0 ? null : (double)CompletedOnTime / Completed;
}

/// <summary>The rates costs are counted at: each professional's hourly rate, and outside counsel's per request type.</summary>
public sealed record CostRates(IReadOnlyDictionary<string, decimal> Professionals, IReadOnlyDictionary<string, decimal> OutsideCounselByType, decimal OutsideCounselDefault)
{
    public decimal OutsideCounsel(string typeKey) => OutsideCounselByType.TryGetValue(typeKey, out var rate) ? rate : OutsideCounselDefault;
}

/// <summary>Computes <see cref="LegalOpsMetrics"/> from the facts of the requests in a period (and those open now).</summary>
public static class MetricsCalculator
{
    /// <summary>Past this many weeks, turnaround is shown by month rather than by week.</summary>
    public const int MaxWeeks = 13;

    public static LegalOpsMetrics Compute(IReadOnlyCollection<RequestFacts> facts, MetricsPeriod period, DateTimeOffset now, CostRates rates, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        var measures = new PeriodMeasures(period, now, rates, calendar, zone);
        bool In(DateTimeOffset? at) => measures.In(at);
        bool OnTime(RequestFacts f) => measures.OnTime(f);
        Cost CostOf(IEnumerable<RequestFacts> done) => measures.CostOf(done);
        static double Days(RequestFacts f) => PeriodMeasures.Days(f);

        var filed = facts.Where(f => In(f.FiledAt)).ToList();
        var open = facts.Where(f => !WorkflowTable.IsTerminal(f.State)).ToList();
        var completed = facts.Where(measures.CompletedIn).ToList();
        var accepted = facts.Where(f => In(f.AcceptedAt) && f.AssignedAt is not null && f.AcceptedBy is not null).ToList();
        static double AcceptHours(RequestFacts f) => (f.AcceptedAt!.Value - f.AssignedAt!.Value).TotalHours;

        var byType = filed.Concat(completed).Select(f => f.TypeKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(type => new TypeFigures(
                type,
                filed.Count(f => f.TypeKey == type),
                Spread.Of(completed.Where(f => f.TypeKey == type).Select(Days)),
                CostOf(completed.Where(f => f.TypeKey == type))))
            .ToList();

        var professionals = completed.Where(f => f.AssigneeId is not null).Select(f => f.AssigneeId!)
            .Concat(accepted.Select(f => f.AcceptedBy!))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Where(rates.Professionals.ContainsKey)
            .Select(id =>
            {
                var theirs = completed.Where(f => f.AssigneeId == id).ToList();
                var rated = theirs.Where(f => f.Rating is not null).ToList();
                return new ProfessionalFigures(
                    id,
                    theirs.Count,
                    theirs.Count(OnTime),
                    Spread.Of(theirs.Select(Days)),
                    Spread.Of(accepted.Where(f => f.AcceptedBy == id).Select(AcceptHours)),
                    CostOf(theirs),
                    PeriodMeasures.AverageRating(rated));
            })
            .ToList();

        var months = period.LastDay.DayNumber - period.FirstDay.DayNumber + 1 > MaxWeeks * 7;
        DateOnly Bucket(DateTimeOffset at)
        {
            var day = measures.Day(at);
            return months ? new DateOnly(day.Year, day.Month, 1) : day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        }

        var buckets = completed.GroupBy(f => Bucket(f.CompletedAt!.Value)).OrderBy(g => g.Key)
            .Select(g => new TurnaroundBucket(g.Key, Spread.Of(g.Select(Days))))
            .ToList();

        var rated = completed.Where(f => f.Rating is not null).ToList();
        return new LegalOpsMetrics(
            period,
            filed.Count,
            CountByState(filed),
            open.Count,
            CountByState(open),
            new BacklogAge(
                open.Count(f => AgeDays(f) < 7),
                open.Count(f => AgeDays(f) is >= 7 and < 14),
                open.Count(f => AgeDays(f) is >= 14 and < 28),
                open.Count(f => AgeDays(f) >= 28)),
            completed.Count,
            completed.Count(OnTime),
            Spread.Of(completed.Select(Days)),
            Spread.Of(facts.Where(f => In(f.TriagedAt)).Select(f => (f.TriagedAt!.Value - f.FiledAt).TotalHours)),
            Spread.Of(accepted.Select(AcceptHours)),
            CostOf(completed),
            rated.Count,
            PeriodMeasures.AverageRating(rated),
            byType,
            professionals,
            buckets,
            months);

        double AgeDays(RequestFacts f) => (now - f.FiledAt).TotalDays;
    }

    private static List<(RequestState, int)> CountByState(IEnumerable<RequestFacts> facts) =>
        [.. facts.GroupBy(f => f.State).OrderBy(g => g.Key).Select(g => (g.Key, g.Count()))];
}
