using System.Globalization;
using System.Text.RegularExpressions;

namespace LegalBot.Core.Catalog;

/// <summary>The validated, read-only set of request types and the common fields every request has.</summary>
public sealed partial class RequestTypeCatalog
{
    public const int TitleMaxLength = 120;
    public const int DescriptionMaxLength = 4000;
    public const int CounterpartyMaxLength = 200;

    private readonly Dictionary<string, RequestType> byKey;

    public RequestTypeCatalog(CatalogOptions options)
    {
        var errors = Validate(options);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The request type catalog is invalid: " + string.Join("; ", errors));
        }

        Types = options.Types;
        BusinessUnits = options.BusinessUnits;
        byKey = options.Types.ToDictionary(t => t.Key, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<RequestType> Types { get; }

    public IReadOnlyList<string> BusinessUnits { get; }

    public RequestType? Find(string? key) =>
        key is not null && byKey.TryGetValue(key, out var type) ? type : null;

    /// <summary>
    /// Recognizes a type from free text: one of its keywords as whole words anywhere ("I need an NDA" → nda),
    /// or its key or name as the whole text ("Other"). Names are not looked for inside sentences, because a
    /// name such as "Other" is an everyday word. Returns null when nothing or more than one type matches.
    /// </summary>
    public RequestType? Recognize(string? text)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length > 500)
        {
            return null;
        }

        var words = Words(text);
        if (words.Length == 0)
        {
            return null;
        }

        var padded = " " + words + " ";
        var matches = Types
            .Where(t => words == Words(t.Key) || words == Words(t.Name)
                || t.Keywords.Select(Words).Any(k => k.Length > 0 && padded.Contains(" " + k + " ", StringComparison.Ordinal)))
            .ToList();
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Lowercase ASCII words separated by single spaces.</summary>
    private static string Words(string text) =>
        NonWord().Replace(text.ToLower(CultureInfo.InvariantCulture), " ").Trim();

    /// <summary>Returns every problem with the configured catalog, naming the configuration key.</summary>
    public static IReadOnlyList<string> Validate(CatalogOptions options)
    {
        var errors = new List<string>();
        if (options.Types.Count == 0)
        {
            errors.Add("Catalog:Types is empty");
        }

        if (options.BusinessUnits.Count == 0)
        {
            errors.Add("Catalog:BusinessUnits is empty");
        }

        CheckChoices(options.BusinessUnits, "Catalog:BusinessUnits", errors);

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < options.Types.Count; i++)
        {
            var type = options.Types[i];
            var at = $"Catalog:Types:{i}";
            if (!KeyPattern().IsMatch(type.Key))
            {
                errors.Add($"{at}:Key must be 1-40 lowercase letters, digits or hyphens");
            }
            else if (!seen.Add(type.Key))
            {
                errors.Add($"{at}:Key '{type.Key}' is used twice");
            }

            if (string.IsNullOrWhiteSpace(type.Name))
            {
                errors.Add($"{at}:Name is required");
            }
            else if (!names.Add(type.Name.Trim()))
            {
                // The type question is a choice between names.
                errors.Add($"{at}:Name '{type.Name}' is used twice");
            }

            if (type.TurnaroundBusinessDays is < 1 or > 365)
            {
                errors.Add($"{at}:TurnaroundBusinessDays must be between 1 and 365");
            }

            var fieldNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "type", "title", "description", "businessUnit", "counterparty", "priority", "dueDate", "action", "draftId" };
            for (var j = 0; j < type.Fields.Count; j++)
            {
                var field = type.Fields[j];
                var fat = $"{at}:Fields:{j}";
                if (!FieldNamePattern().IsMatch(field.Name))
                {
                    errors.Add($"{fat}:Name must start with a letter and hold only letters and digits");
                }
                else if (!fieldNames.Add(field.Name))
                {
                    errors.Add($"{fat}:Name '{field.Name}' is used twice or is reserved");
                }

                if (string.IsNullOrWhiteSpace(field.Label))
                {
                    errors.Add($"{fat}:Label is required");
                }

                if (field.Kind == FieldKind.Choice && field.Choices.Count == 0)
                {
                    errors.Add($"{fat}:Choices is required for a Choice field");
                }

                CheckChoices(field.Choices, $"{fat}:Choices", errors);

                if (field.MinLength > field.MaxLength)
                {
                    errors.Add($"{fat}:MinLength ({field.MinLength}) is above {fat}:MaxLength ({field.MaxLength})");
                }

                if (field.Min > field.Max)
                {
                    errors.Add(string.Create(CultureInfo.InvariantCulture, $"{fat}:Min ({field.Min}) is above {fat}:Max ({field.Max})"));
                }
            }
        }

        return errors;
    }

    /// <summary>
    /// A blank choice picked by its number would answer a required field with nothing; a repeated one
    /// (ignoring case, as answers are matched) could never be told apart.
    /// </summary>
    private static void CheckChoices(List<string> choices, string at, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var k = 0; k < choices.Count; k++)
        {
            if (string.IsNullOrWhiteSpace(choices[k]))
            {
                errors.Add($"{at}:{k} is blank");
            }
            else if (!seen.Add(choices[k].Trim()))
            {
                errors.Add($"{at}:{k} '{choices[k]}' is listed twice");
            }
        }
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();

    [GeneratedRegex("^[a-z0-9-]{1,40}$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{0,39}$")]
    private static partial Regex FieldNamePattern();
}
