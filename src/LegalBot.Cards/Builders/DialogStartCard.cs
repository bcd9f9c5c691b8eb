using LegalBot.Core.Catalog;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Types">The catalog's request types, offered in a list.</param>
/// <param name="Description">The description so far: prefilled from a message, or as the user left it.</param>
/// <param name="DraftId">Identifies this filing; carried to the form and to the submission.</param>
/// <param name="Error">Why the step is shown again (no type chosen), or null.</param>
public sealed record DialogStartModel(IReadOnlyList<RequestType> Types, string? Description, string DraftId, string? Error = null);

/// <summary>
/// The first step of filing in a Teams dialog: which kind of request, and the description (prefilled from the
/// message it is filed from, and editable). "Next" shows that type's form with the description carried over.
/// </summary>
public static class DialogStartCard
{
    public const string NextTitle = "Next";

    public static AdaptiveCard Build(DialogStartModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var body = new List<CardElement> { Heading("Send to legal") };
        if (model.Types.Count == 0)
        {
            body.Add(Text("No request types are set up yet. Please contact the legal team directly."));
            return Card(body, null, "No request types are set up yet.");
        }

        body.Add(Subtle("Choose the kind of request; its form comes next."));
        if (model.Error is { Length: > 0 } error)
        {
            body.Add(Error(new TextBudget(1_000).Text(error, 300)));
        }

        body.Add(new ChoiceSetInput(CardActions.TypeKey, [.. model.Types.Select(t => new Choice(t.Name, t.Key))])
        {
            Label = "Request type",
            IsRequired = true,
            ErrorMessage = "Choose a request type",
            Style = ChoiceInputStyle.Compact,
            Placeholder = "Choose one",
        });
        body.Add(new TextInput(CommonFields.Description)
        {
            Label = "Description",
            IsMultiline = true,
            MaxLength = RequestTypeCatalog.DescriptionMaxLength,
            Placeholder = "What do you need, and by when?",
            Value = string.IsNullOrEmpty(model.Description) ? null : new TextBudget(12_000).Text(model.Description, RequestTypeCatalog.DescriptionMaxLength),
        });

        return Card(
            body,
            [Submit(NextTitle, CardActions.Data(CardActions.IntakeType, (CardActions.DraftIdKey, model.DraftId)), ActionStyle.Positive, AssociatedInputs.Auto)],
            "Choose the kind of legal request, then fill in its form.");
    }
}
