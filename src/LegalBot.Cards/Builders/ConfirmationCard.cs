using LegalBot.Core.Catalog;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Answers">Field labels with the requester's answers as they should read them, in form order.</param>
/// <param name="TargetDate">When the request would be due if filed today.</param>
public sealed record ConfirmationModel(
    RequestType Type,
    IReadOnlyList<(string Label, string Value)> Answers,
    DateOnly TargetDate,
    string DraftId);

/// <summary>Shows the draft back to the requester before it is filed.</summary>
public static class ConfirmationCard
{
    private const int TextBudgetBytes = 13_000;

    public static AdaptiveCard Build(ConfirmationModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budget = new TextBudget(TextBudgetBytes);
        var facts = new List<Fact> { new("Type", model.Type.Name) };
        facts.AddRange(model.Answers.Select(a => new Fact(a.Label, budget.Text(a.Value, RequestTypeCatalog.DescriptionMaxLength))));
        facts.Add(new("Target date", $"{Date(model.TargetDate)} ({IntakeFormCard.Turnaround(model.Type.TurnaroundBusinessDays)})"));

        var body = new List<CardElement>
        {
            Heading("Please check your request"),
            Facts(facts),
            Subtle("You can also type yes, edit or cancel."),
        };
        var draft = (CardActions.DraftIdKey, model.DraftId);
        return Card(
            body,
            [
                Submit("Submit", CardActions.Data(CardActions.IntakeConfirm, draft), ActionStyle.Positive, AssociatedInputs.None),
                Submit("Edit", CardActions.Data(CardActions.IntakeEdit, draft), inputs: AssociatedInputs.None),
                Submit("Cancel", CardActions.Data(CardActions.IntakeCancel, draft), ActionStyle.Destructive, AssociatedInputs.None),
            ],
            $"Please check your {model.Type.Name} request, then type yes to file it, edit to change it or cancel.");
    }
}
