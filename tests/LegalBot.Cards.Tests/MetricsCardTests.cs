using System.Text.Json.Nodes;
using LegalBot.Cards.Builders;
using LegalBot.Core.Metrics;

namespace LegalBot.Cards.Tests;

public sealed class MetricsCardTests
{
    private static CardJson Card(MetricsModel model) => new(MetricsCard.Build(model));

    /// <summary>The label/value lines of a chart's fallback ("w/c 9 Nov: 3.5 days (4 completed)").</summary>
    private static List<(string Label, string Value)> FallbackFacts(JsonObject chart) =>
        [.. chart["fallback"]!["items"]!.AsArray().Skip(1)
            .Select(line => line!["inlines"]!.AsArray())
            .Select(runs => (((string)runs[0]!["text"]!)[..^2], (string)runs[1]!["text"]!))];

    [Fact]
    public void TheCard_LeadsWithTheHeadlineFigures()
    {
        var metrics = MetricsSamples.Compute(MetricsSamples.Last30Days, 400);

        var card = Card(MetricsSamples.Model(metrics));

        Assert.Equal("Legal operations: last 30 days", card.Texts[0]);
        Assert.Equal($"{metrics.Filed} requests", card.Fact("Filed"));
        Assert.Equal($"{metrics.Completed} · {Math.Round(metrics.ComplianceRate!.Value * 100):0}% on time ({metrics.CompletedOnTime} of {metrics.Completed})", card.Fact("Completed"));
        Assert.StartsWith($"{metrics.Backlog} open", card.Fact("Backlog"), StringComparison.Ordinal);
        Assert.Equal($"median {MetricsCard.Days(metrics.TurnaroundDays.Median!.Value)} · 90% within {MetricsCard.Days(metrics.TurnaroundDays.P90!.Value)}", card.Fact("Turnaround"));
        Assert.EndsWith($"saved {MetricsCard.Money(metrics.Cost.Saved, "USD")}", card.Fact("Cost"), StringComparison.Ordinal);
    }

    [Fact]
    public void EachChart_HasAFallbackSayingTheSameFigures()
    {
        var metrics = MetricsSamples.Compute(MetricsSamples.Last30Days, 400);

        var card = Card(MetricsSamples.Model(metrics));
        var bars = Assert.Single(card.Typed("Chart.VerticalBar"));
        var donut = Assert.Single(card.Typed("Chart.Donut"));

        var barFacts = FallbackFacts(bars);
        var points = bars["data"]!.AsArray().Select(p => ((string)p!["x"]!, (double)p["y"]!)).ToList();
        Assert.Equal(metrics.TurnaroundByBucket.Count, points.Count);
        Assert.Equal(points.Select(p => p.Item1), barFacts.Select(f => f.Label));
        Assert.All(points.Zip(barFacts), pair => Assert.StartsWith(MetricsCard.Days(pair.First.Item2), pair.Second.Value, StringComparison.Ordinal));

        var slices = donut["data"]!.AsArray().Select(d => ((string)d!["legend"]!, (int)(double)d["value"]!)).ToList();
        Assert.Equal(metrics.Backlog, slices.Sum(s => s.Item2));
        Assert.Equal(slices.Select(s => (s.Item1, s.Item2.ToString(System.Globalization.CultureInfo.InvariantCulture))), FallbackFacts(donut));
    }

    [Fact]
    public void ALongPeriod_IsChartedByMonth()
    {
        var card = Card(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.ThisYear, 800, spanDays: 330), "this year"));

        var bars = Assert.Single(card.Typed("Chart.VerticalBar"));
        Assert.Equal("Median turnaround by month (days)", (string?)bars["title"]);
        Assert.All(bars["data"]!.AsArray(), p => Assert.Matches("^[A-Z][a-z]{2} 2026$", (string)p!["x"]!));
    }

    [Fact]
    public void NothingToMeasure_SaysSo_WithoutEmptyCharts()
    {
        var card = Card(MetricsSamples.Model(MetricsSamples.Compute(MetricsSamples.Last30Days, 0)));

        Assert.Empty(card.Typed("Chart.VerticalBar"));
        Assert.Empty(card.Typed("Chart.Donut"));
        Assert.Contains("No requests were filed or completed in this period, and none is open.", card.Texts);
    }

    [Fact]
    public void ManyProfessionalsAndTypes_AreListedUpToTheLimit_AndCounted()
    {
        var metrics = MetricsSamples.Compute(MetricsSamples.ThisYear, 3000, professionals: 40, types: 30, spanDays: 330);

        var card = Card(MetricsSamples.Model(metrics, "this year"));

        Assert.Contains($"and {metrics.ByProfessional.Count - MetricsCard.MaxProfessionals} more; type scorecard and a name to see one.", card.Texts);
        Assert.Contains($"and {metrics.ByType.Count - MetricsCard.MaxTypes} more types.", card.Texts);
    }

    [Theory]
    [InlineData(0.5, "0.5 days")]
    [InlineData(1, "1.0 day")]
    [InlineData(12.34, "12.3 days")]
    public void Days_ReadNaturally(double days, string expected) => Assert.Equal(expected, MetricsCard.Days(days));

    [Fact]
    public void Money_GroupsThousands_AndShowsLossesAsNegative()
    {
        Assert.Equal("USD 12,340", MetricsCard.Money(12340.4m, "USD"));
        Assert.Equal("EUR -1,200", MetricsCard.Money(-1200m, "EUR"));
        Assert.Equal("no ALSP hours logged", MetricsCard.CostText(Cost.None, "USD"));
    }
}
