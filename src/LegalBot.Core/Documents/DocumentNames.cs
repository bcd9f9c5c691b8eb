using System.Globalization;
using System.Text;

namespace LegalBot.Core.Documents;

/// <summary>
/// A file name as people sent it, made safe to keep, show and hand back: only the last path segment; no control or
/// invisible formatting characters (such as a right-to-left override that disguises an extension); none of the
/// characters Windows refuses; no leading dots or spaces, no trailing dots or spaces; not a reserved Windows device
/// name; at most <see cref="MaxLength"/> characters; and always ending in the type it was checked as.
/// </summary>
public static class DocumentNames
{
    public const int MaxLength = 120;

    public const string Fallback = "document";

    private static readonly HashSet<string> Reserved = new(
        ["CON", "PRN", "AUX", "NUL", "CLOCK$", "CONIN$", "CONOUT$",
         "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
         "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>The extension of <paramref name="name"/> as a type (<see cref="DocumentTypes.Normalize"/>), or null when it has none.</summary>
    public static string? ExtensionOf(string? name)
    {
        var last = LastSegment(name ?? "").TrimEnd('.', ' ');
        var dot = last.LastIndexOf('.');
        return dot <= 0 || dot == last.Length - 1 ? null : DocumentTypes.Normalize(last[(dot + 1)..]);
    }

    /// <summary>The safe name of a file of type <paramref name="extension"/> sent as <paramref name="name"/>.</summary>
    public static string Sanitize(string? name, string extension)
    {
        var type = DocumentTypes.Normalize(extension);
        var clean = new StringBuilder();
        foreach (var rune in LastSegment(name ?? "").EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                continue;
            }

            clean.Append(rune.Value is '<' or '>' or ':' or '"' or '|' or '?' or '*' ? "_" : rune.ToString());
        }

        var text = clean.ToString().TrimEnd(' ', '.');
        var dot = text.LastIndexOf('.');
        var stem = (dot >= 0 && DocumentTypes.Normalize(text[(dot + 1)..]) == type ? text[..dot] : text).Trim(' ', '.');

        if (stem.Length == 0)
        {
            stem = Fallback;
        }

        var device = stem.Split('.')[0].TrimEnd(' ');
        if (Reserved.Contains(device))
        {
            stem = "_" + stem;
        }

        var room = MaxLength - type.Length - 1;
        if (stem.Length > room)
        {
            stem = Clip(stem, room).TrimEnd(' ', '.');
        }

        return stem + "." + type;
    }

    private static string LastSegment(string name)
    {
        var cut = name.LastIndexOfAny(['/', '\\']);
        return cut < 0 ? name : name[(cut + 1)..];
    }

    /// <summary>At most <paramref name="length"/> characters, never splitting a surrogate pair.</summary>
    private static string Clip(string text, int length)
    {
        var end = length;
        if (end > 0 && char.IsHighSurrogate(text[end - 1]))
        {
            end--;
        }

        return text[..end];
    }
}
