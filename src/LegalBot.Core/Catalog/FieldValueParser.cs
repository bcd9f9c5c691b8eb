using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace LegalBot.Core.Catalog;

/// <summary>Why an answer was refused; the wording is the presentation layer's.</summary>
public enum FieldProblem
{
    Required,
    UnknownKind,
    TooLong,
    TooShort,
    NotAChoice,
    NotANumber,
    BelowMinimum,
    AboveMaximum,
    NotYesOrNo,
    NotADate,
    DateInThePast,
    DateTooFar,
}

/// <summary>A refused answer: the problem, the field's label, and the figures the problem names.</summary>
/// <param name="Limit">The length or value limit that was crossed (<see cref="FieldProblem.TooLong"/>, <see cref="FieldProblem.TooShort"/>, minimum, maximum).</param>
/// <param name="Actual">The answer's length, for <see cref="FieldProblem.TooLong"/>.</param>
/// <param name="Choices">The allowed answers, for <see cref="FieldProblem.NotAChoice"/>.</param>
/// <param name="Example">A date the field would accept, for <see cref="FieldProblem.NotADate"/>; the answer itself is not echoed.</param>
public sealed record FieldError(
    FieldProblem Problem,
    string Label,
    decimal? Limit = null,
    int? Actual = null,
    IReadOnlyList<string>? Choices = null,
    DateOnly? Example = null);

/// <summary>The outcome of reading one answer: a normalized value, or why it was refused.</summary>
public sealed record FieldParseResult(bool Ok, string? Value, FieldError? Error)
{
    public static FieldParseResult Valid(string? value) => new(true, value, null);

    public static FieldParseResult Invalid(FieldError error) => new(false, null, error);
}

/// <summary>
/// Reads and validates an answer for a field, from a typed message or a card input alike. Values are
/// normalized: dates as yyyy-MM-dd, numbers invariant, yes/no as "true"/"false", choices as the choice itself.
/// </summary>
public static partial class FieldValueParser
{
    public static FieldParseResult Parse(FieldDefinition field, string? raw, DateOnly today)
    {
        var text = Clean(raw);
        if (text.Length == 0)
        {
            return field.Required
                ? FieldParseResult.Invalid(new(FieldProblem.Required, field.Label))
                : FieldParseResult.Valid(null);
        }

        return field.Kind switch
        {
            FieldKind.Text or FieldKind.LongText => ParseText(field, text),
            FieldKind.Choice => ParseChoice(field, text),
            FieldKind.Date => ParseDate(field, text, today),
            FieldKind.Number => ParseNumber(field, text),
            FieldKind.YesNo => ParseYesNo(field, text),
            _ => FieldParseResult.Invalid(new(FieldProblem.UnknownKind, field.Label)),
        };
    }

    /// <summary>Trims and removes control and invisible formatting characters (keeps line breaks and tabs).</summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "";
        }

        // By code point, not by char: the invisible tag characters (U+E0000 block) are surrogate pairs,
        // and an unpaired surrogate is not text at all.
        var kept = new StringBuilder(raw.Length);
        var index = 0;
        while (index < raw.Length)
        {
            var status = Rune.DecodeFromUtf16(raw.AsSpan(index), out var rune, out var consumed);
            if (status == OperationStatus.Done
                && (rune.Value is '\n' or '\t' || (!Rune.IsControl(rune) && Rune.GetUnicodeCategory(rune) != UnicodeCategory.Format)))
            {
                kept.Append(raw, index, consumed);
            }

            index += consumed;
        }

        return kept.ToString().Trim();
    }

    private static FieldParseResult ParseText(FieldDefinition field, string text)
    {
        if (field.Kind == FieldKind.Text)
        {
            text = Whitespace().Replace(text, " ");
        }

        if (field.MaxLength is { } max && text.Length > max)
        {
            return FieldParseResult.Invalid(new(FieldProblem.TooLong, field.Label, max, text.Length));
        }

        if (field.MinLength is { } min && text.Length < min)
        {
            return FieldParseResult.Invalid(new(FieldProblem.TooShort, field.Label, min));
        }

        return FieldParseResult.Valid(text);
    }

    private static FieldParseResult ParseChoice(FieldDefinition field, string text)
    {
        var choices = field.Choices;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index >= 1 && index <= choices.Count)
        {
            return FieldParseResult.Valid(choices[index - 1]);
        }

        var exact = choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
        {
            return FieldParseResult.Valid(exact);
        }

        var partial = choices.Where(c => c.Contains(text, StringComparison.OrdinalIgnoreCase)).ToList();
        if (text.Length >= 2 && partial.Count == 1)
        {
            return FieldParseResult.Valid(partial[0]);
        }

        return FieldParseResult.Invalid(new(FieldProblem.NotAChoice, field.Label, Choices: choices));
    }

    private static FieldParseResult ParseNumber(FieldDefinition field, string text)
    {
        var amount = text.TrimStart('$', '€', '£').TrimStart();

        // Commas and spaces count only as thousands separators, so "1,5" or "1.000,50" is refused rather than read as 15 or 1.0005.
        var digits = amount.Replace(",", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (amount.Length > 40 || !Amount().IsMatch(amount)
            || !decimal.TryParse(digits, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            return FieldParseResult.Invalid(new(FieldProblem.NotANumber, field.Label));
        }

        if (field.Min is { } min && number < min)
        {
            return FieldParseResult.Invalid(new(FieldProblem.BelowMinimum, field.Label, min));
        }

        if (field.Max is { } max && number > max)
        {
            return FieldParseResult.Invalid(new(FieldProblem.AboveMaximum, field.Label, max));
        }

        return FieldParseResult.Valid(number.ToString(CultureInfo.InvariantCulture));
    }

    private static FieldParseResult ParseYesNo(FieldDefinition field, string text) =>
        ParseYesNo(text) switch
        {
            true => FieldParseResult.Valid("true"),
            false => FieldParseResult.Valid("false"),
            null => FieldParseResult.Invalid(new(FieldProblem.NotYesOrNo, field.Label)),
        };

    /// <summary>Reads yes/no answers in the forms people type them.</summary>
    public static bool? ParseYesNo(string? text) =>
        Clean(text).TrimEnd('.', '!').ToLower(CultureInfo.InvariantCulture) switch
        {
            "yes" or "y" or "yeah" or "yep" or "sure" or "ok" or "okay" or "true" or "confirm" or "correct" => true,
            "no" or "n" or "nope" or "false" or "not really" => false,
            _ => null,
        };

    private static FieldParseResult ParseDate(FieldDefinition field, string text, DateOnly today)
    {
        var date = ReadDate(text.ToLower(CultureInfo.InvariantCulture), today);
        if (date is null)
        {
            // The example is relative to today so it is never a date we would refuse; the answer itself is not echoed.
            return FieldParseResult.Invalid(new(FieldProblem.NotADate, field.Label, Example: today.AddDays(14)));
        }

        if (date < today)
        {
            return FieldParseResult.Invalid(new(FieldProblem.DateInThePast, field.Label));
        }

        if (date > today.AddYears(5))
        {
            return FieldParseResult.Invalid(new(FieldProblem.DateTooFar, field.Label));
        }

        return FieldParseResult.Valid(date.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private static DateOnly? ReadDate(string text, DateOnly today)
    {
        if (text.Length > 40)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "yyyy-M-d"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var iso))
        {
            return iso;
        }

        // Card clients may send a full timestamp.
        if (text.Length >= 10 && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var prefix) && text[10] is 't' or ' ')
        {
            return prefix;
        }

        switch (text)
        {
            case "today":
                return today;
            case "tomorrow":
                return today.AddDays(1);
            case "next week":
                return today.AddDays(7);
        }

        var relative = InDays().Match(text);
        if (relative.Success)
        {
            var n = int.Parse(relative.Groups["n"].Value, CultureInfo.InvariantCulture);
            return relative.Groups["unit"].Value switch
            {
                "day" or "days" => today.AddDays(n),
                "week" or "weeks" => today.AddDays(7 * n),
                "month" or "months" => today.AddMonths(n),
                _ => null,
            };
        }

        var weekday = Weekday().Match(text);
        if (weekday.Success && Enum.TryParse<DayOfWeek>(weekday.Groups["day"].Value, ignoreCase: true, out var dow))
        {
            var ahead = ((int)dow - (int)today.DayOfWeek + 7) % 7;
            // "friday" said on a Friday means the next one.
            return today.AddDays(ahead == 0 ? 7 : ahead);
        }

        if (DateOnly.TryParseExact(text, MonthDayYear, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var named))
        {
            return named;
        }

        // Without a year, .NET would fill in the year from the machine clock. Read the day against a leap
        // year instead (so "Feb 29" parses) and take the next such day from today.
        if (DateOnly.TryParseExact(text + " 2000", MonthDayYear, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var monthDay))
        {
            return NextOccurrence(monthDay.Month, monthDay.Day, today);
        }

        return null;
    }

    private static DateOnly? NextOccurrence(int month, int day, DateOnly today)
    {
        // Eight years always include a 29 February.
        for (var year = today.Year; year <= today.Year + 8; year++)
        {
            if (day <= DateTime.DaysInMonth(year, month) && new DateOnly(year, month, day) is var date && date >= today)
            {
                return date;
            }
        }

        return null;
    }

    private static readonly string[] MonthDayYear = ["d MMMM yyyy", "d MMM yyyy", "MMMM d yyyy", "MMM d yyyy", "MMMM d, yyyy", "MMM d, yyyy"];

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^[+-]?(?:[0-9]+(?:[, ][0-9]{3})*(?:\.[0-9]*)?|\.[0-9]+)$")]
    private static partial Regex Amount();

    // [0-9], not \d: \d also matches other scripts' digits, which int.Parse then rejects with an exception.
    [GeneratedRegex(@"^in (?<n>[0-9]{1,3}) (?<unit>days?|weeks?|months?)$")]
    private static partial Regex InDays();

    [GeneratedRegex(@"^(?<next>next |this |on )?(?<day>monday|tuesday|wednesday|thursday|friday|saturday|sunday)$")]
    private static partial Regex Weekday();
}
