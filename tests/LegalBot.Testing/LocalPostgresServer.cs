using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LegalBot.Testing;

/// <summary>
/// A PostgreSQL server of its own, started from the installed binaries (initdb in a temporary folder, loopback on a
/// free port; as root it runs as the postgres user the package creates, since initdb refuses root). A test that
/// restarts the server starts one of these for itself (<see cref="StartDedicatedAsync"/>), so the restart cannot
/// break other tests' databases; <see cref="PostgresTestServer"/> starts one for the whole run.
/// </summary>
public sealed class LocalPostgresServer : IAsyncDisposable
{
    public const string InstallHint =
        "no initdb/pg_ctl was found. Install PostgreSQL (Debian/Ubuntu: apt-get install postgresql); .ci/run does the install itself.";

    private readonly string bin;
    private readonly string folder;
    private readonly bool asRoot;
    private int stopped;

    private LocalPostgresServer(string bin, string folder, int port, bool asRoot)
    {
        this.bin = bin;
        this.folder = folder;
        this.asRoot = asRoot;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(folder, "data");

    /// <summary>A connection string to the server's <c>postgres</c> database as the superuser (no pooling).</summary>
    public string AdminConnectionString => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = "postgres",
        Database = "postgres",
        Pooling = false,
    }.ConnectionString;

    /// <summary>
    /// Starts a server for one test. Always from the local binaries, also when <see cref="PostgresTestServer.Variable"/>
    /// names a server: a test that restarts its server must own it, and a shared server is not ours to restart. Fails
    /// with how to install PostgreSQL when the binaries are missing; never skips.
    /// </summary>
    /// <param name="durable">
    /// Whether the server syncs its writes to disk as a production server does; tests leave it off (faster, and nothing
    /// they check depends on surviving a power cut), the benchmark turns it on so its figures pay what production pays.
    /// </param>
    public static Task<LocalPostgresServer> StartDedicatedAsync(bool durable = false) =>
        StartAsync(FindBinaries() ?? throw new InvalidOperationException("This starts a PostgreSQL server of its own, and " + InstallHint), durable);

    internal static async Task<LocalPostgresServer> StartAsync(string bin, bool durable = false)
    {
        RemoveStoppedServers();
        var folder = Path.Combine(Path.GetTempPath(), "legalbot-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var server = new LocalPostgresServer(bin, folder, FreePort(), Environment.UserName == "root");
        if (server.asRoot)
        {
            await RunAsync("chown", ["postgres", folder]);
        }

        await server.PgAsync("initdb", ["-D", server.Data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"]);
        var sync = durable ? string.Empty : " -c fsync=off";
        await server.PgAsync(
            "pg_ctl",
            ["-D", server.Data, "-l", Path.Combine(folder, "server.log"), "-w", "-o", $"-p {server.Port} -k {folder} -c listen_addresses=127.0.0.1{sync} -c max_connections=300", "start"]);
        return server;
    }

    /// <summary>A new, empty database of its own on this server; returns a connection string to it.</summary>
    public Task<string> CreateDatabaseAsync() => CreateDatabaseAsync(AdminConnectionString);

    /// <summary>A new, empty database on the server of <paramref name="admin"/> (a role that may create databases).</summary>
    internal static async Task<string> CreateDatabaseAsync(string admin)
    {
        var name = "legalbot_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>
    /// Restarts the server as an operator would (<c>pg_ctl restart -m fast -w</c>): every connection is ended, new
    /// ones are refused until it is back, and it is back (accepting connections) when this returns.
    /// </summary>
    public Task RestartAsync() =>
        PgAsync("pg_ctl", ["-D", Data, "-l", Path.Combine(folder, "server.log"), "-m", "fast", "-w", "restart"]);

    /// <summary>
    /// The CPU time (user and system) the server has used so far: its postmaster, the processes running now under it
    /// (connections' backends, background workers) and those that ended (counted into the postmaster's children's
    /// time when it reaped them). Read from /proc; zero where there is none.
    /// </summary>
    public TimeSpan CpuTime()
    {
        var pidFile = Path.Combine(Data, "postmaster.pid");
        if (!File.Exists(pidFile) || !int.TryParse(File.ReadLines(pidFile).First(), System.Globalization.CultureInfo.InvariantCulture, out var postmaster))
        {
            return TimeSpan.Zero;
        }

        long ticks = 0;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Where(d => char.IsAsciiDigit(Path.GetFileName(d)[0])).Select(d => Path.Combine(d, "stat")))
        {
            string text;
            try
            {
                text = File.ReadAllText(stat);
            }
            catch (IOException)
            {
                continue;
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            // Fields after the command name (which may hold spaces): ppid is the 2nd, utime, stime, cutime, cstime the 12th to 15th.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var pid = int.Parse(text[..text.IndexOf(' ', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture);
            var parent = int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture);
            if (pid == postmaster || parent == postmaster)
            {
                ticks += fields[11..15].Sum(f => long.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Stops the server at once (<c>-m immediate</c>); for the end of a run.</summary>
    internal void StopNow()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "stop"]).GetAwaiter().GetResult();
            DeleteFolder();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            NpgsqlConnection.ClearAllPools();
            await PgAsync("pg_ctl", ["-D", Data, "-m", "immediate", "-w", "stop"]);
            DeleteFolder();
        }
    }

    private void DeleteFolder()
    {
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing; RemoveStoppedServers takes the folder on a later run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    internal static string? FindBinaries()
    {
        var root = "/usr/lib/postgresql";
        var versions = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(b => File.Exists(Path.Combine(b, "initdb"))).Order().ToList()
            : [];
        if (versions.Count > 0)
        {
            return versions[^1];
        }

        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator);
        return path.FirstOrDefault(p => File.Exists(Path.Combine(p, "initdb")) && File.Exists(Path.Combine(p, "pg_ctl")));
    }

    /// <summary>
    /// Removes the folders of earlier runs' servers that are no longer running (a run that was cut short, or whose
    /// exit handler ran out of time, leaves its folder behind).
    /// </summary>
    private static void RemoveStoppedServers()
    {
        foreach (var stale in Directory.GetDirectories(Path.GetTempPath(), "legalbot-pg-*"))
        {
            if (!File.Exists(Path.Combine(stale, "data", "postmaster.pid")))
            {
                try
                {
                    Directory.Delete(stale, recursive: true);
                }
                catch (IOException)
                {
                    // Another run may be removing it at the same time.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private Task PgAsync(string tool, IReadOnlyList<string> arguments) => RunAsync(Path.Combine(bin, tool), arguments, asRoot);

    private static async Task RunAsync(string file, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in (string[])["-u", "postgres", "--", file])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The PostgreSQL test server: {Path.GetFileName(file)} {string.Join(' ', arguments)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
