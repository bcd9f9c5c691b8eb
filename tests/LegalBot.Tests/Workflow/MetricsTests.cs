using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary><c>metrics</c> over real HTTP: legal staff see the figures of the work done; nobody else does.</summary>
public sealed class MetricsTests : HostTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Metrics:OutsideCounselRates:nda"] = "400",
        ["Metrics:Currency"] = "EUR",
    };

    [Fact]
    public async Task LegalStaff_SeeTheFiguresOfTheWorkDone_WithChartsAndTheirFallbacks()
    {
        var staff = As(TeamsUser.LegalStaff);
        await Scenarios.CompleteNdaAsync(Channel, As(TeamsUser.Requester), staff, As(TeamsUser.Alsp));
        await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Second NDA, still in triage");

        var card = (await staff.SayAsync("metrics")).Card;

        Assert.Contains("Legal operations: last 30 days", card.Json(), StringComparison.Ordinal);
        Assert.Equal("2 requests", Scenarios.Fact(card, "Filed"));
        Assert.Equal("1 · 100% on time (1 of 1)", Scenarios.Fact(card, "Completed"));
        Assert.StartsWith("1 open", Scenarios.Fact(card, "Backlog"), StringComparison.Ordinal);
        Assert.Equal("EUR 480 for 4 ALSP hours · EUR 1,600 at outside counsel rates · saved EUR 1,120", Scenarios.Fact(card, "Cost"));
        Assert.Contains(Scenarios.Elements(card), n => (string?)n["type"] == "Chart.VerticalBar" && n["fallback"] is JsonObject);
        Assert.Contains(Scenarios.Elements(card), n => (string?)n["type"] == "Chart.Donut" && n["fallback"] is JsonObject);
        Assert.StartsWith("1 completed · 100% on time", Scenarios.Fact(card, TeamsUser.Alsp.Name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task APeriodByName_IsUnderstood_AndAnUnknownOneIsExplained()
    {
        var staff = As(TeamsUser.LegalStaff);

        var quarter = await staff.SayAsync("metrics this quarter");
        var unknown = await staff.SayAsync("metrics next decade");

        Assert.Contains("Legal operations: this quarter", quarter.Card.Json(), StringComparison.Ordinal);
        Assert.StartsWith("I can show the metrics for these periods:", Assert.Single(unknown.Texts), StringComparison.Ordinal);
        Assert.Empty(unknown.Cards);
    }

    [Theory]
    [InlineData("requester")]
    [InlineData("alsp")]
    public async Task NobodyButLegalStaff_SeesTheMetrics(string who)
    {
        var user = who == "alsp" ? TeamsUser.Alsp : TeamsUser.Requester;

        var reply = await As(user).SayAsync("metrics");

        Assert.Equal("Metrics are for the legal team. Type **my requests** to see yours.", Assert.Single(reply.Texts));
        Assert.Empty(reply.Cards);
    }
}
