using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using LegalBot.Cards.Model;

namespace LegalBot.Cards;

/// <summary>Writes cards as schema JSON. The only way user text gets into a card's JSON.</summary>
public static class CardSerializer
{
    // The JSON is an API payload, never embedded in HTML, and the Bot Framework re-serializes it anyway.
    // Escaping every non-ASCII character would triple or sextuple non-English text against Teams'
    // message size limit; quotes, backslashes and control characters are still escaped.
    internal static JavaScriptEncoder Encoder => JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        Encoder = Encoder,
    };

    public static string Serialize(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.Serialize(card, Options);
    }

    /// <summary>The card as attachment content for <see cref="AdaptiveCard.ContentType"/>.</summary>
    public static JsonElement ToJsonElement(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToElement(card, Options);
    }

    /// <summary>The serialized size in UTF-8 bytes, which is what counts against Teams' message limit.</summary>
    public static int Utf8Size(AdaptiveCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return JsonSerializer.SerializeToUtf8Bytes(card, Options).Length;
    }
}
