using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

public sealed class FieldValueParserYesNoTests
{
    private static readonly FieldDefinition TheirPaper = new() { Name = "theirPaper", Label = "their paper", Kind = FieldKind.YesNo, Required = true };

    [Theory]
    [InlineData("yes")]
    [InlineData("Yes")]
    [InlineData("YES!")]
    [InlineData("y")]
    [InlineData("yeah")]
    [InlineData("yep.")]
    [InlineData("sure")]
    [InlineData("ok")]
    [InlineData("okay")]
    [InlineData("true")]
    [InlineData("confirm")]
    [InlineData("correct")]
    public void YesWords_AreTrue(string answer) =>
        Assert.Equal("true", Accepted(TheirPaper, answer));

    [Theory]
    [InlineData("no")]
    [InlineData("No.")]
    [InlineData("N")]
    [InlineData("nope")]
    [InlineData("false")]
    [InlineData("not really")]
    public void NoWords_AreFalse(string answer) =>
        Assert.Equal("false", Accepted(TheirPaper, answer));

    [Theory]
    [InlineData("maybe")]
    [InlineData("yes and no")]
    [InlineData("1")]
    [InlineData("si")]
    public void OtherWords_AreRefused_AskingForYesOrNo(string answer) =>
        Assert.Equal("Please answer yes or no for their paper.", Refused(TheirPaper, answer));

    [Theory]
    [InlineData("yes", true)]
    [InlineData(" Y\u200B ", true)]
    [InlineData("no!", false)]
    [InlineData("maybe", null)]
    [InlineData(null, null)]
    [InlineData("", null)]
    public void ParseYesNo_ReadsTypedAnswers(string? text, bool? expected) =>
        Assert.Equal(expected, FieldValueParser.ParseYesNo(text));
}
