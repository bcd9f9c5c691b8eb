using LegalBot.Core.Catalog;

namespace LegalBot.Core.Tests.Catalog;

public sealed class FieldValueParserCleanTests
{
    [Theory]
    [InlineData(null, "")]
    [InlineData("", "")]
    [InlineData("  Acme  ", "Acme")]
    [InlineData("Ac\0me", "Acme")] // NUL
    [InlineData("Ac\u0007me\u001B", "Acme")] // BEL, ESC
    [InlineData("Ac\u0085me", "Acme")] // C1 control (NEL)
    [InlineData("\u202Egnp.exe", "gnp.exe")] // right-to-left override
    [InlineData("a\u202Ab\u202C", "ab")] // left-to-right embedding, pop
    [InlineData("a\u2066b\u2069", "ab")] // isolates
    [InlineData("a\u200Db", "ab")] // zero-width joiner
    [InlineData("a\u200Cb", "ab")] // zero-width non-joiner
    [InlineData("a\u200Bb", "ab")] // zero-width space
    [InlineData("\uFEFFAcme", "Acme")] // byte order mark
    [InlineData("soft\u00ADhyphen", "softhyphen")]
    public void Clean_RemovesControlAndInvisibleFormattingCharacters(string? raw, string expected) =>
        Assert.Equal(expected, FieldValueParser.Clean(raw));

    [Fact]
    public void Clean_KeepsLineBreaksAndTabs_AndDropsCarriageReturns() =>
        Assert.Equal("line one\n\tline two\n\nline three", FieldValueParser.Clean("line one\r\n\tline two\r\n\r\nline three"));

    [Theory]
    [InlineData("Société Générale")]
    [InlineData("株式会社 サンプル")]
    [InlineData("مرحبا")]
    [InlineData("👍 thumbs")]
    [InlineData("flag 🇫🇷")]
    public void Clean_KeepsOrdinaryTextInAnyScript(string text) =>
        Assert.Equal(text, FieldValueParser.Clean(text));

    [Fact]
    public void Clean_RemovesInvisibleTagCharacters_OutsideTheBasicPlane()
    {
        // U+E0001 and U+E0020..U+E007F are invisible format characters that can smuggle a hidden ASCII message.
        var hidden = char.ConvertFromUtf32(0xE0001) + string.Concat("hidden".Select(c => char.ConvertFromUtf32(0xE0000 + c)));

        Assert.Equal("Acme Ltd", FieldValueParser.Clean("Acme " + hidden + "Ltd"));
    }

    [Fact]
    public void Clean_RemovesUnpairedSurrogates()
    {
        // Kept out of InlineData: xunit cannot serialize these strings into distinct test cases.
        foreach (var raw in new[] { "Acme\uD800 Ltd", "Acme\uDC00 Ltd", "Acme\uDC00\uD800 Ltd", "\uD800Acme Ltd\uDBFF" })
        {
            Assert.Equal("Acme Ltd", FieldValueParser.Clean(raw));
        }
    }

    [Fact]
    public void Clean_KeepsCharactersOutsideTheBasicPlaneThatAreVisible() =>
        Assert.Equal("\U0001D400cme \U0001F600 \U0002070E", FieldValueParser.Clean("\U0001D400cme \U0001F600 \U0002070E"));

    [Fact]
    public void Clean_TrimsWhatIsLeftAfterRemoval() =>
        Assert.Equal("Acme", FieldValueParser.Clean("\u200B  Acme \u202E "));
}
