using System.Text.Json.Nodes;
using LegalBot.Cards.Model;

namespace LegalBot.Cards.Tests;

/// <summary>Reads a card back from its serialized JSON, the way a client would see it.</summary>
internal sealed class CardJson
{
    public CardJson(AdaptiveCard card)
    {
        Json = CardSerializer.Serialize(card);
        Root = JsonNode.Parse(Json)!.AsObject();
    }

    public string Json { get; }

    public JsonObject Root { get; }

    /// <summary>Every object with a <c>type</c>, depth first, in document order.</summary>
    public IEnumerable<JsonObject> Typed(string type) => Walk(Root).Where(o => (string?)o["type"] == type);

    /// <summary>Every text block's and rich text block's text but the facts (<see cref="Facts"/>), in document order, as in the JSON.</summary>
    public IReadOnlyList<string> Texts => [.. TextElements.Select(TextOf)];

    /// <summary>Texts as a reader sees them: Markdown escapes removed from text blocks; rich text is never Markdown.</summary>
    public IReadOnlyList<string> Rendered => [.. TextElements.Select(o => (string?)o["type"] == "TextBlock" ? Markdown.Unescape(TextOf(o)) : TextOf(o))];

    private IEnumerable<JsonObject> TextElements => Walk(Root).Where(o => (string?)o["type"] is "TextBlock" or "RichTextBlock" && FactLine(o) is null);

    /// <summary>Facts as the card shows them: a fact set's pairs, or rich text lines "Label: value" with the label in bold.</summary>
    public IReadOnlyList<(string Title, string Value)> Facts =>
        [.. Walk(Root).SelectMany(o => o["facts"] is JsonArray facts
            ? facts.Select(f => ((string)f!["title"]!, (string)f!["value"]!))
            : FactLine(o) is { } line ? [line] : [])];

    private static (string Title, string Value)? FactLine(JsonObject o) =>
        (string?)o["type"] == "RichTextBlock"
        && o["inlines"] is JsonArray { Count: 2 } runs
        && (string?)runs[0]!["weight"] == "bolder"
        && ((string?)runs[0]!["text"])?.EndsWith(": ", StringComparison.Ordinal) == true
            ? (((string)runs[0]!["text"]!)[..^2], (string)runs[1]!["text"]!)
            : null;

    /// <summary>A text block's text, or a rich text block's runs joined.</summary>
    public static string TextOf(JsonNode? element) => (string?)element!["type"] == "RichTextBlock"
        ? string.Concat(element["inlines"]!.AsArray().Select(i => i is JsonValue v ? (string)v! : (string)i!["text"]!))
        : (string)element["text"]!;

    /// <summary>A text element's colour: a text block's own, or a rich text block's first run's.</summary>
    public static string? ColorOf(JsonNode? element) => (string?)element!["type"] == "RichTextBlock"
        ? (string?)element["inlines"]![0]!["color"]
        : (string?)element["color"];

    public string? Fact(string title) => Facts.Where(f => f.Title == title).Select(f => f.Value).SingleOrDefault();

    public JsonObject Input(string id) => Walk(Root).Single(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true && (string?)o["id"] == id);

    public IReadOnlyList<JsonObject> Inputs => [.. Walk(Root).Where(o => ((string?)o["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)];

    public IReadOnlyList<JsonObject> Submits => [.. Typed("Action.Submit")];

    public JsonObject Submit(string title) => Submits.Single(a => (string?)a["title"] == title);

    public static IReadOnlyDictionary<string, string> Data(JsonObject action) =>
        action["data"]!.AsObject().ToDictionary(p => p.Key, p => (string)p.Value!);

    private static IEnumerable<JsonObject> Walk(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                yield return obj;
                foreach (var (_, child) in obj)
                {
                    foreach (var found in Walk(child))
                    {
                        yield return found;
                    }
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    foreach (var found in Walk(child))
                    {
                        yield return found;
                    }
                }

                break;
        }
    }
}

/// <summary>CommonMark's backslash escapes, as a Markdown renderer applies them.</summary>
internal static class Markdown
{
    public static string Unescape(string text)
    {
        var result = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length && char.IsAsciiLetterOrDigit(text[i + 1]) is false && text[i + 1] is > ' ' and < '\u007f')
            {
                i++;
            }

            result.Append(text[i]);
        }

        return result.ToString();
    }
}
