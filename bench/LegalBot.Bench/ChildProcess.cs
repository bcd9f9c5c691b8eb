using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace LegalBot.Bench;

/// <summary>
/// A bot under test in its own process (so its memory is measured apart from the load generator), on a
/// loopback port, with its output in a log file.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process process;

    private ChildProcess(Process process, int port, string logPath)
    {
        this.process = process;
        Port = port;
        LogPath = logPath;
    }

    public int Port { get; }

    public string LogPath { get; }

    public Uri BaseAddress => new("http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture) + "/");

    /// <summary>The LegalBot host, built in the bench's configuration, as <c>dotnet LegalBot.dll</c>.</summary>
    public static string HostDll
    {
        get
        {
            var metadata = typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value);
            var dll = Path.Combine(RepositoryRoot, "src", "LegalBot", "bin", metadata["HostConfiguration"]!, metadata["HostTargetFramework"]!, "LegalBot.dll");
            return File.Exists(dll) ? dll : throw new BenchException("The host is not built: " + dll + " is missing. Run the bench with `dotnet run -c Release --project bench/LegalBot.Bench`.");
        }
    }

    public static bool IsReleaseBuild =>
        typeof(ChildProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Any(a => a.Key == "HostConfiguration" && a.Value == "Release");

    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Starts <c>dotnet</c> with the arguments; the child's working folder is the first argument's.</summary>
    public static async Task<ChildProcess> StartAsync(string name, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string logFolder)
    {
        var port = FreePort();
        var logPath = Path.Combine(logFolder, name + ".log");

        // exec: the shell becomes dotnet, so this pid is the bot's; its output goes straight to the file.
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = Path.GetDirectoryName(arguments[0])!,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec dotnet \"$@\" > \"$0\" 2>&1");
        start.ArgumentList.Add(logPath);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture);
        var process = Process.Start(start) ?? throw new BenchException("Could not start " + name + ".");
        var child = new ChildProcess(process, port, logPath);
        await child.WaitUntilReadyAsync(name);
        return child;
    }

    /// <summary>The most memory the process has had resident (VmHWM), in bytes.</summary>
    public long PeakWorkingSet()
    {
        var path = "/proc/" + process.Id.ToString(CultureInfo.InvariantCulture) + "/status";
        if (File.Exists(path))
        {
            foreach (var line in File.ReadLines(path))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
                }
            }
        }

        process.Refresh();
        return process.PeakWorkingSet64;
    }

    /// <summary>CPU time the process has used so far (user and system), from /proc; zero where there is none.</summary>
    public TimeSpan CpuTime()
    {
        var path = "/proc/" + process.Id.ToString(CultureInfo.InvariantCulture) + "/stat";
        if (!File.Exists(path))
        {
            return TimeSpan.Zero;
        }

        // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in clock ticks.
        var stat = File.ReadAllText(path);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    private async Task WaitUntilReadyAsync(string name)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited)
            {
                throw new BenchException($"{name} exited with code {process.ExitCode} at start; see {LogPath}:\n{Tail()}");
            }

            try
            {
                using var response = await http.GetAsync("healthz");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            await Task.Delay(100);
        }

        throw new BenchException($"{name} did not answer /healthz within 60 s; see {LogPath}.");
    }

    private string Tail() => File.Exists(LogPath) ? string.Join('\n', File.ReadLines(LogPath).TakeLast(20)) : "";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LegalBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new BenchException("LegalBot.sln not found above the bench's binaries; run the bench from the repository.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }
}
