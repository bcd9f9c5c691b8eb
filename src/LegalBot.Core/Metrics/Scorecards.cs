using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Metrics;

/// <summary>
/// What one ALSP professional, or a firm's professionals together, did in a period: the assignments they received,
/// accepted and declined in it, the work they completed in it (on time against the due date, as the metrics count it),
/// its turnaround, their time to accept, the requesters' ratings, the hours and what they cost against outside counsel,
/// and the assignments they hold open now.
/// </summary>
/// <param name="Hours">Every hour logged on the completed work, including hours of someone with no known rate.</param>
/// <param name="Cost">The hours at a known rate (the roster's), with what they cost and would have cost.</param>
public sealed record ScorecardFigures(
    int Received,
    int Accepted,
    int Declined,
    int Completed,
    int OnTime,
    Spread TurnaroundDays,
    Spread AcceptHours,
    int Ratings,
    double? AverageRating,
    decimal Hours,
    Cost Cost,
    int OpenLoad)
{
    /// <summary>Completed on or before their due date, of those completed; null when none was.</summary>
    public double? OnTimeRate => Completed == 0 ? null : (double)OnTime / Completed;
}

/// <summary>One professional's line on a firm's scorecard.</summary>
public sealed record MemberFigures(ProfessionalSubject Professional, ScorecardFigures Figures);

/// <summary>A firm's scorecard: its professionals together, then each of them.</summary>
public sealed record FirmFigures(ScorecardFigures Total, IReadOnlyList<MemberFigures> Members);

/// <summary>Computes <see cref="ScorecardFigures"/> from the facts of the requests in a period (and those open now).</summary>
public static class ScorecardCalculator
{
    /// <summary>The figures of the professionals in <paramref name="professionals"/> together (ids compared as the set compares them).</summary>
    public static ScorecardFigures Compute(IReadOnlyCollection<RequestFacts> facts, IReadOnlySet<string> professionals, MetricsPeriod period, DateTimeOffset now, CostRates rates, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(professionals);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        var measures = new PeriodMeasures(period, now, rates, calendar, zone);
        bool Theirs(string? id) => id is not null && professionals.Contains(id);

        var assignments = facts.SelectMany(f => f.Assignments).Where(a => Theirs(a.ProfessionalId)).ToList();
        var accepted = assignments.Where(a => measures.In(a.AcceptedAt)).ToList();
        var completed = facts.Where(f => measures.CompletedIn(f) && Theirs(f.AssigneeId)).ToList();
        var rated = completed.Where(f => f.Rating is not null).ToList();
        return new ScorecardFigures(
            assignments.Count(a => measures.In(a.At)),
            accepted.Count,
            assignments.Count(a => measures.In(a.DeclinedAt)),
            completed.Count,
            completed.Count(measures.OnTime),
            Spread.Of(completed.Select(PeriodMeasures.Days)),
            Spread.Of(accepted.Select(a => (a.AcceptedAt!.Value - a.At).TotalHours)),
            rated.Count,
            PeriodMeasures.AverageRating(rated),
            completed.Sum(f => f.HoursSpent ?? 0),
            measures.CostOf(completed),
            facts.Count(f => f.State.IsOpen() && Theirs(f.AssigneeId)));
    }

    /// <summary>A firm's figures: its members together, then one line per member (by name).</summary>
    public static FirmFigures ComputeFirm(IReadOnlyCollection<RequestFacts> facts, FirmSubject firm, MetricsPeriod period, DateTimeOffset now, CostRates rates, BusinessCalendar calendar, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(firm);
        var all = new HashSet<string>(firm.Members.Select(m => m.AadObjectId), StringComparer.OrdinalIgnoreCase);
        return new FirmFigures(
            Compute(facts, all, period, now, rates, calendar, zone),
            [.. firm.Members.Select(m => new MemberFigures(m, Compute(facts, m.Ids, period, now, rates, calendar, zone)))]);
    }
}
