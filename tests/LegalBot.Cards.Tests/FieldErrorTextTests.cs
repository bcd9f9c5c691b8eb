using LegalBot.Core.Catalog;

namespace LegalBot.Cards.Tests;

public sealed class FieldErrorTextTests
{
    public static TheoryData<FieldProblem> Problems() => [.. Enum.GetValues<FieldProblem>()];

    [Theory]
    [MemberData(nameof(Problems))]
    public void EveryProblem_IsWorded_NamingTheField(FieldProblem problem)
    {
        var text = FieldErrorText.For(new FieldError(problem, "Due date", 5, 6, ["A", "B"], new DateOnly(2026, 12, 10)));

        Assert.Contains("Due date", text, StringComparison.Ordinal);
        Assert.EndsWith(".", text, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFiguresAProblemNames_AreShownInvariantly()
    {
        Assert.Equal("Rate must be at least 0.5.", FieldErrorText.For(new FieldError(FieldProblem.BelowMinimum, "Rate", 0.5m)));
        Assert.Equal("Title can be at most 5 characters (this one has 6).", FieldErrorText.For(new FieldError(FieldProblem.TooLong, "Title", 5, 6)));
        Assert.Equal(
            "I couldn't read that as a date for Due date. Try 2026-12-10, \"next Friday\" or \"in 10 days\".",
            FieldErrorText.For(new FieldError(FieldProblem.NotADate, "Due date", Example: new DateOnly(2026, 12, 10))));
    }
}
