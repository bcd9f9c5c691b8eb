using System.Globalization;

namespace LegalBot.Store.Graph;

/// <summary>
/// Builds <c>$filter</c> clauses on list item fields. Every value goes in as an OData literal: a string is
/// single-quoted with each quote inside doubled, so a name such as O'Brien neither breaks nor widens a query.
/// Column names are the constants of <see cref="ListSchema"/>; anything that is not a plain name is refused.
/// </summary>
public static class ODataFilter
{
    public static string Eq(string column, string value) => $"{Field(column)} eq {Literal(value)}";

    public static string Eq(string column, long value) => $"{Field(column)} eq {value.ToString(CultureInfo.InvariantCulture)}";

    public static string Ge(string column, DateTimeOffset at) => $"{Field(column)} ge {Literal(at)}";

    public static string Lt(string column, DateTimeOffset at) => $"{Field(column)} lt {Literal(at)}";

    public static string And(params string[] clauses)
    {
        ArgumentNullException.ThrowIfNull(clauses);
        if (clauses.Length == 0)
        {
            throw new ArgumentException("At least one clause is needed.", nameof(clauses));
        }

        return string.Join(" and ", clauses.Select(c => clauses.Length == 1 ? c : $"({c})"));
    }

    /// <summary>A string literal: quoted, with every single quote doubled.</summary>
    public static string Literal(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
    }

    /// <summary>A date and time literal, in UTC.</summary>
    public static string Literal(DateTimeOffset at) =>
        Literal(at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));

    private static string Field(string column)
    {
        ArgumentException.ThrowIfNullOrEmpty(column);
        if (!column.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new ArgumentException($"'{column}' is not a column internal name.", nameof(column));
        }

        return "fields/" + column;
    }
}
