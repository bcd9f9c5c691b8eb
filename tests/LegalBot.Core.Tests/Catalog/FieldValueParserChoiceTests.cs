using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

public sealed class FieldValueParserChoiceTests
{
    private const string ListError = "Direction must be one of: Mutual, We disclose, They disclose.";

    private static readonly FieldDefinition Direction = new()
    {
        Name = "direction",
        Label = "Direction",
        Kind = FieldKind.Choice,
        Required = true,
        Choices = ["Mutual", "We disclose", "They disclose"],
    };

    [Theory]
    [InlineData("1", "Mutual")]
    [InlineData("2", "We disclose")]
    [InlineData("3", "They disclose")]
    [InlineData(" 3 ", "They disclose")]
    public void Choice_ByNumber_PicksThatChoice(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Direction, answer));

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    [InlineData("-1")]
    [InlineData("+1")]
    [InlineData("1.0")]
    [InlineData("99999999999999999999")]
    [InlineData("\u0661")] // Arabic-Indic one
    public void Choice_ByNumberOutOfRange_IsRefusedWithTheList(string answer) =>
        Assert.Equal(ListError, Refused(Direction, answer));

    [Theory]
    [InlineData("Mutual", "Mutual")]
    [InlineData("mutual", "Mutual")]
    [InlineData("WE DISCLOSE", "We disclose")]
    [InlineData("  they disclose ", "They disclose")]
    public void Choice_ByExactText_IgnoresCase_AndReturnsTheConfiguredSpelling(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Direction, answer));

    [Theory]
    [InlineData("mut", "Mutual")]
    [InlineData("they", "They disclose")]
    [InlineData("WE", "We disclose")]
    public void Choice_ByUniquePartialText_PicksThatChoice(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Direction, answer));

    [Fact]
    public void Choice_ByAmbiguousPartialText_IsRefusedWithTheList() =>
        Assert.Equal(ListError, Refused(Direction, "disclose"));

    [Fact]
    public void Choice_BySingleLetter_IsNotEnoughForAPartialMatch() =>
        Assert.Equal(ListError, Refused(Direction, "m"));

    [Theory]
    [InlineData("neither")]
    [InlineData("mutual please")]
    [InlineData("<b>Mutual</b>")]
    public void Choice_ByUnknownText_IsRefusedWithTheList(string answer) =>
        Assert.Equal(ListError, Refused(Direction, answer));

    [Fact]
    public void Choice_ExactMatchWins_OverAChoiceThatContainsIt()
    {
        var field = new FieldDefinition { Name = "kind", Label = "Kind", Kind = FieldKind.Choice, Choices = ["Other", "Other party paper"] };

        Assert.Equal("Other", Accepted(field, "other"));
    }

    [Fact]
    public void Choice_InvisibleCharactersDoNotDefeatAnExactMatch() =>
        Assert.Equal("Mutual", Accepted(Direction, "Mu\u200Btual\u202E"));
}
