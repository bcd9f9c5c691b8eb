using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace LegalBot.Core.Requests;

/// <summary>The friendly id people type and see, such as <c>LR-1042</c>.</summary>
public readonly record struct RequestNumber(long Value)
{
    public const string Prefix = "LR-";

    public override string ToString() => Prefix + Value.ToString(CultureInfo.InvariantCulture);

    /// <summary>Accepts <c>LR-1042</c>, <c>lr 1042</c>, <c>LR1042</c> and <c>#1042</c>.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out RequestNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 32)
        {
            return false;
        }

        var s = text.Trim();
        if (s.StartsWith("LR", StringComparison.OrdinalIgnoreCase))
        {
            // At most one separator: "LR--5" is not LR-5.
            s = s[2..];
            if (s.Length > 0 && s[0] is '-' or ' ' or '_')
            {
                s = s[1..];
            }
        }
        else if (s.StartsWith('#'))
        {
            s = s[1..];
        }

        if (s.Length is 0 or > 15 || !s.All(char.IsAsciiDigit))
        {
            return false;
        }

        var value = long.Parse(s, CultureInfo.InvariantCulture);
        if (value <= 0)
        {
            return false;
        }

        number = new RequestNumber(value);
        return true;
    }
}
