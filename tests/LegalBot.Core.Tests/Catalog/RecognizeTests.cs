using LegalBot.Core.Catalog;

namespace LegalBot.Core.Tests.Catalog;

/// <summary><see cref="RequestTypeCatalog.Recognize"/> against the shipped catalog.</summary>
public sealed class RecognizeTests
{
    private static readonly RequestTypeCatalog Catalog = ShippedCatalog.Catalog();

    [Theory]
    [InlineData("I need an NDA", "nda")]
    [InlineData("i need an nda", "nda")]
    [InlineData("Can you send me a mutual NDA?", "nda")]
    [InlineData("non-disclosure agreement for Acme", "nda")]
    [InlineData("contract review please", "contract-review")]
    [InlineData("Please look at this MSA", "contract-review")]
    [InlineData("we got sued", "litigation")]
    [InlineData("We received a SUBPOENA!", "litigation")]
    [InlineData("trademark question", "ip-trademark")]
    [InlineData("Is this open source licence OK?", "ip-trademark")]
    [InlineData("GDPR question", "privacy")]
    [InlineData("question about export control", "compliance")]
    [InlineData("offer letter for a new hire", "employment")]
    public void Recognize_AKeywordInASentence_FindsTheType(string text, string expected) =>
        Assert.Equal(expected, Catalog.Recognize(text)?.Key);

    [Theory]
    [InlineData("NDA", "nda")]
    [InlineData("Contract review", "contract-review")]
    [InlineData("contract-review", "contract-review")]
    [InlineData("IP / trademark", "ip-trademark")]
    [InlineData("Litigation / dispute", "litigation")]
    [InlineData("Compliance question", "compliance")]
    public void Recognize_TheTypesNameOrKey_FindsTheType(string text, string expected) =>
        Assert.Equal(expected, Catalog.Recognize(text)?.Key);

    [Theory]
    [InlineData("the other party sued us", "litigation")]
    [InlineData("I need an NDA with the other side", "nda")]
    [InlineData("review the contract the other company sent", "contract-review")]
    public void Recognize_TheWordOther_DoesNotCompeteWithARealMatch(string text, string expected) =>
        Assert.Equal(expected, Catalog.Recognize(text)?.Key);

    [Theory]
    [InlineData("Other")]
    [InlineData("other.")]
    public void Recognize_OtherOnItsOwn_IsTheOtherType(string text) =>
        Assert.Equal("other", Catalog.Recognize(text)?.Key);

    [Theory]
    [InlineData("what other things can you do")]
    [InlineData("each other")]
    public void Recognize_TheWordOtherInPassing_IsNotARequestType(string text) =>
        Assert.Null(Catalog.Recognize(text));

    [Theory]
    [InlineData("I need an NDA and a trademark check")]
    [InlineData("we got sued over a privacy breach")]
    [InlineData("contract review and GDPR")]
    public void Recognize_TextMatchingTwoTypes_IsNull(string text) =>
        Assert.Null(Catalog.Recognize(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("hello")]
    [InlineData("what can you do")]
    [InlineData("!!!")]
    public void Recognize_TextMatchingNoType_IsNull(string? text) =>
        Assert.Null(Catalog.Recognize(text));

    [Theory]
    [InlineData("put it on the agenda")] // contains "nda"
    [InlineData("contractual obligations")] // contains "contract"
    [InlineData("strip the whitespace")] // contains "ip"
    [InlineData("unsued funds")] // contains "sued"
    public void Recognize_KeywordsMatchOnlyAsWholeWords(string text) =>
        Assert.Null(Catalog.Recognize(text));

    [Theory]
    [InlineData("NDA's for Acme", "nda")]
    [InlineData("(trademark)", "ip-trademark")]
    [InlineData("non\u2010disclosure", "nda")]
    public void Recognize_PunctuationSeparatesWords(string text, string expected) =>
        Assert.Equal(expected, Catalog.Recognize(text)?.Key);

    [Fact]
    public void Recognize_VeryLongText_IsNull_EvenWithAKeyword()
    {
        var text = "I need an NDA " + new string('x', 600);

        Assert.Null(Catalog.Recognize(text));
    }

    [Fact]
    public void Recognize_TextOfFiveHundredCharacters_IsStillRead()
    {
        var text = ("I need an NDA " + new string('x', 500))[..500];

        Assert.Equal("nda", Catalog.Recognize(text)?.Key);
    }
}
