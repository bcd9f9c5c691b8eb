using System.Text.Json;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;

namespace LegalBot.Cards.Tests;

public sealed class CardSerializerTests
{
    public static TheoryData<string> CardNames => [.. CardGallery.All().Select(c => c.Name)];

    private static AdaptiveCard Card(string name) => CardGallery.All().Single(c => c.Name == name).Card;

    [Theory]
    [MemberData(nameof(CardNames))]
    public void EveryCard_IsVersion15_FullWidth_WithFallbackText(string name)
    {
        var json = new CardJson(Card(name)).Root;

        Assert.Equal("AdaptiveCard", (string?)json["type"]);
        Assert.Equal("1.5", (string?)json["version"]);
        Assert.Equal("Full", (string?)json["msteams"]?["width"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)json["fallbackText"]));
        Assert.NotEmpty(json["body"]!.AsArray());
    }

    [Fact]
    public void Serialize_WritesSchemaNames_AndOmitsNulls()
    {
        var card = new AdaptiveCard
        {
            Body =
            [
                new TextBlock("hi") { Size = TextSize.ExtraLarge, Color = TextColor.Attention, Spacing = Spacing.None },
                new ChoiceSetInput("c", [new Choice("A", "a")]) { Style = ChoiceInputStyle.Compact },
            ],
            Actions = [new SubmitAction("Go", CardActions.Data(CardActions.Help)) { Style = ActionStyle.Destructive, AssociatedInputs = AssociatedInputs.None }],
        };

        var json = CardSerializer.Serialize(card);

        Assert.Equal(
            """{"type":"AdaptiveCard","version":"1.5","body":[{"type":"TextBlock","text":"hi","size":"extraLarge","color":"attention","spacing":"none"},"""
            + """{"type":"Input.ChoiceSet","id":"c","choices":[{"title":"A","value":"a"}],"style":"compact"}],"""
            + """ "actions":[{"type":"Action.Submit","data":{"action":"help"},"associatedInputs":"none","title":"Go","style":"destructive"}]}""".TrimStart(),
            json);
    }

    [Fact]
    public void Serialize_WritesExecuteWithSubmitFallback_AndRefresh()
    {
        var data = new Dictionary<string, string> { ["number"] = "LR-1" };
        var card = new AdaptiveCard
        {
            Refresh = new CardRefresh(new ExecuteAction("Refresh", "r", data), ["u1"]),
            Body = [new TextBlock("hi")],
            Actions =
            [
                new ExecuteAction("Go", "go", data)
                {
                    Style = ActionStyle.Positive,
                    AssociatedInputs = AssociatedInputs.None,
                    Fallback = new SubmitAction("Go", data),
                },
            ],
        };

        var json = CardSerializer.Serialize(card);

        Assert.Equal(
            """{"type":"AdaptiveCard","version":"1.5","refresh":{"action":{"type":"Action.Execute","verb":"r","data":{"number":"LR-1"},"title":"Refresh"},"userIds":["u1"]},"body":"""
            + """[{"type":"TextBlock","text":"hi"}],"actions":"""
            + """[{"type":"Action.Execute","verb":"go","data":{"number":"LR-1"},"associatedInputs":"none","title":"Go","style":"positive","fallback":"""
            + """{"type":"Action.Submit","data":{"number":"LR-1"},"title":"Go"}}]}""",
            json);
    }

    [Fact]
    public void Refresh_KeepsTheFirst60DistinctUserIds()
    {
        var ids = new List<string> { "", "  ", "u0", "u0" };
        ids.AddRange(Enumerable.Range(1, 99).Select(i => $"u{i}"));

        var refresh = new CardRefresh(new ExecuteAction("Refresh", "r", new Dictionary<string, string>()), ids);

        Assert.Equal(CardRefresh.MaxUserIds, refresh.UserIds.Count);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => $"u{i}"), refresh.UserIds);
    }

    [Fact]
    public void Refresh_TellsIdsApartByCase()
    {
        // Teams user ids are case-sensitive; two ids that differ only in case are two people.
        var refresh = new CardRefresh(new ExecuteAction("Refresh", "r", new Dictionary<string, string>()), ["29:aB", "29:Ab"]);

        Assert.Equal(["29:aB", "29:Ab"], refresh.UserIds);
    }

    [Fact]
    public void ToJsonElement_MatchesSerialize()
    {
        var card = HelpCard.Build(Samples.HelpCommands, isLegalStaff: true);

        var element = CardSerializer.ToJsonElement(card);

        Assert.Equal(JsonValueKind.Object, element.ValueKind);
        Assert.Equal(CardSerializer.Serialize(card), element.GetRawText());
    }

    [Fact]
    public void HostileText_IsJsonEscaped_AndReadsBackLiterally()
    {
        var card = new AdaptiveCard { Body = [new TextBlock(Samples.Hostile)] };

        var json = CardSerializer.Serialize(card);

        Assert.DoesNotContain('\u0000', json);
        Assert.Contains("\\u0000", json, StringComparison.Ordinal);
        Assert.Contains("\\\"", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal(Samples.Hostile, document.RootElement.GetProperty("body")[0].GetProperty("text").GetString());
    }

    [Fact]
    public void Utf8Size_CountsBytes()
    {
        var card = new AdaptiveCard { Body = [new TextBlock("中")] };

        Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(CardSerializer.Serialize(card)), CardSerializer.Utf8Size(card));
    }
}
