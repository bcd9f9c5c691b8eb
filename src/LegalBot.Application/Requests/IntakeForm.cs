using System.Globalization;
using LegalBot.Cards;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Application.Requests;

/// <summary>A form's answers after checking: the valid values, why the others were refused, and what to show again.</summary>
/// <param name="Values">Valid answers, normalized as <see cref="FieldValueParser"/> writes them, by field name.</param>
/// <param name="Errors">Why an answer was refused, in the user's words, by field name.</param>
/// <param name="Shown">What the form shows again: the valid values and the refused answers as typed (when not absurdly long).</param>
public sealed record CheckedForm(IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Errors, IReadOnlyDictionary<string, string> Shown)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// The intake form's rules, the same wherever the form is filled (the bot chat, a Teams dialog): each field parsed
/// and checked by <see cref="FieldValueParser"/>, and a complete set of answers turned into the draft to file.
/// </summary>
public static class IntakeForm
{
    /// <summary>Checks every field of <paramref name="fields"/> in <paramref name="submitted"/>; keys that are not fields are ignored.</summary>
    public static CheckedForm Check(IReadOnlyList<FieldDefinition> fields, IReadOnlyDictionary<string, string> submitted, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(submitted);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var raw = submitted.GetValueOrDefault(field.Name);
            var result = FieldValueParser.Parse(field, raw, today);
            if (result.Ok)
            {
                if (result.Value is not null)
                {
                    values[field.Name] = result.Value;
                    shown[field.Name] = result.Value;
                }
            }
            else
            {
                errors[field.Name] = FieldErrorText.For(result.Error!);
                if (!string.IsNullOrWhiteSpace(raw) && raw.Length <= (field.MaxLength ?? RequestTypeCatalog.DescriptionMaxLength) * 2)
                {
                    shown[field.Name] = raw;
                }
            }
        }

        return new CheckedForm(values, errors, shown);
    }

    /// <summary>The draft to file from a complete set of valid answers (as <see cref="Check"/> returns them).</summary>
    public static RequestDraft Draft(RequestType type, IReadOnlyDictionary<string, string> values)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(values);
        string[] common = [CommonFields.Title, CommonFields.Description, CommonFields.BusinessUnit, CommonFields.Counterparty, CommonFields.Priority, CommonFields.DueDate];
        return new RequestDraft
        {
            TypeKey = type.Key,
            Title = values[CommonFields.Title],
            Description = values[CommonFields.Description],
            BusinessUnit = values[CommonFields.BusinessUnit],
            Counterparty = values.GetValueOrDefault(CommonFields.Counterparty),
            Priority = Enum.Parse<Priority>(values[CommonFields.Priority], ignoreCase: true),
            RequestedDueDate = values.TryGetValue(CommonFields.DueDate, out var due)
                ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
            Fields = values.Where(kv => !common.Contains(kv.Key)).ToDictionary(),
        };
    }
}
