using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Requests;

public sealed class RequestNumberTests
{
    [Theory]
    [InlineData("LR-1042")]
    [InlineData("lr-1042")]
    [InlineData("Lr-1042")]
    [InlineData("LR 1042")]
    [InlineData("LR1042")]
    [InlineData("LR_1042")]
    [InlineData("#1042")]
    [InlineData("  LR-1042  ")]
    public void TryParse_AcceptsTheFormsPeopleType(string text)
    {
        Assert.True(RequestNumber.TryParse(text, out var number));
        Assert.Equal(1042, number.Value.Value);
    }

    [Fact]
    public void TryParse_AcceptsFifteenDigits()
    {
        Assert.True(RequestNumber.TryParse("LR-999999999999999", out var number));
        Assert.Equal(999_999_999_999_999, number.Value.Value);
    }

    [Fact]
    public void TryParse_IgnoresLeadingZeros()
    {
        Assert.True(RequestNumber.TryParse("LR-0042", out var number));
        Assert.Equal(new RequestNumber(42), number);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\t\n")]
    [InlineData("LR-")]
    [InlineData("LR")]
    [InlineData("#")]
    [InlineData("0")]
    [InlineData("LR-0")]
    [InlineData("#0")]
    [InlineData("LR-000")]
    [InlineData("-5")]
    [InlineData("LR--5")]
    [InlineData("#-5")]
    [InlineData("LR-+5")]
    [InlineData("LR-abc")]
    [InlineData("LR-10a")]
    [InlineData("abc")]
    [InlineData("LR-1 042")]
    [InlineData("LR-1,042")]
    [InlineData("LR-10.5")]
    [InlineData("LR-1234567890123456")]
    [InlineData("LR-9223372036854775807")]
    [InlineData("LR-9223372036854775808")]
    [InlineData("99999999999999999999999999")]
    [InlineData("LR-\u0661\u0660\u0664\u0662")]
    [InlineData("LR-\uFF11\uFF10\uFF14\uFF12")]
    [InlineData("LR- 1042")]
    [InlineData("LR -1042")]
    [InlineData("LR-_1042")]
    [InlineData("XR-1042")]
    [InlineData("##1042")]
    [InlineData("# 1042")]
    public void TryParse_RefusesAnythingElse(string? text)
    {
        Assert.False(RequestNumber.TryParse(text, out var number));
        Assert.Null(number);
    }

    [Theory]
    [InlineData(1, "LR-1")]
    [InlineData(1042, "LR-1042")]
    [InlineData(999_999_999_999_999, "LR-999999999999999")]
    public void ToString_IsThePrefixAndTheNumber(long value, string expected) =>
        Assert.Equal(expected, new RequestNumber(value).ToString());

    [Theory]
    [InlineData(1)]
    [InlineData(1042)]
    [InlineData(999_999_999_999_999)]
    public void ToString_RoundTripsThroughTryParse(long value)
    {
        var text = new RequestNumber(value).ToString();

        Assert.True(RequestNumber.TryParse(text, out var parsed));
        Assert.Equal(value, parsed.Value.Value);
    }
}
