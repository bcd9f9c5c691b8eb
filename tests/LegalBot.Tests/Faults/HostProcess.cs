using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Faults;

/// <summary>
/// The real host as a child process (<c>dotnet LegalBot.dll</c>), configured like <see cref="BotHost"/> through
/// environment variables, on its own loopback port and database file. It can be killed hard (SIGKILL: no
/// graceful shutdown, nothing flushed) and a new one started on the same database, as after a crash.
/// </summary>
public sealed partial class HostProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private HostProcess(Process process) => this.process = process;

    /// <summary>The host's address, such as <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>A client for the host (real HTTP on loopback).</summary>
    public HttpClient Http { get; private set; } = null!;

    public int ProcessId => process.Id;

    public bool HasExited => process.HasExited;

    /// <summary>What the host wrote to its console (its log), line by line.</summary>
    public IReadOnlyList<string> Output => [.. output];

    /// <summary>Starts the host and waits until <c>/healthz</c> answers.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(HostAssembly)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(HostAssembly);
        start.ArgumentList.Add("--contentRoot");
        start.ArgumentList.Add(Path.Combine(Node.RepositoryRoot, "src", "LegalBot"));

        // Port 0: the host picks a free port and logs it, so two hosts never race for one.
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["DOTNET_NOLOGO"] = "1";
        start.Environment["Logging__Console__FormatterName"] = "simple";
        start.Environment["Logging__Console__FormatterOptions__SingleLine"] = "true";
        start.Environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value ?? "";
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var host = new HostProcess(process);
        process.OutputDataReceived += (_, e) => host.Read(e.Data);
        process.ErrorDataReceived += (_, e) => host.Read(e.Data);
        process.Exited += (_, _) => host.listening.TrySetException(new InvalidOperationException("The host exited before listening:\n" + string.Join('\n', host.output)));
        if (!process.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            host.Address = await host.listening.Task.WaitAsync(StartTimeout);
            host.Http = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromSeconds(60) };
            await host.WaitAsync("/healthz", healthy: true, StartTimeout);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills the process hard (SIGKILL on Linux): no shutdown hooks run, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync();
    }

    /// <summary>The status <paramref name="path"/> answers, or null when the host does not answer at all.</summary>
    public async Task<int?> StatusAsync(string path, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            using var response = await Http.GetAsync(path, cts.Token);
            return (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException)
        {
            return null;
        }
    }

    /// <summary>Polls <paramref name="path"/> (a short, bounded delay between tries) until it is 200, or until it is not.</summary>
    public async Task<TimeSpan> WaitAsync(string path, bool healthy, TimeSpan timeout)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The host exited ({process.ExitCode}):\n" + string.Join('\n', output));
            }

            if ((await StatusAsync(path, TimeSpan.FromSeconds(5)) == 200) == healthy)
            {
                return watch.Elapsed;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        throw new TimeoutException($"{path} did not become {(healthy ? "healthy" : "unhealthy")} within {timeout}.");
    }

    /// <summary>The host's own build: next to the test binaries (the test project references it), else its bin folder.</summary>
    private static string HostAssembly { get; } = FindHostAssembly();

    private static string FindHostAssembly()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "LegalBot.dll");
        if (File.Exists(beside) && File.Exists(Path.Combine(AppContext.BaseDirectory, "LegalBot.runtimeconfig.json")))
        {
            return beside;
        }

        // bin/<Configuration>/net10.0/ of the tests, mirrored under src/LegalBot.
        var framework = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = framework.Parent!.Name;
        var built = Path.Combine(Node.RepositoryRoot, "src", "LegalBot", "bin", configuration, framework.Name, "LegalBot.dll");
        return File.Exists(built)
            ? built
            : throw new FileNotFoundException("LegalBot.dll was found neither next to the tests nor in src/LegalBot/bin: build the tests first.", built);
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (Listening().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups[1].Value.TrimEnd('/') + "/"));
        }
    }

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex Listening();

    public async ValueTask DisposeAsync()
    {
        try
        {
            await KillAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started.
        }

        Http?.Dispose();
        process.Dispose();
    }
}
