using System.Globalization;
using System.Text;

namespace LegalBot.Application;

/// <summary>
/// Makes ids from an activity that was refused safe to write to a log: control and format characters (such as
/// U+202E, which reverses how the rest of a line displays, or U+200B) are escaped as \uXXXX, and long ids are cut.
/// </summary>
public static class LogSafe
{
    public const int MaxLength = 128;

    public static string? Id(string? id)
    {
        if (id is null)
        {
            return null;
        }

        var cut = id.Length > MaxLength;
        var text = cut ? id[..MaxLength] : id;
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (NeedsEscape(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return cut ? builder.Append("...").ToString() : builder.ToString();
    }

    private static bool NeedsEscape(char c) => char.GetUnicodeCategory(c) is
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
        or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
        || c == '\\';
}
