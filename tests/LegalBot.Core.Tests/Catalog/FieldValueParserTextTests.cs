using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

public sealed class FieldValueParserTextTests
{
    private static FieldDefinition Text(int? min = null, int? max = null) =>
        new() { Name = "title", Label = "Title", Kind = FieldKind.Text, Required = true, MinLength = min, MaxLength = max };

    private static FieldDefinition LongText(int? min = null, int? max = null) =>
        new() { Name = "description", Label = "Description", Kind = FieldKind.LongText, Required = true, MinLength = min, MaxLength = max };

    [Fact]
    public void Text_CollapsesRunsOfWhitespaceToOneSpace() =>
        Assert.Equal("Acme Corp Ltd", Accepted(Text(), "  Acme \t  Corp\n\n Ltd  "));

    [Fact]
    public void LongText_KeepsLineBreaksAndSpacing() =>
        Assert.Equal("First line\n\n  indented  line", Accepted(LongText(), "First line\r\n\r\n  indented  line  "));

    [Fact]
    public void Text_StripsInvisibleCharacters() =>
        Assert.Equal("Acme Ltd", Accepted(Text(), "\u202EAcme\u200D Ltd\0"));

    [Fact]
    public void LongText_StripsInvisibleCharacters() =>
        Assert.Equal("Acme\nLtd", Accepted(LongText(), "Ac\u200Bme\n\u202ELtd"));

    [Fact]
    public void Text_OverMaxLength_IsRefusedWithTheLimitAndTheActualLength() =>
        Assert.Equal("Title can be at most 5 characters (this one has 6).", Refused(Text(max: 5), "abcdef"));

    [Fact]
    public void LongText_OverMaxLength_IsRefusedWithTheLimitAndTheActualLength() =>
        Assert.Equal("Description can be at most 10 characters (this one has 11).", Refused(LongText(max: 10), "abcde\nfghij"));

    [Fact]
    public void Text_UnderMinLength_IsRefusedWithTheMinimum() =>
        Assert.Equal("Title needs at least 3 characters.", Refused(Text(min: 3), "ab"));

    [Fact]
    public void LongText_UnderMinLength_IsRefusedWithTheMinimum() =>
        Assert.Equal("Description needs at least 10 characters.", Refused(LongText(min: 10), "too short"));

    [Fact]
    public void Text_ExactlyAtTheLimits_IsAccepted()
    {
        Assert.Equal("abc", Accepted(Text(min: 3, max: 5), "abc"));
        Assert.Equal("abcde", Accepted(Text(min: 3, max: 5), "abcde"));
    }

    [Fact]
    public void Text_LengthIsMeasuredAfterCleaningAndCollapsing()
    {
        Assert.Equal("a b", Accepted(Text(max: 3), "  a     b  "));
        Assert.Equal("Title needs at least 3 characters.", Refused(Text(min: 3), "a\u200B\u200B\u200Bb"));
    }

    [Fact]
    public void LongText_WhitespaceIsNotCollapsed_SoItCountsTowardsTheLimit() =>
        Assert.Equal("Description can be at most 5 characters (this one has 6).", Refused(LongText(max: 5), "a    b"));

    [Fact]
    public void Text_WithoutLimits_AcceptsLongAnswers()
    {
        var text = new string('x', 5000);

        Assert.Equal(text, Accepted(Text(), text));
    }
}
