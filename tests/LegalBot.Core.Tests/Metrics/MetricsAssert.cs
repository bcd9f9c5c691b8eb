using LegalBot.Core.Metrics;

namespace LegalBot.Core.Tests.Metrics;

/// <summary>Checks of figures against values the tests compute their own plain way.</summary>
internal static class MetricsAssert
{
    /// <summary>Median of the sorted values (the mean of the middle two for an even count), 90th percentile by nearest rank.</summary>
    public static void Spread(IEnumerable<double> values, Spread actual)
    {
        var sorted = values.ToList();
        sorted.Sort();
        Assert.Equal(sorted.Count, actual.Count);
        if (sorted.Count == 0)
        {
            return;
        }

        var median = sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
        var rank = (int)Math.Ceiling(sorted.Count * 90 / 100.0);
        Assert.Equal(median, actual.Median!.Value, 9);
        Assert.Equal(sorted[rank - 1], actual.P90!.Value, 9);
    }
}
