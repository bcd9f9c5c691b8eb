using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>
/// The part of OData <c>$filter</c> that SharePoint list items accept through Graph: comparisons of
/// <c>fields/Name</c> with a literal (<c>eq ne gt ge lt le</c>), joined by <c>and</c>/<c>or</c>, grouped with
/// parentheses. String literals are single-quoted with the quote doubled inside; other literals are numbers,
/// <c>true</c>/<c>false</c>, <c>null</c> and ISO dates. Anything else (functions, <c>not</c>, arithmetic) is
/// reported as not implemented rather than guessed at.
/// </summary>
public abstract record FilterNode
{
    /// <summary>Every column the expression refers to.</summary>
    public abstract IEnumerable<string> Columns();

    internal abstract bool Matches(FakeItem item, FakeList list);
}

public sealed record Comparison(string Column, string Operator, JsonNode? Literal, bool LiteralIsString) : FilterNode
{
    public override IEnumerable<string> Columns() => [Column];

    internal override bool Matches(FakeItem item, FakeList list)
    {
        var value = item.Value(Column);
        if (Literal is null)
        {
            return Operator switch
            {
                "eq" => value is null,
                "ne" => value is not null,
                _ => throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: null can only be compared with eq or ne."),
            };
        }

        if (value is null)
        {
            return Operator == "ne";
        }

        var order = Compare(list.Column(Column)!, value, Literal);
        return Operator switch
        {
            "eq" => order == 0,
            "ne" => order != 0,
            "gt" => order > 0,
            "ge" => order >= 0,
            "lt" => order < 0,
            "le" => order <= 0,
            _ => throw new NotImplementedByFakeException($"filter operator '{Operator}'"),
        };
    }

    private int Compare(FakeColumn column, JsonNode value, JsonNode literal)
    {
        switch (column.Kind)
        {
            case ColumnKind.Text or ColumnKind.Choice:
                RequireString(column, true);
                // SharePoint compares text without regard to case.
                return string.Compare(value.GetValue<string>(), literal.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
            case ColumnKind.Number:
                RequireString(column, false);
                return value.GetValue<double>().CompareTo(literal.GetValue<double>());
            case ColumnKind.Boolean:
                RequireString(column, false);
                return value.GetValue<bool>().CompareTo(literal.GetValue<bool>());
            case ColumnKind.DateTime:
            case ColumnKind.System when Column is "Created" or "Modified":
                return Date(value).CompareTo(Date(literal));
            case ColumnKind.System when Column == "ID":
                return value.GetValue<int>().CompareTo((int)literal.GetValue<double>());
            default:
                throw new NotImplementedByFakeException($"filter on column '{Column}'");
        }
    }

    private void RequireString(FakeColumn column, bool expected)
    {
        if (LiteralIsString != expected)
        {
            throw new GraphErrorException(400, "invalidRequest", $"Invalid filter clause: the value for field '{column.Name}' has the wrong type.");
        }
    }

    private static DateTimeOffset Date(JsonNode node)
    {
        if (node.GetValueKind() == JsonValueKind.String && DateTimeOffset.TryParse(node.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }

        throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: expected a date.");
    }
}

public sealed record Junction(string Operator, FilterNode Left, FilterNode Right) : FilterNode
{
    public override IEnumerable<string> Columns() => Left.Columns().Concat(Right.Columns());

    internal override bool Matches(FakeItem item, FakeList list) =>
        Operator == "and" ? Left.Matches(item, list) && Right.Matches(item, list) : Left.Matches(item, list) || Right.Matches(item, list);
}

/// <summary>Parses <c>$filter</c> text into a <see cref="FilterNode"/>.</summary>
public static class FilterParser
{
    private static readonly HashSet<string> Comparisons = ["eq", "ne", "gt", "ge", "lt", "le"];

    public static FilterNode Parse(string text)
    {
        var tokens = Tokenize(text);
        var position = 0;
        var node = ParseOr(tokens, ref position);
        if (position != tokens.Count)
        {
            throw Invalid(text);
        }

        return node;
    }

    private static FilterNode ParseOr(List<Token> tokens, ref int position) => ParseJunction("or", ParseAnd, tokens, ref position);

    private static FilterNode ParseAnd(List<Token> tokens, ref int position) => ParseJunction("and", ParsePrimary, tokens, ref position);

    /// <summary>Operands joined by one keyword; <c>and</c> binds tighter than <c>or</c> because it parses the operands of <c>or</c>.</summary>
    private static FilterNode ParseJunction(string keyword, Parser operand, List<Token> tokens, ref int position)
    {
        var left = operand(tokens, ref position);
        while (position < tokens.Count && tokens[position].Is(keyword))
        {
            position++;
            left = new Junction(keyword, left, operand(tokens, ref position));
        }

        return left;
    }

    private static FilterNode ParsePrimary(List<Token> tokens, ref int position)
    {
        if (position >= tokens.Count)
        {
            throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: the expression ends too early.");
        }

        var token = tokens[position];
        if (token.Kind == TokenKind.Open)
        {
            position++;
            var inner = ParseOr(tokens, ref position);
            if (position >= tokens.Count || tokens[position].Kind != TokenKind.Close)
            {
                throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: a parenthesis is not closed.");
            }

            position++;
            return inner;
        }

        if (token.Kind != TokenKind.Word)
        {
            throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: expected a property.");
        }

        if (position + 1 < tokens.Count && tokens[position + 1].Kind == TokenKind.Open)
        {
            throw new NotImplementedByFakeException($"filter function '{token.Text}'");
        }

        if (token.Is("not"))
        {
            throw new NotImplementedByFakeException("filter operator 'not'");
        }

        if (!token.Text.StartsWith("fields/", StringComparison.Ordinal))
        {
            throw new NotImplementedByFakeException($"filter on listItem property '{token.Text}' (only fields/… is implemented)");
        }

        var column = token.Text["fields/".Length..];
        position++;
        if (position >= tokens.Count || tokens[position].Kind != TokenKind.Word || !Comparisons.Contains(tokens[position].Text))
        {
            var found = position < tokens.Count ? tokens[position].Text : "end of expression";
            if (position < tokens.Count && tokens[position].Kind == TokenKind.Word && tokens[position].Text is "has" or "in" or "add" or "sub" or "mul" or "div" or "mod")
            {
                throw new NotImplementedByFakeException($"filter operator '{found}'");
            }

            throw new GraphErrorException(400, "invalidRequest", $"Invalid filter clause: expected a comparison after '{token.Text}', found '{found}'.");
        }

        var op = tokens[position].Text;
        position++;
        if (position >= tokens.Count)
        {
            throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: the comparison has no value.");
        }

        var literal = tokens[position];
        position++;
        return literal.Kind switch
        {
            TokenKind.String => new Comparison(column, op, JsonValue.Create(literal.Text), true),
            TokenKind.Word when literal.Text == "null" => new Comparison(column, op, null, false),
            TokenKind.Word when literal.Text is "true" or "false" => new Comparison(column, op, JsonValue.Create(literal.Text == "true"), false),
            TokenKind.Word when double.TryParse(literal.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) => new Comparison(column, op, JsonValue.Create(number), false),
            TokenKind.Word when DateTimeOffset.TryParse(literal.Text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _) => new Comparison(column, op, JsonValue.Create(literal.Text), false),
            _ => throw new GraphErrorException(400, "invalidRequest", $"Invalid filter clause: '{literal.Text}' is not a value."),
        };
    }

    private static List<Token> Tokenize(string text)
    {
        var tokens = new List<Token>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '(')
            {
                tokens.Add(new Token(TokenKind.Open, "("));
                i++;
            }
            else if (c == ')')
            {
                tokens.Add(new Token(TokenKind.Close, ")"));
                i++;
            }
            else if (c == ',')
            {
                tokens.Add(new Token(TokenKind.Comma, ","));
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new GraphErrorException(400, "invalidRequest", "Invalid filter clause: a string literal is not closed.");
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            value.Append('\'');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    value.Append(text[i]);
                    i++;
                }

                tokens.Add(new Token(TokenKind.String, value.ToString()));
            }
            else
            {
                var start = i;
                while (i < text.Length && !char.IsWhiteSpace(text[i]) && text[i] is not '(' and not ')' and not ',' and not '\'')
                {
                    i++;
                }

                tokens.Add(new Token(TokenKind.Word, text[start..i]));
            }
        }

        return tokens;
    }

    private static GraphErrorException Invalid(string text) =>
        new(400, "invalidRequest", $"Invalid filter clause: syntax error in '{text}'.");

    private delegate FilterNode Parser(List<Token> tokens, ref int position);

    private enum TokenKind
    {
        Word,
        String,
        Open,
        Close,
        Comma,
    }

    private sealed record Token(TokenKind Kind, string Text)
    {
        public bool Is(string keyword) => Kind == TokenKind.Word && Text == keyword;
    }
}
