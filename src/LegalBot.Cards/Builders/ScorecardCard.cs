using System.Globalization;
using LegalBot.Cards.Model;
using LegalBot.Core.Metrics;
using static LegalBot.Cards.CardParts;
using static LegalBot.Cards.Builders.MetricsCard;

namespace LegalBot.Cards.Builders;

/// <param name="Subject">The professional or firm.</param>
/// <param name="Figures">Theirs (a firm's members together).</param>
/// <param name="Members">A firm's members, each with their figures; empty for a professional.</param>
/// <param name="PeriodName">How the reader asked for the period ("last 90 days", "this year").</param>
/// <param name="Currency">The ISO code costs are shown in.</param>
public sealed record ScorecardModel(ScorecardSubject Subject, ScorecardFigures Figures, IReadOnlyList<MemberFigures> Members, MetricsPeriod Period, string PeriodName, string Currency);

/// <summary>
/// What legal operations weighs before converting an ALSP professional to full-time: for one professional or one firm,
/// the assignments taken, the work completed and how fast, the ratings, the hours and what they cost against outside
/// counsel, and the load they carry now; a firm's card then gives one line per professional.
/// </summary>
public static class ScorecardCard
{
    /// <summary>A firm's professionals listed by name; the rest are counted.</summary>
    public const int MaxMembers = 30;

    /// <summary>The subject's name in the heading is cut after this many characters.</summary>
    public const int HeadingShown = 80;

    public static AdaptiveCard Build(ScorecardModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var f = model.Figures;
        var body = new List<CardElement>
        {
            Heading($"Scorecard: {CardText.Clip(model.Subject.Name, HeadingShown)}"),
            Subtle(Describe(model.Subject, model.Currency)),
            Subtle($"{CardText.Clip(model.PeriodName, NameShown)}: {Date(model.Period.FirstDay)} – {Date(model.Period.LastDay)}; the open load as of now"),
        };

        var summary = $"Scorecard for {CardText.Clip(model.Subject.Name, HeadingShown)}, {CardText.Clip(model.PeriodName, NameShown)}: {Count(f.Completed, "completed", "completed")}"
            + (f.OnTimeRate is { } rate ? $", {Percent(rate)} on time" : "") + $", {Count(f.OpenLoad, "open", "open")} now.";
        if (f is { Received: 0, Accepted: 0, Declined: 0, Completed: 0, OpenLoad: 0 })
        {
            body.Add(Text("No assignments were received, answered or completed in this period, and none is open."));
        }
        else
        {
            body.Add(Facts(
            [
                new Fact("Assignments", $"{f.Received} received · {f.Accepted} accepted · {f.Declined} declined"),
                new Fact("Completed", f.Completed == 0 ? "none" : $"{f.Completed} · {Percent(f.OnTimeRate!.Value)} on time ({f.OnTime} of {f.Completed})"),
                new Fact("Turnaround", SpreadText(f.TurnaroundDays, Days)),
                new Fact("Time to accept", SpreadText(f.AcceptHours, MetricsCard.Hours)),
                new Fact("Rating", f.AverageRating is { } rating ? $"{rating.ToString("0.0", CultureInfo.InvariantCulture)} of 5 ({Count(f.Ratings, "rating")})" : "no ratings yet"),
                new Fact("Hours", f.Hours == 0 ? "none logged" : Number(f.Hours)),
                new Fact("ALSP cost", AlspCost(f, model.Currency)),
                new Fact("Outside counsel", f.Cost.Hours == 0 ? "nothing to compare" : $"{Money(f.Cost.OutsideCounsel, model.Currency)} for the same hours · saved {Money(f.Cost.Saved, model.Currency)}"),
                new Fact("Open now", Load(f.OpenLoad, Capacity(model.Subject))),
            ]));
        }

        if (model.Members.Count > 0)
        {
            body.Add(Line("By professional", TextWeight.Bolder) with { Separator = true });
            body.Add(Facts(model.Members.Take(MaxMembers).Select(m => new Fact(
                CardText.Clip(m.Professional.Name, NameShown) + (m.Professional.Active ? "" : " (inactive)"),
                MemberText(m, model.Currency)))));
            if (model.Members.Count > MaxMembers)
            {
                body.Add(Subtle($"and {model.Members.Count - MaxMembers} more; type scorecard and a name to see one."));
            }
        }

        return Card(body, null, summary);
    }

    /// <summary>"8 completed · 88% on time · median 2.3 days · … · 2 open of 5".</summary>
    public static string MemberText(MemberFigures member, string currency)
    {
        ArgumentNullException.ThrowIfNull(member);
        var f = member.Figures;
        var line = ProfessionalText(new ProfessionalFigures(member.Professional.AadObjectId, f.Completed, f.OnTime, f.TurnaroundDays, f.AcceptHours, f.Cost, f.AverageRating), currency);
        return $"{line} · {f.Received} received · {Load(f.OpenLoad, member.Professional.WeeklyCapacity)}";
    }

    private static string Describe(ScorecardSubject subject, string currency) => subject switch
    {
        FirmSubject firm => $"Provider firm · {Count(firm.Members.Count, "professional")} on the roster, {firm.Members.Count(m => m.Active)} active",
        ProfessionalSubject { Former: true } => "Former professional: no longer on the roster; hours are not costed",
        ProfessionalSubject p => string.Join(" · ", new[]
        {
            p.Firm is null ? null : CardText.Clip(p.Firm, NameShown),
            p.Active ? "active" : "inactive",
            p.HourlyRate is { } r ? $"{Money(r, currency)} an hour" : null,
        }.OfType<string>()),
        _ => "",
    };

    private static int? Capacity(ScorecardSubject subject) => subject switch
    {
        FirmSubject firm => firm.WeeklyCapacity,
        ProfessionalSubject p => p.WeeklyCapacity,
        _ => null,
    };

    private static string AlspCost(ScorecardFigures f, string currency)
    {
        var uncosted = f.Hours - f.Cost.Hours;
        var cost = f.Cost.Hours == 0 ? "no hours at a known rate" : $"{Money(f.Cost.Alsp, currency)} for {Number(f.Cost.Hours)} hours";
        return uncosted > 0 ? $"{cost} ({Number(uncosted)} hours at no known rate)" : cost;
    }

    private static string Load(int open, int? capacity) => capacity switch
    {
        null => $"{open} open",
        0 => $"{open} open · no weekly capacity",
        { } c => $"{open} open of {c} a week ({Percent((double)open / c)})",
    };
}
