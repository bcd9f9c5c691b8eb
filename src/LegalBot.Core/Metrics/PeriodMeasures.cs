using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Metrics;

/// <summary>
/// How the metrics and the scorecards measure requests in a period, written once: what falls in it, turnaround in
/// days, on time against the paused due date in the team's zone, and cost at the configured rates.
/// </summary>
internal sealed class PeriodMeasures(MetricsPeriod period, DateTimeOffset now, CostRates rates, BusinessCalendar calendar, TimeZoneInfo zone)
{
    private readonly DateOnly today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zone).DateTime);

    public bool In(DateTimeOffset? at) => at is { } t && t >= period.From && t < period.To;

    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>Completed in the period (whoever did the work).</summary>
    public bool CompletedIn(RequestFacts f) => f.State == RequestState.Completed && In(f.CompletedAt);

    public bool OnTime(RequestFacts f) => Day(f.CompletedAt!.Value) <= ServiceLevels.DueDate(f.TargetDate, f.Pauses, calendar, zone, today);

    public static double Days(RequestFacts f) => (f.CompletedAt!.Value - f.FiledAt).TotalDays;

    public static double? AverageRating(IReadOnlyCollection<RequestFacts> rated) => rated.Count == 0 ? null : rated.Average(f => f.Rating!.Value);

    /// <summary>The ALSP hours of completed requests at their professional's rate; hours of someone with no known rate are left out.</summary>
    public Cost CostOf(IEnumerable<RequestFacts> done) => done
        .Where(f => f.HoursSpent is not null && f.AssigneeId is not null && rates.Professionals.ContainsKey(f.AssigneeId))
        .Aggregate(Cost.None, (sum, f) => sum.Add(f.HoursSpent!.Value, rates.Professionals[f.AssigneeId!], rates.OutsideCounsel(f.TypeKey)));
}
