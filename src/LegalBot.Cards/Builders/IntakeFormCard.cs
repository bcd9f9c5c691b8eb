using System.Globalization;
using LegalBot.Core.Catalog;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Fields">The fields in form order, usually <see cref="CommonFields.For"/>.</param>
/// <param name="Values">Answers so far by field name, normalized as <see cref="FieldValueParser"/> does (prefill the priority).</param>
/// <param name="Errors">Why an answer was refused, by field name; other keys are shown above the form.</param>
/// <param name="DraftId">Echoed in the submit data so a stale form can be recognized.</param>
/// <param name="Today">The earliest date the date pickers offer.</param>
/// <param name="InDialog">
/// Shown in a Teams dialog, which files on submit (there is no summary step, and the dialog has its own close
/// button): one "Send to legal" button whose data also names the type, since a dialog keeps no state between steps.
/// </param>
public sealed record IntakeFormModel(
    RequestType Type,
    IReadOnlyList<FieldDefinition> Fields,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyDictionary<string, string> Errors,
    string DraftId,
    DateOnly Today,
    bool InDialog = false);

/// <summary>The form for one request type: one input per field, with the server's errors shown under each input.</summary>
public static class IntakeFormCard
{
    private const int TextBudgetBytes = 10_000;
    private const int ErrorMax = 300;
    private const int DefaultMaxLength = RequestTypeCatalog.DescriptionMaxLength;

    /// <summary>The button that files the request from a dialog.</summary>
    public const string SendTitle = "Send to legal";

    public static AdaptiveCard Build(IntakeFormModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var budget = new TextBudget(TextBudgetBytes);
        var maxDate = model.Today.AddYears(5);
        var body = new List<CardElement>
        {
            Heading(model.Type.Name),
            Subtle($"Target turnaround: {Turnaround(model.Type.TurnaroundBusinessDays)}"),
        };
        if (!string.IsNullOrWhiteSpace(model.Type.Description))
        {
            body.Add(Text(model.Type.Description));
        }

        var errors = model.Errors.Where(e => !string.IsNullOrWhiteSpace(e.Value)).ToList();
        var fieldErrors = model.Fields.ToDictionary(
            f => f.Name,
            f => errors.FirstOrDefault(e => string.Equals(e.Key, f.Name, StringComparison.OrdinalIgnoreCase)).Value,
            StringComparer.Ordinal);
        foreach (var (key, error) in errors)
        {
            if (!model.Fields.Any(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase)))
            {
                body.Add(Error(budget.Text(error, ErrorMax)));
            }
        }

        var marked = fieldErrors.Values.Count(e => e is not null);
        if (marked > 0)
        {
            body.Add(Error(marked == 1 ? "Please fix the field marked below." : $"Please fix the {Number(marked)} fields marked below."));
        }

        foreach (var field in model.Fields)
        {
            model.Values.TryGetValue(field.Name, out var value);
            body.Add(Input(field, value, model.Today, maxDate, budget));
            if (fieldErrors[field.Name] is { } error)
            {
                body.Add(Error(budget.Text(error, ErrorMax)));
            }
        }

        if (model.InDialog)
        {
            return Card(
                body,
                [Submit(SendTitle, CardActions.Data(CardActions.IntakeSubmit, (CardActions.DraftIdKey, model.DraftId), (CardActions.TypeKey, model.Type.Key)), ActionStyle.Positive, AssociatedInputs.Auto)],
                $"A form for a new {model.Type.Name} request.");
        }

        return Card(
            body,
            [
                Submit("Review request", CardActions.Data(CardActions.IntakeSubmit, (CardActions.DraftIdKey, model.DraftId)), ActionStyle.Positive, AssociatedInputs.Auto),
                Submit("Cancel", CardActions.Data(CardActions.IntakeCancel, (CardActions.DraftIdKey, model.DraftId)), inputs: AssociatedInputs.None),
            ],
            $"A form for a new {model.Type.Name} request. If you can't see it, type \"cancel\" and tell me what you need in chat.");
    }

    internal static string Turnaround(int businessDays) =>
        businessDays == 1 ? "1 business day" : $"{Number(businessDays)} business days";

    private static InputElement Input(FieldDefinition field, string? value, DateOnly today, DateOnly maxDate, TextBudget budget)
    {
        var required = field.Required ? true : (bool?)null;
        switch (field.Kind)
        {
            case FieldKind.Choice when field.Choices.Count > 0:
                return new ChoiceSetInput(field.Name, [.. field.Choices.Select(c => new Choice(c, c))])
                {
                    Label = field.Label,
                    IsRequired = required,
                    ErrorMessage = field.Required ? $"{field.Label} is required" : $"Choose one of the options for {field.Label}",
                    Style = ChoiceInputStyle.Compact,
                    Placeholder = field.Placeholder ?? "Choose one",
                    Value = field.Choices.FirstOrDefault(c => string.Equals(c, value?.Trim(), StringComparison.OrdinalIgnoreCase)),
                };

            case FieldKind.Date:
                var range = $"between today and {Date(maxDate)}";
                return new DateInput(field.Name)
                {
                    Label = field.Label,
                    IsRequired = required,
                    ErrorMessage = field.Required ? $"{field.Label} is required, {range}" : $"{field.Label} must be {range}",
                    Min = IsoDate(today),
                    Max = IsoDate(maxDate),
                    Value = DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? IsoDate(date) : null,
                };

            case FieldKind.Number:
                return new NumberInput(field.Name)
                {
                    Label = field.Label,
                    IsRequired = required,
                    ErrorMessage = NumberError(field),
                    Min = field.Min,
                    Max = field.Max,
                    Placeholder = field.Placeholder,
                    Value = decimal.TryParse(value?.Trim(), NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) ? number : null,
                };

            case FieldKind.YesNo:
                // A toggle always answers (on or off). Marking it required would make clients insist on
                // "on", so that "no" could never be given; the catalog's Required is met by the toggle itself.
                return new ToggleInput(field.Name, field.Placeholder ?? "Yes")
                {
                    Label = field.Label,
                    ErrorMessage = $"Please answer {field.Label}",
                    Wrap = true,
                    Value = FieldValueParser.ParseYesNo(value) switch
                    {
                        true => "true",
                        false => "false",
                        null => null,
                    },
                };

            default:
                var max = field.MaxLength ?? DefaultMaxLength;
                return new TextInput(field.Name)
                {
                    Label = field.Label,
                    IsRequired = required,
                    ErrorMessage = TextError(field),
                    Placeholder = field.Placeholder,
                    IsMultiline = field.Kind == FieldKind.LongText ? true : null,
                    MaxLength = max,
                    Regex = field.MinLength is > 1 and var min ? $"^[\\s\\S]{{{Number(min)},}}$" : null,
                    Value = string.IsNullOrEmpty(value) ? null : budget.Text(value, max),
                };
        }
    }

    private static string TextError(FieldDefinition field) => (field.Required, field.MinLength) switch
    {
        (true, > 1 and var min) => $"{field.Label} is required (at least {Number(min)} characters)",
        (true, _) => $"{field.Label} is required",
        (false, > 1 and var min) => $"{field.Label} needs at least {Number(min)} characters",
        _ => $"Please check {field.Label}",
    };

    private static string NumberError(FieldDefinition field)
    {
        var range = (field.Min, field.Max) switch
        {
            ({ } min, { } max) => $" between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}",
            ({ } min, null) => $" of at least {min.ToString(CultureInfo.InvariantCulture)}",
            (null, { } max) => $" of at most {max.ToString(CultureInfo.InvariantCulture)}",
            _ => "",
        };
        return field.Required ? $"{field.Label} is required: enter a number{range}" : $"{field.Label} must be a number{range}";
    }
}
