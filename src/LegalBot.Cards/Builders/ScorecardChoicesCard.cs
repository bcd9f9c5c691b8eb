using LegalBot.Cards.Model;
using LegalBot.Core.Metrics;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Title">The question ("Several match …: whose scorecard?").</param>
/// <param name="Subjects">The firms and professionals to choose from.</param>
/// <param name="PeriodText">The period as typed (empty for the default), carried by each button.</param>
public sealed record ScorecardChoicesModel(string Title, IReadOnlyList<ScorecardSubject> Subjects, string PeriodText);

/// <summary>Whose scorecard: one line and one button per firm or professional, when a name matches several or none was given.</summary>
public static class ScorecardChoicesCard
{
    /// <summary>Choices shown; the rest are counted.</summary>
    public const int MaxChoices = 15;

    /// <summary>A button's title is cut after this many characters (the line above it has the name in full, up to <see cref="MetricsCard.NameShown"/>).</summary>
    public const int ButtonShown = 30;

    public static AdaptiveCard Build(ScorecardChoicesModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement> { Heading(CardText.Clip(model.Title, ScorecardCard.HeadingShown)) };
        if (model.Subjects.Count == 0)
        {
            body.Add(Text("No ALSP professionals are on the roster yet."));
            return Card(body, null, "No ALSP professionals are on the roster yet.");
        }

        var shown = model.Subjects.Take(MaxChoices).ToList();
        body.Add(Facts(shown.Select(s => new Fact(CardText.Clip(s.Name, MetricsCard.NameShown), Describe(s)))));
        body.AddRange(shown
            .Select(s => (CardAction)Submit(
                CardText.Clip(s.Name, ButtonShown) + (s is FirmSubject ? " (firm)" : ""),
                CardActions.Data(CardActions.Scorecard, (CardActions.SubjectKey, s.Key), (CardActions.PeriodKey, model.PeriodText))))
            .Chunk(MaxActionsPerSet)
            .Select(chunk => new ActionSet(chunk)));
        if (model.Subjects.Count > MaxChoices)
        {
            body.Add(Subtle($"and {model.Subjects.Count - MaxChoices} more: type scorecard and more of the name."));
        }

        return Card(body, null, $"{CardText.Clip(model.Title, ScorecardCard.HeadingShown)} {string.Join(", ", shown.Select(s => CardText.Clip(s.Name, MetricsCard.NameShown)))}.");
    }

    private static string Describe(ScorecardSubject subject) => subject switch
    {
        FirmSubject firm => $"provider firm, {firm.Members.Count} on the roster",
        ProfessionalSubject { Former: true } => "former professional",
        ProfessionalSubject p => (p.Firm is null ? "professional" : CardText.Clip(p.Firm, MetricsCard.NameShown)) + (p.Active ? "" : ", inactive"),
        _ => "",
    };
}
