using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace LegalBot.Bench;

/// <summary>One workload's figures with its process's peak memory and, for the host, the store's size after the run.</summary>
internal sealed record BenchResult(LoadResult Load, long PeakWorkingSetBytes, long? StoreBytes);

/// <summary>The SharePoint mode's store: requests seeded in the fake Graph server's lists, and its latency per call.</summary>
internal sealed record SharePointSetup(int SeededRequests, TimeSpan GraphLatency);

/// <summary>The PostgreSQL runs' store: requests seeded in a database each run gets a copy of, and the server's version.</summary>
internal sealed record PostgresSetup(int SeededRequests, string Version);

/// <summary>The machine the figures come from.</summary>
internal sealed record Machine(int Cores, string Cpu, double MemoryGiB, string Os, string Runtime, string LoadAverageAtStart)
{
    /// <summary>The 1, 5 and 15 minute load averages: other work on the machine skews every figure.</summary>
    public static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    public static Machine Describe(string loadAverageAtStart) => new(
        Environment.ProcessorCount,
        ProcValue("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString(),
        ParseKiB(ProcValue("/proc/meminfo", "MemTotal")) / 1048576.0,
        OsName(),
        RuntimeInformation.FrameworkDescription,
        loadAverageAtStart);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cores} cores ({Cpu}), {MemoryGiB:F0} GiB RAM, {Os}, {Runtime}; load average {LoadAverageAtStart} at start, {LoadAverage()} at end");

    private static string OsName()
    {
        const string file = "/etc/os-release";
        var pretty = File.Exists(file) ? File.ReadLines(file).FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)) : null;
        return pretty is null ? RuntimeInformation.OSDescription : pretty["PRETTY_NAME=".Length..].Trim('"');
    }

    private static string? ProcValue(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static double ParseKiB(string? value) =>
        value is not null && double.TryParse(value.Split(' ')[0], NumberStyles.Number, CultureInfo.InvariantCulture, out var kib) ? kib : 0;
}

/// <summary>The results as a table for people and as JSON for tracking.</summary>
internal sealed class Report(Machine machine, int users, int seconds, int rounds, int? seeded, long? seedBytes, SharePointSetup? sharePoint, PostgresSetup? postgres, IReadOnlyList<BenchResult> results, IReadOnlyList<BenchResult> allRounds)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private double? BaselineTurns => Turns("baseline");

    private double? ReuseBaselineTurns => Turns("baseline-reuse");

    private double? Turns(string workload) => results.FirstOrDefault(r => r.Load.Workload == workload)?.Load.TurnsPerSecond;

    private static string Ratio(double turns, double? baseline) =>
        baseline is > 0 and var b ? (turns / b).ToString("F2", CultureInfo.InvariantCulture) : "-";

    public string Table()
    {
        var text = new StringBuilder();
        text.AppendLine("Machine: " + machine);
        if (seeded is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"SQLite store: {seeded:N0} seeded requests, {seedBytes / 1048576.0:F1} MB on disk"));
        }

        if (sharePoint is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"SharePoint store (-sharepoint rows): {sharePoint.SeededRequests:N0} seeded requests in the lists of a local fake Graph server answering every call {sharePoint.GraphLatency.TotalMilliseconds:F0} ms late; outbox and state in local SQLite"));
        }

        if (postgres is not null)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL store (-postgres rows: one host; -postgres3: three hosts on one database, each turn sent to the next host in turn): {postgres.SeededRequests:N0} seeded requests, PostgreSQL {postgres.Version} on this machine with fsync on; CPU ms/turn counts the hosts and the database server, peak memory the hosts'"));
        }

        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{users} concurrent users, {seconds} s measured; median of {rounds} round(s), peak memory the highest"));
        text.AppendLine();
        text.AppendLine("| workload | turns/s | vs baseline | vs baseline-reuse | p50 ms | p99 ms | max ms | errors | CPU ms/turn | peak WS MB | also |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var r in results)
        {
            var l = r.Load;
            var also = new List<string>();
            if (l.UnitName is not null)
            {
                also.Add(string.Create(CultureInfo.InvariantCulture, $"{l.UnitsPerSecond:N0} {l.UnitName}/s"));
            }

            also.AddRange(l.Extra.Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key.Replace('_', ' ')} {e.Value:N0}")));
            if (r.StoreBytes is { } bytes)
            {
                // In SharePoint mode the local file holds only the outbox and dialog state.
                var local = l.Workload.EndsWith("-sharepoint", StringComparison.Ordinal) ? "local outbox and state after"
                    : l.Workload.Contains("-postgres", StringComparison.Ordinal) ? "database after" : "store after";
                also.Add(string.Create(CultureInfo.InvariantCulture, $"{local} {bytes / 1048576.0:F1} MB"));
            }

            text.AppendLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {l.Workload} | {l.TurnsPerSecond:N0} | {Ratio(l.TurnsPerSecond, BaselineTurns)} | {Ratio(l.TurnsPerSecond, ReuseBaselineTurns)} | {l.P50Ms:F1} | {l.P99Ms:F1} | {l.MaxMs:F1} | {l.Errors} | {l.CpuMsPerTurn:F2} | {r.PeakWorkingSetBytes / 1048576.0:F0} | {string.Join("; ", also)} |"));
        }

        return text.ToString();
    }

    public string Json() => JsonSerializer.Serialize(
        new
        {
            Machine = machine,
            Users = users,
            SecondsMeasured = seconds,
            Rounds = rounds,
            SeededRequests = seeded,
            SeedStoreBytes = seedBytes,
            SharePoint = sharePoint is null ? null : new { sharePoint.SeededRequests, GraphLatencyMs = sharePoint.GraphLatency.TotalMilliseconds },
            Postgres = postgres,
            Results = results.Select(Entry),
            AllRounds = allRounds.Select(Entry),
        },
        JsonOptions);

    private object Entry(BenchResult r) => new
    {
        r.Load.Workload,
        r.Load.Users,
        r.Load.Turns,
        r.Load.TurnsPerSecond,
        RatioToBaseline = BaselineTurns is > 0 and var b ? r.Load.TurnsPerSecond / b : (double?)null,
        RatioToBaselineReuse = ReuseBaselineTurns is > 0 and var rb ? r.Load.TurnsPerSecond / rb : (double?)null,
        LatencyMs = new { P50 = r.Load.P50Ms, P99 = r.Load.P99Ms, Max = r.Load.MaxMs },
        r.Load.Errors,
        r.Load.LastError,
        r.Load.CpuMsPerTurn,
        r.PeakWorkingSetBytes,
        r.StoreBytes,
        r.Load.UnitName,
        r.Load.UnitsPerSecond,
        r.Load.Extra,
    };
}
