namespace LegalBot.Cards;

/// <summary>
/// Caps how many bytes of user text one card carries once escaped for JSON, so that a card
/// stays far below Teams' message size limit whatever the catalog and the users put in it. Text of
/// ordinary size is never cut; what is cut ends with an ellipsis.
/// </summary>
/// <param name="minimumShare">Every value keeps at least this many bytes, even once the budget is spent.</param>
internal sealed class TextBudget(int bytes, int minimumShare = TextBudget.MinimumShare)
{
    /// <summary>The default <c>minimumShare</c>.</summary>
    public const int MinimumShare = 150;

    private const int EllipsisCost = 3;

    private int remaining = bytes;

    /// <summary>The text, clipped to <paramref name="maxChars"/> and to what is left of the budget.</summary>
    public string Text(string? text, int maxChars)
    {
        var clipped = CardText.Clip(text, maxChars);
        var allowance = Math.Max(remaining, minimumShare);
        var cost = 0;
        for (var i = 0; i < clipped.Length; i++)
        {
            var next = Cost(clipped[i]);
            if (cost + next > allowance - EllipsisCost && i < clipped.Length - 1)
            {
                clipped = CardText.Clip(clipped, i + 1);
                cost += EllipsisCost;
                break;
            }

            cost += next;
        }

        remaining -= cost;
        return clipped;
    }

    /// <summary>An upper bound of what one UTF-16 unit costs in the serialized card.</summary>
    private static int Cost(char c) => c switch
    {
        '"' or '\\' or '\n' or '\r' or '\t' or '\b' or '\f' => 2,
        _ when char.IsSurrogate(c) || CardSerializer.Encoder.WillEncode(c) => 6,
        < '\u0080' => 1,
        < '\u0800' => 2,
        _ => 3,
    };
}
