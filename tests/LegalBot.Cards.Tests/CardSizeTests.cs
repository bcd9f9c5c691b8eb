namespace LegalBot.Cards.Tests;

public sealed class CardSizeTests
{
    /// <summary>Teams refuses bot messages above about 28 KB (the card plus the activity around it).</summary>
    private const int TeamsLimit = 28 * 1024;

    /// <summary>"Well under": room left for the activity envelope and for Teams' own additions.</summary>
    private const int Ceiling = 20 * 1024;

    public static TheoryData<string> Fillers =>
    [
        "worst-mix",
        "a",
        "\\",
        "*",
        "\"",
        "\u0000",
        "😀",
        "中",
        "é",
    ];

    [Theory]
    [MemberData(nameof(Fillers))]
    public void MaximalCards_StayWellUnderTheMessageLimit(string filler)
    {
        Func<int, string> text = filler == "worst-mix"
            ? Samples.Worst
            : length => string.Concat(Enumerable.Repeat(filler, length))[..length];

        foreach (var (name, card) in CardGallery.Maximal(text))
        {
            var size = CardSerializer.Utf8Size(card);
            Assert.True(size < Ceiling, $"{name} with '{filler}' is {size} bytes; the ceiling is {Ceiling} ({TeamsLimit} is Teams' limit).");
        }
    }

    [Fact]
    public void OrdinaryMaximalText_IsNeverCut()
    {
        // Text at the domain's own limits, in ordinary words, reaches the reader whole.
        var description = string.Concat(Enumerable.Repeat("Ordinary words, ünïcödé and digits 12345. ", 100))[..Core.Catalog.RequestTypeCatalog.DescriptionMaxLength];
        var title = description[..Core.Catalog.RequestTypeCatalog.TitleMaxLength];

        var card = new CardJson(Builders.ConfirmationCard.Build(CardGallery.Confirmation([("Title", title), ("Description", description), ("Counterparty", description[..200])])));

        Assert.Equal(title, card.Fact("Title"));
        Assert.Equal(description, card.Fact("Description"));
        Assert.Equal(description[..200], card.Fact("Counterparty"));

        var values = new Dictionary<string, string> { ["title"] = title, ["description"] = description, ["counterparty"] = description[..200] };
        var form = new CardJson(Builders.IntakeFormCard.Build(CardGallery.Form(Samples.ContractReview, values, new Dictionary<string, string>())));
        Assert.All(values, v => Assert.Equal(v.Value, (string?)form.Input(v.Key)["value"]));
    }

    [Fact]
    public void CostlyText_IsCutVisibly_OnceTheCardsBudgetIsSpent()
    {
        var costly = new string('\u0000', Core.Catalog.RequestTypeCatalog.DescriptionMaxLength);

        var card = new CardJson(Builders.ConfirmationCard.Build(CardGallery.Confirmation([("Description", costly), ("Notes", costly)])));

        var description = card.Fact("Description")!;
        Assert.InRange(description.Length, 1000, costly.Length - 1);
        Assert.EndsWith("\u0000…", description, StringComparison.Ordinal);
        Assert.EndsWith("…", card.Fact("Notes"), StringComparison.Ordinal);
    }
}
