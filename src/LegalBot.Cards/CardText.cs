namespace LegalBot.Cards;

/// <summary>Text helpers for cards. Cards put text in <see cref="Model.RichTextBlock"/>s, which render it exactly as written.</summary>
public static class CardText
{
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
