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

    public IReadOnlyList<string> Texts => [.. Typed("TextBlock").Select(t => (string)t["text"]!)];

    /// <summary>Texts as a reader sees them, with Markdown escapes removed.</summary>
    public IReadOnlyList<string> Rendered => [.. Texts.Select(Markdown.Unescape)];

    /// <summary>Facts as they are in the JSON.</summary>
    public IReadOnlyList<(string Title, string Value)> RawFacts =>
        [.. Walk(Root).Where(o => o["facts"] is JsonArray).SelectMany(o => o["facts"]!.AsArray()).Select(f => ((string)f!["title"]!, (string)f!["value"]!))];

    /// <summary>Facts as a reader sees them.</summary>
    public IReadOnlyList<(string Title, string Value)> Facts => [.. RawFacts.Select(f => (Markdown.Unescape(f.Title), Markdown.Unescape(f.Value)))];

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
