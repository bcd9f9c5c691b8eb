using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.RegularExpressions;
using LegalBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LegalBot.Tests.EndToEnd;

/// <summary>
/// The whole path through a real Teams client emulator: the real host on a real port, the Microsoft 365
/// Agents Playground in front of it, and headless Chromium driving the Playground's UI
/// (<c>tests/js/e2e-playground.mjs</c>). Needs Chromium and the npm packages of <c>tests/js</c>,
/// which <c>bash .ci/run</c> installs.
/// </summary>
public sealed partial class PlaygroundEndToEndTests(ITestOutputHelper output)
{
    /// <summary>The legal staff member of <c>.m365agentsplayground.yml</c>.</summary>
    private const string PlaygroundLegalStaffId = "4c0a7f3e-1b2d-4e5f-8a9b-000000000002";

    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly TimeSpan PlaygroundStartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task Requester_FilesRequestByCard_AndChecksStatus_InAgentsPlayground()
    {
        var repoRoot = FindRepoRoot();
        var nodeModules = Path.Combine(repoRoot, "tests", "js", "node_modules");
        var playgroundCli = Path.Combine(nodeModules, "@microsoft", "m365agentsplayground", "cli.js");
        var script = Path.Combine(repoRoot, "tests", "js", "e2e-playground.mjs");
        var chromium = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } custom ? custom : ChromiumPath;
        if (!File.Exists(chromium))
        {
            Assert.Fail($"Chromium is not installed ({chromium} is missing). Run `bash .ci/run` once (it installs Chromium and the npm packages), then run the tests again.");
        }

        if (!File.Exists(playgroundCli) || !Directory.Exists(Path.Combine(nodeModules, "playwright-core")))
        {
            Assert.Fail($"The npm packages of tests/js are not installed ({Path.GetRelativePath(repoRoot, nodeModules)} lacks the Agents Playground or playwright-core). Run `bash .ci/run` once, then run the tests again.");
        }

        var work = Path.Combine(Path.GetTempPath(), "legalbot-e2e", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        var screenshots = Path.Combine(work, "screenshots");
        var playgroundLog = Path.Combine(work, "playground.log");
        var passed = false;

        var host = new BotHost(Path.Combine(work, "legalbot.db"), new Dictionary<string, string?> { ["Roles:LegalStaff:0"] = PlaygroundLegalStaffId });
        ProcessRun? playground = null;
        try
        {
            using var http = host.Start();
            var botPort = BotPort(host, http);
            output.WriteLine($"bot listening on port {botPort} (server addresses: {string.Join(", ", ServerAddresses(host))}; client base address: {http.BaseAddress})");

            playground = ProcessRun.Start(
                "node",
                [playgroundCli, "-e", $"http://127.0.0.1:{botPort}/api/messages", "-c", "msteams", "--disable-telemetry", "-p", FreeTcpPort().ToString(CultureInfo.InvariantCulture)],
                repoRoot,
                new Dictionary<string, string>
                {
                    ["TEAMSAPPTESTER_BROWSER"] = "none",
                    ["M365_AGENTS_PLAYGROUND_LOGFILE"] = playgroundLog,
                });
            var uiPort = await WaitForPlaygroundAsync(playground, playgroundLog);
            output.WriteLine($"playground UI on port {uiPort}");

            using var e2e = ProcessRun.Start(
                "node",
                [script, "--ui", $"http://127.0.0.1:{uiPort}", "--screenshots", screenshots],
                repoRoot,
                new Dictionary<string, string>());
            var exited = await e2e.WaitForExitAsync(ScriptTimeout);
            var scriptOutput = e2e.Output;
            output.WriteLine(scriptOutput);

            var diagnostics = $"""
                e2e-playground.mjs output:
                {scriptOutput}
                --- Agents Playground (stdout/stderr, log tail) ---
                {playground.Output}
                {await LogTailAsync(playgroundLog)}
                --- screenshots: {screenshots}
                """;
            if (!exited)
            {
                Assert.Fail($"e2e-playground.mjs did not finish within {ScriptTimeout.TotalMinutes} minutes.\n{diagnostics}");
            }

            if (e2e.ExitCode != 0)
            {
                Assert.Fail($"e2e-playground.mjs exited with {e2e.ExitCode}.\n{diagnostics}");
            }

            if (!scriptOutput.Contains("E2E OK LR-", StringComparison.Ordinal))
            {
                Assert.Fail($"e2e-playground.mjs did not print E2E OK.\n{diagnostics}");
            }

            passed = true;
        }
        finally
        {
            playground?.Dispose();
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
    private static async Task<int> WaitForPlaygroundAsync(ProcessRun playground, string logFile)
    {
        var clock = Stopwatch.StartNew();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        int? port = null;
        while (clock.Elapsed < PlaygroundStartTimeout)
        {
            if (playground.HasExited)
            {
                Assert.Fail($"The Agents Playground exited with {playground.ExitCode} while starting.\n{playground.Output}\n{await LogTailAsync(logFile)}");
            }

            if (port is null && ListeningOn().Match(playground.Output) is { Success: true } match)
            {
                port = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            }

            if (port is not null)
            {
                try
                {
                    using var response = await client.GetAsync(new Uri($"http://127.0.0.1:{port}/"));
                    if (response.IsSuccessStatusCode)
                    {
                        return port.Value;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not answering yet.
                }
                catch (TaskCanceledException)
                {
                    // Not answering yet.
                }
            }

            await Task.Delay(200);
        }

        Assert.Fail($"The Agents Playground did not serve its UI within {PlaygroundStartTimeout.TotalSeconds} s.\n{playground.Output}\n{await LogTailAsync(logFile)}");
        return 0;
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task<string> LogTailAsync(string file, int lines = 60)
    {
        if (!File.Exists(file))
        {
            return $"(no playground log at {file})";
        }

        try
        {
            var all = await File.ReadAllLinesAsync(file);
            return $"playground log ({file}), last {Math.Min(lines, all.Length)} lines:\n" + string.Join('\n', all.TakeLast(lines));
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

    /// <summary>A child process whose output is collected as it comes; disposing kills its whole tree.</summary>
    private sealed class ProcessRun : IDisposable
    {
        private readonly Process process;
        private readonly StringBuilder output = new();

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

            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
