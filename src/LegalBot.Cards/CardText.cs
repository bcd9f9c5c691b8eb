using System.Text;

namespace LegalBot.Cards;

/// <summary>Makes user-supplied text safe to show where cards render Markdown (TextBlock text, Fact values).</summary>
public static class CardText
{
    // What starts Markdown in the subset cards render (emphasis, links, images, headings, bullet lists,
    // code, strikethrough), plus the backslash itself so that a typed escape stays literal.
    private const string Special = "\\*_[]()#-+!~`";

    /// <summary>
    /// Backslash-escapes Markdown so the text renders exactly as typed, including the dot after a number
    /// that starts a line ("1. item" would otherwise become a numbered list). Whitespace, line breaks and
    /// every other character are kept as they are.
    /// </summary>
    public static string Plain(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var result = new StringBuilder(text.Length + (text.Length / 8) + 8);
        var atLineStart = true;
        var inLeadingNumber = false;
        foreach (var c in text)
        {
            if (c is '\n' or '\r')
            {
                result.Append(c);
                atLineStart = true;
                inLeadingNumber = false;
                continue;
            }

            if (Special.Contains(c, StringComparison.Ordinal) || (c == '.' && inLeadingNumber))
            {
                result.Append('\\');
            }

            result.Append(c);
            if (char.IsAsciiDigit(c) && (atLineStart || inLeadingNumber))
            {
                atLineStart = false;
                inLeadingNumber = true;
            }
            else if (!(atLineStart && c is ' ' or '\t'))
            {
                atLineStart = false;
                inLeadingNumber = false;
            }
        }

        return result.ToString();
    }

    /// <summary>Whether <see cref="Plain"/> may put a backslash before the character.</summary>
    internal static bool NeedsEscape(char c) => c == '.' || Special.Contains(c, StringComparison.Ordinal);

    /// <summary>Shortens text to at most <paramref name="max"/> characters, marking the cut with an ellipsis.</summary>
    public static string Clip(string? text, int max)
    {
        if (string.IsNullOrEmpty(text) || max <= 0)
        {
            return "";
        }

        if (text.Length <= max)
        {
            return text;
        }

        var cut = max - 1;
        if (cut > 0 && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}
