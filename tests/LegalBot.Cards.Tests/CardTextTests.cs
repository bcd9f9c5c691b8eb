namespace LegalBot.Cards.Tests;

public sealed class CardTextTests
{
    [Theory]
    [InlineData("**bold**", "\\*\\*bold\\*\\*")]
    [InlineData("_it_", "\\_it\\_")]
    [InlineData("[x](http://evil)", "\\[x\\]\\(http://evil\\)")]
    [InlineData("![img](u)", "\\!\\[img\\]\\(u\\)")]
    [InlineData("# Heading", "\\# Heading")]
    [InlineData("- item", "\\- item")]
    [InlineData("+ item", "\\+ item")]
    [InlineData("* item", "\\* item")]
    [InlineData("~~gone~~", "\\~\\~gone\\~\\~")]
    [InlineData("`code`", "\\`code\\`")]
    [InlineData("C:\\temp", "C:\\\\temp")]
    [InlineData("1. first", "1\\. first")]
    [InlineData("  12. indented", "  12\\. indented")]
    [InlineData("3) third", "3\\) third")]
    [InlineData("a\n2. second", "a\n2\\. second")]
    public void Plain_EscapesMarkdown(string text, string expected) =>
        Assert.Equal(expected, CardText.Plain(text));

    [Theory]
    [InlineData("Plain words, stay as they are.")]
    [InlineData("Version 1.5 costs 12.50 EUR")]
    [InlineData("line one\n\n   line three\twith tab")]
    [InlineData("<b>&amp; \"quotes\" 'single'</b> 中文 😀")]
    public void Plain_KeepsEverythingElse(string text) =>
        Assert.Equal(text, CardText.Plain(text));

    [Fact]
    public void Plain_OfNullOrEmpty_IsEmpty()
    {
        Assert.Equal("", CardText.Plain(null));
        Assert.Equal("", CardText.Plain(""));
    }

    [Theory]
    [InlineData(Samples.Hostile)]
    [InlineData("\\*already escaped\\*")]
    [InlineData("1. one\n2) two\n- three\n  + four\n# five")]
    [InlineData("{{DATE(2017-02-14T06:08:39Z, SHORT)}}")]
    [InlineData("trailing backslash \\")]
    public void Plain_RendersAsTyped(string text) =>
        Assert.Equal(text, Markdown.Unescape(CardText.Plain(text)));

    [Fact]
    public void Plain_BreaksCardDateFunctions()
    {
        // Clients replace {{DATE(...)}} in TextBlocks; escaped text no longer matches that pattern.
        var escaped = CardText.Plain("{{DATE(2017-02-14T06:08:39Z, SHORT)}}");

        Assert.DoesNotContain("DATE(", escaped, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_OfWorstCaseText_RendersAsTyped()
    {
        var text = Samples.Worst(5000);

        Assert.Equal(text, Markdown.Unescape(CardText.Plain(text)));
    }
}
