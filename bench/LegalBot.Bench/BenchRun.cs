using System.Globalization;
using LegalBot.Testing;
using Microsoft.Data.Sqlite;

namespace LegalBot.Bench;

/// <summary>
/// <c>run</c>: seeds if needed, then for the baseline and each workload starts a fresh bot process (the host
/// on its own copy of the seeded store), drives it, records its peak memory, and prints the results.
/// </summary>
internal static class BenchRun
{
    private const string TriageChannelId = "19:bench-triage@thread.tacv2";

    public static async Task<int> RunAsync(Arguments options)
    {
        var users = options.GetInt("users", 32);
        var seconds = options.GetInt("seconds", 20);
        var warmup = options.GetInt("warmup", 5);
        var count = options.GetInt("count", Seeder.DefaultCount);
        var seedPath = Path.GetFullPath(options.Get("db", Seeder.DefaultPath));
        var json = options.Get("json");
        var repeat = options.GetInt("repeat", 1);
        var workloads = options.Get("workloads", "baseline,baseline-reuse,status,intake,triage").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (workloads.Except(["baseline", "baseline-reuse", "status", "intake", "triage"]).FirstOrDefault() is { } unknown)
        {
            throw new BenchException("Unknown workload '" + unknown + "'.");
        }

        var stores = options.Get("store", "sqlite").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (stores.Length == 0 || stores.Except(Stores).Any())
        {
            throw new BenchException("Unknown store '" + string.Join(',', stores) + "': --store takes any of " + string.Join(", ", Stores) + ", comma-separated.");
        }

        var graphLatency = TimeSpan.FromMilliseconds(options.GetInt("graph-latency", 80, allowZero: true));
        var graphCount = options.GetInt("graph-count", 3000);
        var postgresCount = options.GetInt("pg-count", 20_000);

        // The baselines do not use a store: they run once, whatever the stores. Other stores' runs are named
        // workload-sharepoint, workload-postgres (one instance), workload-postgres3 (three).
        var runNames = stores.SelectMany(store => workloads
                .Where(w => store == stores[0] || !w.StartsWith("baseline", StringComparison.Ordinal))
                .Select(w => store != "sqlite" && !w.StartsWith("baseline", StringComparison.Ordinal) ? w + "-" + store : w))
            .ToList();

        if (!ChildProcess.IsReleaseBuild)
        {
            Console.WriteLine("Warning: the bench and the host are a Debug build; run with -c Release for figures worth keeping.");
        }

        var hostDll = ChildProcess.HostDll;
        var loadAtStart = Machine.LoadAverage();
        var sqlite = stores.Contains("sqlite");
        if (sqlite && await Seeder.CountAsync(seedPath) < count)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeding {count:N0} requests into {seedPath}..."));
            await Seeder.SeedAsync(seedPath, count, 2);
        }

        long? seedSize = sqlite ? new FileInfo(seedPath).Length : null;
        var index = sqlite ? await SeedIndex.ReadAsync(seedPath, users) : null;
        var workFolder = Path.Combine(Path.GetDirectoryName(seedPath)!, "run");
        Directory.CreateDirectory(workFolder);
        await using var sharePoint = stores.Contains("sharepoint") ? await SharePointMode.StartAsync(graphCount, users, graphLatency) : null;
        await using var postgres = stores.Any(s => s.StartsWith("postgres", StringComparison.Ordinal)) ? await PostgresMode.StartAsync(postgresCount, users) : null;

        await using var channel = await FakeChannel.StartAsync(retain: false);
        channel.UnknownMember = BenchPeople.Member;
        var runs = new List<BenchResult>();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{users} users, {warmup} s warm-up, {seconds} s measured per workload, {repeat} round(s); logs in {workFolder}"));

        // Rounds run every workload in turn, so a burst of other work on the machine skews one round of each
        // rather than all rounds of one; the report takes each workload's median round.
        foreach (var (round, name) in Enumerable.Range(0, repeat).SelectMany(round => runNames.Select(name => (round, name))))
        {
            using var handler = new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
            string? database = null;
            string? postgresDatabase = null;
            var children = new List<ChildProcess>();
            if (name.StartsWith("baseline", StringComparison.Ordinal))
            {
                var self = typeof(BenchRun).Assembly.Location;
                children.Add(await ChildProcess.StartAsync(
                    name,
                    [self, "baseline", "--settings", Path.Combine(Path.GetDirectoryName(hostDll)!, "appsettings.json"), "--reuse-clients", name == "baseline-reuse" ? "true" : "false"],
                    new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Production" },
                    workFolder));
            }
            else if (InstancesOf(name) is > 0 and var instances)
            {
                // Every instance on one copy of the PostgreSQL seed; no SQLite file.
                postgresDatabase = await postgres!.CopySeedAsync();
                var environment = HostEnvironment(Path.Combine(workFolder, name + ".db"), channel.ServiceUrl, users);
                environment.Remove("Store__Sqlite__Path");
                foreach (var (key, value) in PostgresMode.HostEnvironment(postgresDatabase, instances))
                {
                    environment[key] = value;
                }

                for (var i = 0; i < instances; i++)
                {
                    children.Add(await ChildProcess.StartAsync(instances == 1 ? name : name + "-" + (i + 1).ToString(CultureInfo.InvariantCulture), [hostDll], environment, workFolder));
                }
            }
            else
            {
                database = Path.Combine(workFolder, name + ".db");
                foreach (var file in new[] { database, database + "-wal", database + "-shm" })
                {
                    File.Delete(file);
                }

                var environment = HostEnvironment(database, channel.ServiceUrl, users);
                if (IsSharePoint(name))
                {
                    // Requests in the fake's lists; the outbox and dialog state in a new local SQLite file.
                    foreach (var (key, value) in sharePoint!.HostEnvironment())
                    {
                        environment[key] = value;
                    }
                }
                else
                {
                    File.Copy(seedPath, database);
                }

                children.Add(await ChildProcess.StartAsync(name, [hostDll], environment, workFolder));
            }

            try
            {
                // Several instances take turns round-robin, as behind a load balancer without affinity.
                using var balancer = children.Count > 1 ? new RoundRobinHandler([.. children.Select(c => c.BaseAddress)], handler) : null;
                using var http = new HttpClient(balancer ?? (HttpMessageHandler)handler, disposeHandler: false) { BaseAddress = children[0].BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
                var seed = IsSharePoint(name) ? sharePoint!.Index : InstancesOf(name) > 0 ? postgres!.Index : index!;
                Workload workload = name.Split('-')[0] switch
                {
                    "baseline" or "baseline-reuse" => new BaselineWorkload(http, channel, name),
                    "status" => new StatusWorkload(http, channel, seed.NumbersByRequester, name),
                    "intake" => new IntakeWorkload(http, channel, name),

                    // The SharePoint lists are shared by all rounds: each round triages its own share of the submitted requests.
                    _ => new TriageWorkload(http, channel, IsSharePoint(name) ? RoundShare(seed.Submitted, round, repeat) : seed.Submitted, users, name),
                };
                Console.Write(name + "...");
                // The hosts' CPU, and with PostgreSQL the server's too: its work is the shared store's cost per turn.
                var serverReadings = new List<TimeSpan>();
                TimeSpan CpuTime()
                {
                    var hosts = children.Aggregate(TimeSpan.Zero, (sum, c) => sum + c.CpuTime());
                    if (postgresDatabase is null)
                    {
                        return hosts;
                    }

                    var server = postgres!.CpuTime();
                    serverReadings.Add(server);
                    return hosts + server;
                }

                var load = await LoadRunner.RunAsync(workload, users, TimeSpan.FromSeconds(warmup), TimeSpan.FromSeconds(seconds), CpuTime);
                if (serverReadings.Count == 2 && load.Turns > 0)
                {
                    load = load with { Extra = new Dictionary<string, double>(load.Extra) { ["of_which_database_CPU_µs/turn"] = (serverReadings[1] - serverReadings[0]).TotalMicroseconds / load.Turns } };
                }

                // With several instances, the memory of all of them.
                var peak = children.Sum(c => c.PeakWorkingSet());
                long? storeBytes = postgresDatabase is not null ? await PostgresMode.SizeAsync(postgresDatabase)
                    : database is null ? null : new[] { database, database + "-wal" }.Where(File.Exists).Sum(f => new FileInfo(f).Length);
                runs.Add(new BenchResult(load, peak, storeBytes));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $" {load.TurnsPerSecond:N0} turns/s, p99 {load.P99Ms:F1} ms, {load.CpuMsPerTurn:F2} CPU ms/turn, {load.Errors} errors{(load.LastError is null ? "" : " (" + load.LastError + ")")}"));
                if (IsSharePoint(name))
                {
                    Console.WriteLine("  Graph: " + sharePoint!.TakeSummary());
                }
            }
            finally
            {
                foreach (var child in children)
                {
                    await child.DisposeAsync();
                }
            }

            channel.Notified = null;
            SqliteConnection.ClearAllPools();
        }

        var results = runNames.Distinct().Select(w => Median([.. runs.Where(r => r.Load.Workload == w)])).ToList();
        var sharePointSetup = sharePoint is null ? null : new SharePointSetup(sharePoint.Seeded, graphLatency);
        var postgresSetup = postgres is null ? null : new PostgresSetup(postgres.Seeded, postgres.Version);
        var report = new Report(Machine.Describe(loadAtStart), users, seconds, repeat, sqlite ? count : null, seedSize, sharePointSetup, postgresSetup, results, runs);
        Console.WriteLine();
        Console.WriteLine(report.Table());
        if (json is not null)
        {
            await File.WriteAllTextAsync(json, report.Json());
            Console.WriteLine("JSON written to " + Path.GetFullPath(json));
        }

        if (channel.Unexpected.Count > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"The fake channel answered {channel.Unexpected.Count} unexpected calls with 404, first {channel.Unexpected.First()}."));
        }

        return runs.Sum(r => r.Load.Errors) == 0 ? 0 : 1;
    }

    /// <summary>The stores <c>--store</c> takes: postgres runs one host on PostgreSQL, postgres3 three hosts sharing it.</summary>
    private static readonly string[] Stores = ["sqlite", "sharepoint", "postgres", "postgres3"];

    private static bool IsSharePoint(string runName) => runName.EndsWith("-sharepoint", StringComparison.Ordinal);

    /// <summary>How many host instances share the PostgreSQL database in this run; 0 when it is not a PostgreSQL run.</summary>
    private static int InstancesOf(string runName) =>
        runName.EndsWith("-postgres", StringComparison.Ordinal) ? 1 : runName.EndsWith("-postgres3", StringComparison.Ordinal) ? 3 : 0;

    private static List<long> RoundShare(IReadOnlyList<long> numbers, int round, int rounds) =>
        [.. numbers.Skip(numbers.Count * round / rounds).Take((numbers.Count * (round + 1) / rounds) - (numbers.Count * round / rounds))];

    /// <summary>The round with the median throughput, with the highest peak memory of all rounds.</summary>
    private static BenchResult Median(IReadOnlyList<BenchResult> rounds)
    {
        var median = rounds.OrderBy(r => r.Load.TurnsPerSecond).ElementAt(rounds.Count / 2);
        return median with { PeakWorkingSetBytes = rounds.Max(r => r.PeakWorkingSetBytes) };
    }

    /// <summary>
    /// The host as deployed, without credentials (local mode, allowed explicitly outside Development), with
    /// legal staff and an ALSP roster matching the seed, and a triage channel on the fake channel.
    /// </summary>
    private static Dictionary<string, string> HostEnvironment(string database, Uri serviceUrl, int users)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Bot__AllowUnauthenticatedLocalMode"] = "true",
            ["Store__Sqlite__Path"] = database,
            ["Triage__NotifyStaffDirectly"] = "false",
            ["Triage__ChannelConversationId"] = TriageChannelId,
            ["Triage__ChannelServiceUrl"] = serviceUrl.ToString(),
            ["Notifications__PerAppPerSecond"] = "50",

            // The seed's overdue requests would owe hundreds of escalations at start, a burst of background work that
            // would fall into one workload's window and not another's: the runs measure turns.
            ["Reminders__Enabled"] = "false",
        };
        for (var i = 0; i < Math.Max(users, 4); i++)
        {
            environment["Roles__LegalStaff__" + i.ToString(CultureInfo.InvariantCulture)] = BenchPeople.Staff(i);
        }

        string[] specialties = ["nda", "contract-review", "compliance", "employment", "ip-trademark", "privacy", "litigation", "other"];
        for (var i = 0; i < BenchPeople.AlspCount; i++)
        {
            var prefix = "Roles__Alsp__" + i.ToString(CultureInfo.InvariantCulture) + "__";
            environment[prefix + "AadObjectId"] = BenchPeople.Alsp(i);
            environment[prefix + "Name"] = BenchPeople.AlspName(i);
            environment[prefix + "Email"] = "alsp" + i.ToString(CultureInfo.InvariantCulture) + "@provider.example";
            environment[prefix + "Firm"] = "Provider Firm";
            environment[prefix + "Specialties__0"] = specialties[i % specialties.Length];
            environment[prefix + "HourlyRate"] = "120";
            environment[prefix + "WeeklyCapacity"] = "10";
        }

        return environment;
    }
}

/// <summary>What the workloads need to know about the seeded store: each status user's requests, the untriaged ones.</summary>
internal sealed record SeedIndex(IReadOnlyList<IReadOnlyList<long>> NumbersByRequester, IReadOnlyList<long> Submitted)
{
    /// <summary>The index of requests just filed (each status user's newest 100, the submitted ones in order).</summary>
    public static SeedIndex From(IReadOnlyList<SeededRequest> seeded, int users)
    {
        CheckUsers(users);
        var byRequester = new List<IReadOnlyList<long>>(users);
        for (var u = 0; u < users; u++)
        {
            List<long> numbers = [.. seeded.Where(s => s.Requester == u).Select(s => s.Number).OrderDescending().Take(100)];
            byRequester.Add(numbers.Count > 0 ? numbers : throw new BenchException("The seed has no requests for status user " + u.ToString(CultureInfo.InvariantCulture) + "."));
        }

        return new SeedIndex(byRequester, [.. seeded.Where(s => s.State == LegalBot.Core.Requests.RequestState.Submitted).Select(s => s.Number).Order()]);
    }

    public static async Task<SeedIndex> ReadAsync(string path, int users)
    {
        CheckUsers(users);

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        var byRequester = new List<IReadOnlyList<long>>(users);
        for (var u = 0; u < users; u++)
        {
            var numbers = await ReadNumbersAsync(connection, "SELECT number FROM requests WHERE requester_aad_id = $p ORDER BY number DESC LIMIT 100;", BenchPeople.Requester(u));
            byRequester.Add(numbers.Count > 0 ? numbers : throw new BenchException("The seed has no requests for status user " + u.ToString(CultureInfo.InvariantCulture) + "."));
        }

        var submitted = await ReadNumbersAsync(connection, "SELECT number FROM requests WHERE state = $p ORDER BY number;", "Submitted");
        return new SeedIndex(byRequester, submitted);
    }

    private static void CheckUsers(int users)
    {
        if (users > BenchPeople.Requesters)
        {
            throw new BenchException("At most " + BenchPeople.Requesters.ToString(CultureInfo.InvariantCulture) + " users: the seed has that many requesters.");
        }
    }

    private static async Task<List<long>> ReadNumbersAsync(SqliteConnection connection, string sql, string parameter)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$p", parameter);
        var numbers = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetInt64(0));
        }

        return numbers;
    }
}
