using System.Diagnostics;
using System.Globalization;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LegalBot.Bench;

/// <summary>
/// Times what the <c>metrics</c> command does for each period over a seeded SQLite store: reading the facts (one
/// pass over the requests in the period or open, and over the history lines that pause the clock) and computing
/// the figures. Each line is the median of <c>--repeat</c> runs after one warm-up; allocation is per run.
/// </summary>
internal static class MetricsBench
{
    private static readonly string[] Periods = ["last 30 days", "this quarter", "this year"];

    public static async Task<int> RunAsync(Arguments options)
    {
        var counts = options.Get("counts", "10000,100000").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => int.TryParse(c, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new FormatException("--counts must be positive whole numbers separated by commas."))
            .ToList();
        var repeat = options.GetInt("repeat", 5);
        var folder = Path.GetDirectoryName(Seeder.DefaultPath)!;
        Console.WriteLine("metrics over the SQLite store (median of " + repeat.ToString(CultureInfo.InvariantCulture) + " runs)");
        Console.WriteLine($"{"requests",10} {"period",-14} {"facts",8} {"facts ms",9} {"compute ms",11} {"total ms",9} {"alloc MB",9}");
        foreach (var count in counts)
        {
            var path = Path.Combine(folder, $"metrics-{count.ToString(CultureInfo.InvariantCulture)}.db");
            if (await Seeder.CountAsync(path) != count)
            {
                await Seeder.SeedAsync(path, count, 2);
            }

            var database = new SqliteDatabase(Options.Create(new SqliteStoreOptions { Path = path }), NullLogger<SqliteDatabase>.Instance);
            var facts = new SqliteRequestFacts(database);
            var rates = new CostRates(
                Enumerable.Range(0, BenchPeople.AlspCount).ToDictionary(BenchPeople.Alsp, a => 100m + (a * 10)),
                new Dictionary<string, decimal> { ["nda"] = 400m, ["contract-review"] = 650m },
                500m);
            foreach (var name in Periods)
            {
                var now = TimeProvider.System.GetUtcNow();
                var period = LegalBot.Application.Metrics.MetricsPeriods.Parse(name, now, TimeZoneInfo.Utc)!;
                var runs = new List<(double Facts, double Compute, int Rows, long Bytes)>();
                for (var run = 0; run <= repeat; run++)
                {
                    var allocated = GC.GetTotalAllocatedBytes(precise: true);
                    var clock = Stopwatch.StartNew();
                    var read = await facts.FactsAsync(period.From, period.To);
                    var factsMs = clock.Elapsed.TotalMilliseconds;
                    clock.Restart();
                    var metrics = MetricsCalculator.Compute(read, period, now, rates, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);
                    var computeMs = clock.Elapsed.TotalMilliseconds;
                    GC.KeepAlive(metrics);
                    if (run > 0)
                    {
                        runs.Add((factsMs, computeMs, read.Count, GC.GetTotalAllocatedBytes(precise: true) - allocated));
                    }
                }

                static double Median(IEnumerable<double> values)
                {
                    var sorted = values.Order().ToArray();
                    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                }

                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count,10:N0} {name,-14} {runs[0].Rows,8:N0} {Median(runs.Select(r => r.Facts)),9:F1} {Median(runs.Select(r => r.Compute)),11:F1} {Median(runs.Select(r => r.Facts + r.Compute)),9:F1} {Median(runs.Select(r => r.Bytes / 1048576.0)),9:F1}"));
            }

            SqliteConnection.ClearAllPools();
        }

        if (options.GetInt("sharepoint", 0, allowZero: true) is > 0 and var listed)
        {
            await SharePointFactsAsync(listed, TimeSpan.FromMilliseconds(options.GetInt("graph-latency-ms", 20, allowZero: true)));
        }

        return 0;
    }

    /// <summary>
    /// The Microsoft 365 mode's facts: the first read pages through both lists' delta feeds, a read after it asks only
    /// what changed; the round trips, times, allocation (the fake server's, in this process, included) and how many
    /// requests and history lines the facts keep.
    /// </summary>
    private static async Task SharePointFactsAsync(int count, TimeSpan latency)
    {
        await using var mode = await SharePointMode.StartAsync(count, 1, latency);
        var (store, client) = mode.CreateStore();
        using (client)
        {
            var period = LegalBot.Application.Metrics.MetricsPeriods.Parse("this year", TimeProvider.System.GetUtcNow(), TimeZoneInfo.Utc)!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"metrics' facts from the SharePoint lists ({count:N0} requests, {latency.TotalMilliseconds:F0} ms Graph latency)"));
            Console.WriteLine($"{"read",-12} {"facts",8} {"round trips",12} {"ms",9} {"alloc MB",9} {"requests",9} {"lines",9}");
            mode.TakeRoundTrips();
            foreach (var name in new[] { "first", "next" })
            {
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var clock = Stopwatch.StartNew();
                var read = await store.FactsAsync(period.From, period.To);
                var ms = clock.Elapsed.TotalMilliseconds;
                var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                var (requests, lines) = store.FactsHeld;
                Console.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"{name,-12} {read.Count,8:N0} {mode.TakeRoundTrips(),12:N0} {ms,9:F1} {bytes / 1048576.0,9:F1} {requests,9:N0} {lines,9:N0}"));
            }
        }
    }
}
