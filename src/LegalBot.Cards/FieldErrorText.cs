using System.Globalization;
using LegalBot.Core.Catalog;

namespace LegalBot.Cards;

/// <summary>The sentence that tells someone why an answer or a form input was refused.</summary>
public static class FieldErrorText
{
    /// <summary>"Due date can't be in the past." or "Title can be at most 200 characters (this one has 240)."</summary>
    public static string For(FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var label = error.Label;
        return error.Problem switch
        {
            FieldProblem.Required => $"{label} is required.",
            FieldProblem.UnknownKind => $"{label} has an unknown kind.",
            FieldProblem.TooLong => $"{label} can be at most {Figure(error.Limit)} characters (this one has {error.Actual?.ToString(CultureInfo.InvariantCulture)}).",
            FieldProblem.TooShort => $"{label} needs at least {Figure(error.Limit)} characters.",
            FieldProblem.NotAChoice => $"{label} must be one of: {string.Join(", ", error.Choices ?? [])}.",
            FieldProblem.NotANumber => $"{label} must be a number, like 25000.",
            FieldProblem.BelowMinimum => $"{label} must be at least {Figure(error.Limit)}.",
            FieldProblem.AboveMaximum => $"{label} must be at most {Figure(error.Limit)}.",
            FieldProblem.NotYesOrNo => $"Please answer yes or no for {label}.",
            FieldProblem.NotADate =>
                $"I couldn't read that as a date for {label}. Try {error.Example?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, \"next Friday\" or \"in 10 days\".",
            FieldProblem.DateInThePast => $"{label} can't be in the past.",
            FieldProblem.DateTooFar => $"{label} must be within five years.",
            _ => throw new ArgumentOutOfRangeException(nameof(error), error.Problem, "No wording for this problem."),
        };
    }

    private static string? Figure(decimal? value) => value?.ToString(CultureInfo.InvariantCulture);
}
