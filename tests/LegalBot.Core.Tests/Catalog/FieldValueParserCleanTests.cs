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
    public void Clean_TrimsWhatIsLeftAfterRemoval() =>
        Assert.Equal("Acme", FieldValueParser.Clean("\u200B  Acme \u202E "));
}
