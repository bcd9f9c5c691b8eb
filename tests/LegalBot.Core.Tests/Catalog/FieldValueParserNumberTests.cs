using LegalBot.Core.Catalog;
using static LegalBot.Core.Tests.Catalog.Fields;

namespace LegalBot.Core.Tests.Catalog;

public sealed class FieldValueParserNumberTests
{
    private const string NotANumber = "Contract value must be a number, like 25000.";

    private static readonly FieldDefinition Value = new()
    {
        Name = "contractValue",
        Label = "Contract value",
        Kind = FieldKind.Number,
        Min = 0,
        Max = 1_000_000_000,
    };

    private static readonly FieldDefinition Unbounded = new() { Name = "n", Label = "Amount", Kind = FieldKind.Number };

    [Theory]
    [InlineData("25000", "25000")]
    [InlineData("0", "0")]
    [InlineData("25,000", "25000")]
    [InlineData("1,000,000", "1000000")]
    [InlineData("1,000.50", "1000.50")]
    [InlineData("$25,000", "25000")]
    [InlineData("$ 25,000", "25000")]
    [InlineData("€1500", "1500")]
    [InlineData("£300.75", "300.75")]
    [InlineData("12.5", "12.5")]
    [InlineData(".5", "0.5")]
    [InlineData("  42  ", "42")]
    [InlineData("1000000000", "1000000000")]
    public void Number_InTheFormsPeopleType_IsNormalizedToInvariantDigits(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Value, answer));

    [Theory]
    [InlineData("-5", "-5")]
    [InlineData("+5", "5")]
    [InlineData("-1,250.5", "-1250.5")]
    public void Number_WithoutLimits_AcceptsSigns(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Unbounded, answer));

    [Fact]
    public void Number_BelowMin_IsRefusedWithTheMinimum() =>
        Assert.Equal("Contract value must be at least 0.", Refused(Value, "-1"));

    [Fact]
    public void Number_AboveMax_IsRefusedWithTheMaximum() =>
        Assert.Equal("Contract value must be at most 1000000000.", Refused(Value, "1,000,000,001"));

    [Fact]
    public void Number_FractionalLimits_AreShownInvariantly()
    {
        var field = new FieldDefinition { Name = "rate", Label = "Rate", Kind = FieldKind.Number, Min = 0.5m, Max = 2.25m };

        Assert.Equal("Rate must be at least 0.5.", Refused(field, "0.4"));
        Assert.Equal("Rate must be at most 2.25.", Refused(field, "2.26"));
        Assert.Equal("0.5", Accepted(field, "0.5"));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("12abc")]
    [InlineData("twelve")]
    [InlineData("$")]
    [InlineData(".")]
    [InlineData("1.2.3")]
    [InlineData("--5")]
    [InlineData("5-")]
    [InlineData("(5)")]
    [InlineData("1e5")]
    [InlineData("1e400")]
    [InlineData("Infinity")]
    [InlineData("NaN")]
    [InlineData("0x1F")]
    [InlineData("25000 USD")]
    [InlineData("\u0661\u0662\u0663")] // Arabic-Indic digits
    [InlineData("99999999999999999999999999999")] // beyond decimal
    [InlineData("9999999999999999999999999999999999999999")]
    public void Number_Garbage_IsRefusedWithAnExample(string answer) =>
        Assert.Equal(NotANumber, Refused(Value, answer));

    [Theory]
    [InlineData("1,5")] // a decimal comma: 1.5, not 15
    [InlineData("1,50")]
    [InlineData("2,5000")]
    [InlineData("1.000,50")] // European grouping: 1000.50, not 1.00050
    [InlineData("25,000,00")]
    [InlineData(",500")]
    [InlineData("500,")]
    [InlineData("1,,000")]
    [InlineData("1 5")]
    [InlineData("1,000.000,5")]
    public void Number_WithCommasThatAreNotThousandsSeparators_IsRefusedRatherThanMisread(string answer) =>
        Assert.Equal(NotANumber, Refused(Value, answer));

    [Theory]
    [InlineData("1 000 000", "1000000")]
    [InlineData("$ 1 250.5", "1250.5")]
    [InlineData("999,999", "999999")]
    [InlineData("1000,000", "1000000")]
    public void Number_GroupedInThrees_IsAccepted(string answer, string expected) =>
        Assert.Equal(expected, Accepted(Value, answer));

    [Fact]
    public void Number_VeryLongInput_IsRefused() =>
        Assert.Equal(NotANumber, Refused(Value, new string('9', 1000)));
}
