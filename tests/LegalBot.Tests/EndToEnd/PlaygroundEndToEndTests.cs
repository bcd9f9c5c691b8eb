using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LegalBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LegalBot.Tests.EndToEnd;

/// <summary>
/// The whole path through a real Teams client emulator: the real host on a real port, the Microsoft 365
/// Agents Playground in front of it, and headless Chromium driving the Playground's UI
/// (<c>tests/js/e2e-playground.mjs</c>). Needs Chromium and the npm packages of <c>tests/js</c>,
/// which <c>bash .ci/run</c> installs.
/// </summary>
/// <remarks>
/// The Playground's UI always speaks as the current user of its configuration, so the test plays one
/// role after another as a person would: it stops the Playground and starts it again with the next
/// role's configuration (<c>.m365agentsplayground.yml</c>, <c>tests/js/playground/*.yml</c>: the same mock
/// tenant), while the same bot process and database keep running. The host uses the Development
/// roster (<c>appsettings.Development.json</c>), which names the Playground's mock people.
/// </remarks>
[Trait(TestCategories.Name, TestCategories.EndToEnd)]
public sealed partial class PlaygroundEndToEndTests(ITestOutputHelper output)
{
    private const string ChromiumPath = "/usr/bin/chromium";
    private const string AlspName = "ALSP Professional (mock)";

    private static readonly PlaygroundRole Requester = new("Requester (mock)", ".m365agentsplayground.yml");
    private static readonly PlaygroundRole LegalStaff = new("Legal Staff (mock)", "tests/js/playground/legal-staff.yml");
    private static readonly PlaygroundRole Alsp = new(AlspName, "tests/js/playground/alsp-professional.yml");

    private static readonly TimeSpan PlaygroundStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    private readonly string repoRoot = FindRepoRoot();

    /// <summary>
    /// The life of a request across its three roles: the requester files an NDA by card; legal staff
    /// assign it on their card to the ALSP professional, whose card then accepts it; each card changes in
    /// place; the requester finally sees it in progress with them, and legal staff see it counted in the metrics.
    /// </summary>
    [Fact]
    public async Task RequesterFiles_LegalStaffAssigns_AlspAccepts_RequesterSeesProgress_LegalStaffSeeTheMetrics_InAgentsPlayground()
    {
        var (playgroundCli, script) = RequireTools();
        var work = Path.Combine(Path.GetTempPath(), "legalbot-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var screenshots = Path.Combine(work, "screenshots");
        var botLog = new BotLog();
        var passed = false;

        var host = new BotHost(
            Path.Combine(work, "legalbot.db"),
            testRoster: false,
            configure: builder => builder.ConfigureLogging(logging => logging.AddProvider(botLog)));
        try
        {
            using var http = host.Start();
            var botPort = BotPort(host, http);
            output.WriteLine($"bot listening on port {botPort} (server addresses: {string.Join(", ", ServerAddresses(host))}; client base address: {http.BaseAddress})");
            var session = new Session(botPort, FreeTcpPort(), work, screenshots, playgroundCli, script, botLog);

            var requestId = await PlayAsync(session, Requester, "file");
            await PlayAsync(session, LegalStaff, "assign", "--request", requestId, "--assignee", AlspName);
            await PlayAsync(session, Alsp, "accept", "--request", requestId);
            await PlayAsync(session, Requester, "status", "--request", requestId, "--state", "In progress", "--with", AlspName);
            await PlayAsync(session, LegalStaff, "metrics", "--request", requestId, "--with", AlspName);

            output.WriteLine(botLog.ProblemSummary());
            passed = true;
        }
        finally
        {
            await host.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (passed)
            {
                TryDelete(work);
            }
            else
            {
                output.WriteLine($"kept for inspection: {work}");
            }
        }
    }

    /// <summary>
    /// Starts the Playground as <paramref name="role"/> (on the port the previous one used, as a person
    /// restarting it would), runs one step of the script in it, stops it, and returns the request id.
    /// </summary>
    private async Task<string> PlayAsync(Session session, PlaygroundRole role, string step, params string[] arguments)
    {
        var playgroundLog = Path.Combine(session.Work, $"playground-{step}.log");
        using var playground = ProcessRun.Start(
            "node",
            [session.PlaygroundCli, "-e", $"http://127.0.0.1:{session.BotPort}/api/messages", "-c", "msteams", "--disable-telemetry", "-p", session.UiPort.ToString(CultureInfo.InvariantCulture)],
            repoRoot,
            new Dictionary<string, string>
            {
                ["TEAMSAPPTESTER_BROWSER"] = "none",
                ["M365_AGENTS_PLAYGROUND_LOGFILE"] = playgroundLog,
                ["M365_AGENTS_PLAYGROUND_CONFIG_PATH"] = Path.Combine(repoRoot, role.ConfigFile),
            });
        session.UiPort = await WaitForPlaygroundAsync(playground, playgroundLog, session.BotLog);
        output.WriteLine($"--- {step}: the Playground as {role.Name} ({role.ConfigFile}), UI on port {session.UiPort} ---");

        using var e2e = ProcessRun.Start(
            "node",
            [session.Script, "--ui", $"http://127.0.0.1:{session.UiPort}", "--step", step, "--user", role.Name, "--screenshots", session.Screenshots, .. arguments],
            repoRoot,
            new Dictionary<string, string>());
        var exited = await e2e.WaitForExitAsync(ScriptTimeout);
        var scriptOutput = e2e.Output;
        output.WriteLine(scriptOutput);

        string Diagnostics() => $"""
            e2e-playground.mjs --step {step} as {role.Name} ({role.ConfigFile}):
            {scriptOutput}
            --- Agents Playground (stdout/stderr, log tail) ---
            {playground.Output}
            {LogTail(playgroundLog)}
            --- the bot's warnings and errors so far ---
            {session.BotLog.ProblemSummary()}
            --- the bot's last log lines ---
            {session.BotLog.Tail(60)}
            --- screenshots: {session.Screenshots}
            """;
        if (!exited)
        {
            Assert.Fail($"e2e-playground.mjs did not finish within {ScriptTimeout.TotalMinutes} minutes.\n{Diagnostics()}");
        }

        if (e2e.ExitCode != 0)
        {
            Assert.Fail($"e2e-playground.mjs exited with {e2e.ExitCode}.\n{Diagnostics()}");
        }

        var ok = Regex.Match(scriptOutput, $@"E2E OK {Regex.Escape(step)} (LR-\d+)");
        if (!ok.Success)
        {
            Assert.Fail($"e2e-playground.mjs did not print E2E OK {step}.\n{Diagnostics()}");
        }

        return ok.Groups[1].Value;
    }

    private (string PlaygroundCli, string Script) RequireTools()
    {
        var nodeModules = Path.Combine(repoRoot, "tests", "js", "node_modules");
        var playgroundCli = Path.Combine(nodeModules, "@microsoft", "m365agentsplayground", "cli.js");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : ChromiumPath;
        if (!File.Exists(chromium))
        {
            Assert.Fail($"Chromium is not installed ({chromium} is missing). Run `bash .ci/run` once (it installs Chromium and the npm packages), then run the tests again.");
        }

        if (!File.Exists(playgroundCli) || !Directory.Exists(Path.Combine(nodeModules, "playwright-core")))
        {
            Assert.Fail($"The npm packages of tests/js are not installed ({Path.GetRelativePath(repoRoot, nodeModules)} lacks the Agents Playground or playwright-core). Run `bash .ci/run` once, then run the tests again.");
        }

        return (playgroundCli, Path.Combine(repoRoot, "tests", "js", "e2e-playground.mjs"));
    }

    /// <summary>The port Kestrel actually bound (the host asks for port 0).</summary>
    private static int BotPort(BotHost host, HttpClient http)
    {
        var addresses = ServerAddresses(host);
        foreach (var address in addresses)
        {
            if (Uri.TryCreate(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) && uri.Port > 0)
            {
                return uri.Port;
            }
        }

        if (http.BaseAddress is { IsDefaultPort: false } baseAddress)
        {
            return baseAddress.Port;
        }

        throw new InvalidOperationException($"Cannot tell which port the host listens on (addresses: {string.Join(", ", addresses)}; client: {http.BaseAddress}).");
    }

    private static ICollection<string> ServerAddresses(BotHost host) =>
        host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];

    /// <summary>
    /// Waits for the Playground to say which port it listens on (it falls back to a random port when the
    /// one asked for is taken) and for its UI to answer HTTP there.
    /// </summary>
    private static async Task<int> WaitForPlaygroundAsync(ProcessRun playground, string logFile, BotLog botLog)
    {
        // The Playground prints "Listening on N" once its server accepts connections: wait for that line.
        var line = await playground.WaitForLineAsync(ListeningOn(), PlaygroundStartTimeout);
        if (line is null)
        {
            Assert.Fail(playground.HasExited
                ? $"The Agents Playground exited with {playground.ExitCode} while starting.\n{playground.Output}\n{LogTail(logFile)}\n{botLog.Tail(30)}"
                : $"The Agents Playground did not say where it listens within {PlaygroundStartTimeout.TotalSeconds} s.\n{playground.Output}\n{LogTail(logFile)}");
        }

        var port = int.Parse(ListeningOn().Match(line!).Groups[1].Value, CultureInfo.InvariantCulture);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
        Assert.True(response.IsSuccessStatusCode, $"The Agents Playground's UI answered {(int)response.StatusCode}.\n{playground.Output}\n{LogTail(logFile)}");
        return port;
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The end of the Playground's log, each line cut short (it logs whole activities).</summary>
    private static string LogTail(string file, int lines = 40, int width = 400)
    {
        if (!File.Exists(file))
        {
            return $"(no playground log at {file})";
        }

        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var tail = all.TakeLast(lines).Select(l => l.Length > width ? l[..width] + " …" : l);
            return $"playground log ({file}), last {Math.Min(lines, all.Length)} lines:\n" + string.Join('\n', tail);
        }
        catch (IOException e)
        {
            return $"(cannot read the playground log: {e.Message})";
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LegalBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LegalBot.sln above {AppContext.BaseDirectory}.");
    }

    private static void TryDelete(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Something still closing; the OS cleans its temp folder.
        }
        catch (UnauthorizedAccessException)
        {
            // Same.
        }
    }

    [GeneratedRegex(@"Listening on (\d+)")]
    private static partial Regex ListeningOn();

    /// <summary>A role played in the Playground: its current user's name and its configuration file (from the repository root).</summary>
    private sealed record PlaygroundRole(string Name, string ConfigFile);

    /// <summary>What the steps of one test share: the bot, the Playground's port, where files go.</summary>
    private sealed class Session(int botPort, int uiPort, string work, string screenshots, string playgroundCli, string script, BotLog botLog)
    {
        public int BotPort => botPort;

        /// <summary>The port the Playground listens on; each restart asks for the same one.</summary>
        public int UiPort { get; set; } = uiPort;

        public string Work => work;

        public string Screenshots => screenshots;

        public string PlaygroundCli => playgroundCli;

        public string Script => script;

        public BotLog BotLog => botLog;
    }

    /// <summary>
    /// Keeps what the bot logs: its last lines, and how often each kind of warning or error came (ids and
    /// numbers left out), to show with a failure and, after a pass, what the bot ran into on the way.
    /// </summary>
    private sealed partial class BotLog : ILoggerProvider
    {
        private const int Kept = 400;
        private readonly Queue<string> lines = new();
        private readonly Dictionary<string, int> problems = new(StringComparer.Ordinal);

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        public string Tail(int count)
        {
            lock (lines)
            {
                return lines.Count == 0 ? "(nothing logged)" : string.Join('\n', lines.TakeLast(count));
            }
        }

        public string ProblemSummary()
        {
            lock (lines)
            {
                return problems.Count == 0
                    ? "The bot logged no warnings or errors."
                    : "The bot's warnings and errors (times seen: level category[event]: message; exception):\n"
                        + string.Join('\n', problems.OrderByDescending(p => p.Value).Select(p => $"  {p.Value,5} × {p.Key}"));
            }
        }

        private void Add(LogLevel level, string category, EventId eventId, string message, Exception? exception)
        {
            var failure = exception is null ? "" : $"; {exception.GetType().FullName}: {FirstLine(exception.Message)}";
            var line = $"{TimeProvider.System.GetUtcNow():HH:mm:ss.fff} {level} {category}[{eventId.Id}]: {message}{failure}";
            lock (lines)
            {
                lines.Enqueue(line.Length > 1000 ? line[..1000] + " …" : line);
                while (lines.Count > Kept)
                {
                    lines.Dequeue();
                }

                if (level >= LogLevel.Warning)
                {
                    var key = $"{level} {category}[{eventId.Id}]: {Normalize(FirstLine(message))}{Normalize(failure)}";
                    problems[key] = problems.GetValueOrDefault(key) + 1;
                }
            }
        }

        private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

        private static string Normalize(string text) => Digits().Replace(Ids().Replace(text, "<id>"), "#");

        [GeneratedRegex(@"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(@[\w.]+)?")]
        private static partial Regex Ids();

        [GeneratedRegex(@"\d+")]
        private static partial Regex Digits();

        private sealed class Logger(BotLog log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    log.Add(logLevel, category, eventId, formatter(state, exception), exception);
                }
            }
        }
    }

    /// <summary>A child process whose output is collected as it comes; disposing kills its whole tree.</summary>
    private sealed class ProcessRun : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();
        private TaskCompletionSource outputChanged = new(TaskCreationOptions.RunContinuationsAsynchronously);

        private ProcessRun(Process process) => this.process = process;

        public string Output
        {
            get
            {
                lock (output)
                {
                    return output.ToString();
                }
            }
        }

        public bool HasExited => process.HasExited;

        /// <summary>
        /// Waits (on the process's own output events, without polling) for a line matching the pattern;
        /// null when the process exits or the timeout passes first.
        /// </summary>
        public async Task<string?> WaitForLineAsync(Regex pattern, TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (true)
            {
                Task changed;
                lock (output)
                {
                    var match = pattern.Match(output.ToString());
                    if (match.Success)
                    {
                        return match.Value;
                    }

                    changed = outputChanged.Task;
                }

                if (process.HasExited)
                {
                    return null;
                }

                var exited = process.WaitForExitAsync(cancel.Token);
                try
                {
                    await Task.WhenAny(changed, exited).WaitAsync(cancel.Token);
                }
                catch (OperationCanceledException)
                {
                    return null;
                }
            }
        }

        public int ExitCode => process.ExitCode;

        public static ProcessRun Start(string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string> environment)
        {
            var info = new ProcessStartInfo(fileName)
            {
                WorkingDirectory = workingDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = true,
                UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                info.ArgumentList.Add(argument);
            }

            foreach (var (key, value) in environment)
            {
                info.Environment[key] = value;
            }

            var process = new Process { StartInfo = info };
            var run = new ProcessRun(process);
            process.OutputDataReceived += (_, e) => run.Append(e.Data);
            process.ErrorDataReceived += (_, e) => run.Append(e.Data);
            try
            {
                process.Start();
            }
            catch (Win32Exception e)
            {
                process.Dispose();
                throw new InvalidOperationException($"Cannot start `{fileName}` ({e.Message}); Node.js must be on PATH.", e);
            }

            process.StandardInput.Close();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            return run;
        }

        /// <summary>Waits for the process to exit and its output to be read; false on timeout.</summary>
        public async Task<bool> WaitForExitAsync(TimeSpan timeout)
        {
            using var cancel = new CancellationTokenSource(timeout);
            try
            {
                await process.WaitForExitAsync(cancel.Token);
                return true;
            }
            catch (OperationCanceledException)
            {
                return false;
            }
        }

        public void Dispose()
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(TimeSpan.FromSeconds(10));
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is null)
            {
                return;
            }

            TaskCompletionSource changed;
            lock (output)
            {
                output.AppendLine(line);
                changed = outputChanged;
                outputChanged = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            changed.TrySetResult();
        }
    }
}
