using System.Globalization;

namespace LegalBot.Bench;

/// <summary>The commands: <c>seed</c>, <c>run</c>, and <c>baseline</c> (the bare bot, started by <c>run</c>).</summary>
internal static class Cli
{
    public const string Usage = """
        LegalBot.Bench: load tests the LegalBot host the way Teams talks to it.

          run      [--users 32] [--seconds 20] [--warmup 5] [--repeat 1] [--count 100000] [--db PATH] [--json PATH]
                   [--workloads baseline,baseline-reuse,status,intake,triage]
                   [--store sqlite,sharepoint,postgres,postgres3] [--graph-latency 80] [--graph-count 3000]
                   [--pg-count 20000]
                   seeds PATH if it holds fewer than --count requests, then runs each workload against its
                   own copy of it and prints a table (and writes JSON with --json); with --repeat N it runs N
                   rounds of all workloads and reports each workload's median round. With sharepoint in
                   --store, the host also runs with Store:Provider=SharePoint against a local fake Graph
                   server answering every call --graph-latency ms late, its lists seeded with --graph-count
                   requests; those rows are named status-sharepoint, intake-sharepoint, triage-sharepoint.
                   With postgres or postgres3, it starts a PostgreSQL server of its own (fsync on) with a
                   seed of --pg-count requests, and each run's hosts (one, or three taking turns round-robin)
                   use Store:Provider=Postgres on a copy of it; CPU per turn counts the server too
          seed     [--db PATH] [--count 100000] [--parallel 2]
                   files --count requests through the SQLite request store, then prints the time and size
          metrics  [--counts 10000,100000] [--repeat 5] [--sharepoint N] [--graph-latency-ms 20]
                   seeds a store of each size (kept under the system temp folder), then times the `metrics`
                   command's work for last 30 days, this quarter and this year: facts read, figures computed;
                   with --sharepoint, files N requests into the fake Graph server's lists and prints the
                   facts' first read (both lists' delta feeds whole), the next (only changes), round trips,
                   times, allocation and the requests and history lines the facts keep
          baseline --port N [--settings PATH] [--reuse-clients true]
                   the bare Bot Builder bot (CloudAdapter, MemoryStorage) that `run` compares against;
                   with --reuse-clients it reuses Bot Connector clients across turns as LegalBot does

        PATH defaults to legalbot-bench/seed.db under the system temp folder.
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            Console.WriteLine(Usage);
            return args.Length == 0 ? 2 : 0;
        }

        Arguments options;
        try
        {
            options = Arguments.Parse(args.AsSpan(1));
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 2;
        }

        try
        {
            switch (args[0])
            {
                case "seed":
                    await Seeder.SeedAsync(options.Get("db", Seeder.DefaultPath), options.GetInt("count", Seeder.DefaultCount), options.GetInt("parallel", 2));
                    return 0;
                case "run":
                    return await BenchRun.RunAsync(options);
                case "metrics":
                    return await MetricsBench.RunAsync(options);
                case "baseline":
                    await BaselineBot.RunAsync(options.GetInt("port", 0), options.Get("settings", ""), options.Get("reuse-clients", "false") == "true");
                    return 0;
                default:
                    await Console.Error.WriteLineAsync("Unknown command '" + args[0] + "'.\n\n" + Usage);
                    return 2;
            }
        }
        catch (BenchException ex)
        {
            await Console.Error.WriteLineAsync("bench: " + ex.Message);
            return 1;
        }
    }
}

/// <summary><c>--name value</c> pairs.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public static Arguments Parse(ReadOnlySpan<string> args)
    {
        var parsed = new Arguments();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new FormatException("Expected --name value pairs; got '" + args[i] + "'.");
            }

            parsed.values[args[i][2..]] = args[++i];
        }

        return parsed;
    }

    public string Get(string name, string fallback) => values.GetValueOrDefault(name, fallback);

    public string? Get(string name) => values.GetValueOrDefault(name);

    public int GetInt(string name, int fallback, bool allowZero = false) =>
        values.TryGetValue(name, out var text)
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && (value > 0 || allowZero)
                ? value
                : throw new FormatException("--" + name + " must be a " + (allowZero ? "" : "positive ") + "whole number.")
            : fallback;
}

/// <summary>A failure to report in one line, without a stack trace.</summary>
internal sealed class BenchException : Exception
{
    public BenchException()
    {
    }

    public BenchException(string message)
        : base(message)
    {
    }

    public BenchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
