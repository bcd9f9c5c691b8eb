using System.Globalization;
using LegalBot.Cards.Model;
using LegalBot.Core.Metrics;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="PeriodName">How the reader asked for the period ("last 30 days", "this quarter").</param>
/// <param name="TypeName">A request type's name by its key.</param>
/// <param name="ProfessionalName">An ALSP professional's name by their AAD object id.</param>
/// <param name="Currency">The ISO code costs are shown in.</param>
public sealed record MetricsModel(LegalOpsMetrics Metrics, string PeriodName, Func<string, string> TypeName, Func<string, string> ProfessionalName, string Currency);

/// <summary>
/// Legal operations at a glance: the headline figures first, then turnaround by week (Teams' bar chart) and the
/// backlog by state (Teams' donut chart), each with the same figures as text for hosts without charts, then the
/// figures by request type and by ALSP professional.
/// </summary>
public static class MetricsCard
{
    /// <summary>Professionals listed by name; the rest are counted (their scorecards have them).</summary>
    public const int MaxProfessionals = 10;

    /// <summary>Request types listed by name; the rest are counted.</summary>
    public const int MaxTypes = 12;

    /// <summary>Names (of types and professionals) are cut after this many characters, with an ellipsis.</summary>
    public const int NameShown = 40;

    public static AdaptiveCard Build(MetricsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var m = model.Metrics;
        var period = m.Period;
        var body = new List<CardElement>
        {
            Heading($"Legal operations: {CardText.Clip(model.PeriodName, NameShown)}"),
            Subtle($"{Date(period.FirstDay)} – {Date(period.LastDay)}; the backlog as of now"),
        };

        if (m.Filed == 0 && m.Completed == 0 && m.Backlog == 0)
        {
            body.Add(Text("No requests were filed or completed in this period, and none is open."));
            return Card(body, null, $"Legal operations, {model.PeriodName}: no requests.");
        }

        body.Add(Facts(
        [
            new Fact("Filed", Count(m.Filed, "request")),
            new Fact("Completed", m.Completed == 0 ? "none" : $"{m.Completed} · {Percent(m.ComplianceRate!.Value)} on time ({m.CompletedOnTime} of {m.Completed})"),
            new Fact("Backlog", $"{m.Backlog} open" + (m.BacklogAge.OverFourWeeks > 0 ? $" · {m.BacklogAge.OverFourWeeks} over 4 weeks old" : "")),
            new Fact("Turnaround", SpreadText(m.TurnaroundDays, Days)),
            new Fact("Time to triage", SpreadText(m.TriageHours, Hours)),
            new Fact("Time to accept", SpreadText(m.AcceptHours, Hours)),
            new Fact("Cost", CostText(m.Cost, model.Currency)),
            new Fact("Satisfaction", m.AverageRating is { } rating ? $"{rating.ToString("0.0", CultureInfo.InvariantCulture)} of 5 ({Count(m.Ratings, "rating")})" : "no ratings yet"),
        ]));

        if (m.TurnaroundByBucket.Count > 0)
        {
            var title = m.BucketsAreMonths ? "Median turnaround by month (days)" : "Median turnaround by week (days)";
            var bars = m.TurnaroundByBucket
                .Select(b => (Label: m.BucketsAreMonths ? b.Start.ToString("MMM yyyy", CultureInfo.InvariantCulture) : "w/c " + b.Start.ToString("d MMM", CultureInfo.InvariantCulture), b.TurnaroundDays))
                .ToList();
            body.Add(new VerticalBarChart([.. bars.Select(b => new BarPoint(b.Label, Math.Round(b.TurnaroundDays.Median!.Value, 1, MidpointRounding.AwayFromZero)))])
            {
                Title = title,
                XAxisTitle = m.BucketsAreMonths ? "Month completed" : "Week completed",
                YAxisTitle = "Days",
                Color = "categoricalBlue",
                ShowBarValues = true,
                Separator = true,
                Fallback = Titled(title, bars.Select(b => new Fact(b.Label, $"{Days(b.TurnaroundDays.Median!.Value)} ({Count(b.TurnaroundDays.Count, "completed", "completed")})"))),
            });
        }

        if (m.BacklogByState.Count > 0)
        {
            const string Title = "Backlog by state";
            body.Add(new DonutChart([.. m.BacklogByState.Select(s => new DonutSlice(s.State.Describe(), s.Count))])
            {
                Title = Title,
                ColorSet = "categorical",
                Separator = true,
                Fallback = Titled(Title, m.BacklogByState.Select(s => new Fact(s.State.Describe(), s.Count.ToString(CultureInfo.InvariantCulture)))),
            });
            body.Add(Subtle(
                $"By age: {m.BacklogAge.UnderAWeek} under a week, {m.BacklogAge.OneToTwoWeeks} 1–2 weeks, {m.BacklogAge.TwoToFourWeeks} 2–4 weeks, {m.BacklogAge.OverFourWeeks} over 4 weeks."));
        }

        if (m.ByType.Count > 0)
        {
            body.Add(Line("By request type", TextWeight.Bolder) with { Separator = true });
            body.Add(Facts(m.ByType.Take(MaxTypes).Select(t => new Fact(
                CardText.Clip(model.TypeName(t.TypeKey), NameShown),
                $"{t.Filed} filed · {Count(t.TurnaroundDays.Count, "completed", "completed")}"
                + (t.TurnaroundDays.Median is { } median ? $" · median {Days(median)}" : "")
                + (t.Cost.Hours > 0 ? $" · saved {Money(t.Cost.Saved, model.Currency)}" : "")))));
            if (m.ByType.Count > MaxTypes)
            {
                body.Add(Subtle($"and {m.ByType.Count - MaxTypes} more types."));
            }
        }

        if (m.ByProfessional.Count > 0)
        {
            body.Add(Line("By ALSP professional", TextWeight.Bolder) with { Separator = true });
            var shown = m.ByProfessional.OrderByDescending(p => p.Completed).ThenBy(p => model.ProfessionalName(p.AadObjectId), StringComparer.Ordinal).Take(MaxProfessionals);
            body.Add(Facts(shown.Select(p => new Fact(CardText.Clip(model.ProfessionalName(p.AadObjectId), NameShown), ProfessionalText(p, model.Currency)))));
            if (m.ByProfessional.Count > MaxProfessionals)
            {
                body.Add(Subtle($"and {m.ByProfessional.Count - MaxProfessionals} more; type scorecard and a name to see one."));
            }
        }

        var summary = $"Legal operations, {model.PeriodName}: {m.Filed} filed, {m.Completed} completed, {m.Backlog} open"
            + (m.ComplianceRate is { } rate ? $", {Percent(rate)} on time" : "") + ".";
        return Card(body, null, summary);
    }

    /// <summary>"8 completed · 88% on time · median 2.3 days · accepts in 1.5 hours · 4.6 of 5 · saved USD 1,200".</summary>
    public static string ProfessionalText(ProfessionalFigures p, string currency)
    {
        ArgumentNullException.ThrowIfNull(p);
        var parts = new List<string> { Count(p.Completed, "completed", "completed") };
        if (p.Completed > 0)
        {
            parts.Add($"{Percent((double)p.OnTime / p.Completed)} on time");
            parts.Add($"median {Days(p.TurnaroundDays.Median!.Value)}");
        }

        if (p.AcceptHours.Median is { } accept)
        {
            parts.Add($"accepts in {Hours(accept)}");
        }

        if (p.AverageRating is { } rating)
        {
            parts.Add($"{rating.ToString("0.0", CultureInfo.InvariantCulture)} of 5");
        }

        if (p.Cost.Hours > 0)
        {
            parts.Add($"{Number(p.Cost.Hours)} hours, {Money(p.Cost.Alsp, currency)}");
        }

        return string.Join(" · ", parts);
    }

    public static string CostText(Cost cost, string currency)
    {
        ArgumentNullException.ThrowIfNull(cost);
        return cost.Hours == 0
            ? "no ALSP hours logged"
            : $"{Money(cost.Alsp, currency)} for {Number(cost.Hours)} ALSP hours · {Money(cost.OutsideCounsel, currency)} at outside counsel rates · saved {Money(cost.Saved, currency)}";
    }

    public static string SpreadText(Spread spread, Func<double, string> unit)
    {
        ArgumentNullException.ThrowIfNull(spread);
        ArgumentNullException.ThrowIfNull(unit);
        return spread.Median is { } median ? $"median {unit(median)} · 90% within {unit(spread.P90!.Value)}" : "nothing measured yet";
    }

    public static string Days(double days) => days.ToString("0.0", CultureInfo.InvariantCulture) + (days is >= 0.95 and < 1.05 ? " day" : " days");

    public static string Hours(double hours) => hours.ToString(hours < 10 ? "0.0" : "0", CultureInfo.InvariantCulture) + (hours is >= 0.95 and < 1.05 ? " hour" : " hours");

    public static string Money(decimal amount, string currency) =>
        currency + " " + (amount < 0 ? "-" : "") + Math.Abs(amount).ToString("#,0", CultureInfo.InvariantCulture);

    internal static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    internal static string Percent(double rate) => (rate * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    internal static string Count(int count, string one, string? many = null) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? one : many ?? one + "s");

    /// <summary>A chart's fallback: its title, then its figures as label/value lines.</summary>
    private static Container Titled(string title, IEnumerable<Fact> facts) =>
        new([Line(title, TextWeight.Bolder), .. Facts(facts).Items]);
}
