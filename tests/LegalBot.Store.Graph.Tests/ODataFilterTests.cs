namespace LegalBot.Store.Graph.Tests;

public sealed class ODataFilterTests
{
    [Theory]
    [InlineData("O'Brien", "fields/RequesterName eq 'O''Brien'")]
    [InlineData("''", "fields/RequesterName eq ''''''")]
    [InlineData("x' or fields/Title ne 'y", "fields/RequesterName eq 'x'' or fields/Title ne ''y'")]
    [InlineData("", "fields/RequesterName eq ''")]
    public void Eq_QuotesTheValue_DoublingEveryQuote(string value, string expected) =>
        Assert.Equal(expected, ODataFilter.Eq(ListSchema.Requests.RequesterName, value));

    [Fact]
    public void Dates_AreUtcLiterals_AndClausesJoinWithAnd() =>
        Assert.Equal(
            "(fields/UpdatedAt ge '2026-03-01T09:00:00Z') and (fields/RequestVersion eq 3)",
            ODataFilter.And(
                ODataFilter.Ge(ListSchema.Requests.UpdatedAt, new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.FromHours(1))),
                ODataFilter.Eq(ListSchema.Requests.RequestVersion, 3)));

    [Theory]
    [InlineData("RequesterId eq 'a' or fields/Title")]
    [InlineData("Requester Id")]
    [InlineData("fields/Title")]
    public void ColumnNames_ThatAreNotPlainNames_AreRefused(string column) =>
        Assert.Throws<ArgumentException>(() => ODataFilter.Eq(column, "a"));
}
