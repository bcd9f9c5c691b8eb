using LegalBot.Cards.Builders;
using LegalBot.Core.Catalog;

namespace LegalBot.Cards.Tests;

public sealed class TypePickerCardTests
{
    [Fact]
    public void Build_AsksWhatKind_WithOneButtonAndOneDescriptionPerType()
    {
        var card = new CardJson(TypePickerCard.Build(Samples.Types));

        Assert.Equal("What kind of request?", card.Texts[0]);
        Assert.Equal(["NDA", "Contract review", "Legal advice"], card.Submits.Select(a => (string)a["title"]!));
        Assert.All(card.Submits, a => Assert.Equal(CardActions.IntakeType, CardJson.Data(a)[CardActions.ActionKey]));
        Assert.Equal(["nda", "contract-review", "advice"], card.Submits.Select(a => CardJson.Data(a)[CardActions.TypeKey]));
        Assert.Equal("Review of a supplier or customer contract.", card.Fact("Contract review"));
        Assert.Contains(card.Rendered, t => t.Contains("You can also type the name", StringComparison.Ordinal));
    }

    [Fact]
    public void Build_WithManyTypes_KeepsAtMostFiveButtonsPerRow()
    {
        var types = Enumerable.Range(1, 12).Select(i => new RequestType { Key = $"t{i}", Name = $"Type {i}" }).ToList();

        var card = new CardJson(TypePickerCard.Build(types));

        var sets = card.Typed("ActionSet").Select(s => s["actions"]!.AsArray().Count).ToList();
        Assert.Equal([5, 5, 2], sets);
        Assert.Equal(12, card.Submits.Count);
    }

    [Fact]
    public void Build_WithMarkdownInCatalogText_ShowsItLiterally()
    {
        var type = new RequestType { Key = "odd", Name = "1. *Odd*", Description = "[click](http://x)" };

        var card = new CardJson(TypePickerCard.Build([type]));

        Assert.Equal("[click](http://x)", card.Fact("1. *Odd*"));
        Assert.Equal("1. *Odd*", (string?)card.Submits.Single()["title"]);
    }

    [Fact]
    public void Build_WithNoTypes_SaysSoWithoutButtons()
    {
        var card = new CardJson(TypePickerCard.Build([]));

        Assert.Empty(card.Submits);
        Assert.Contains(card.Rendered, t => t.Contains("No request types", StringComparison.Ordinal));
    }
}
