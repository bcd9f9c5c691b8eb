using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace LegalBot.Testing;

/// <summary>
/// The PostgreSQL server the Postgres tests use: the one named by <c>LEGALBOT_TEST_POSTGRES</c> (a connection
/// string to a role that may create databases), or else one throwaway server this test run starts from the
/// installed PostgreSQL binaries (initdb in a temporary folder, loopback on a free port) and stops when the run
/// ends. When neither is possible the Postgres tests fail with how to install PostgreSQL; they are never skipped.
/// </summary>
public static class PostgresTestServer
{
    public const string Variable = "LEGALBOT_TEST_POSTGRES";

    private static readonly Lazy<Task<string>> Server = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>A connection string to a new, empty database of its own.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var admin = await Server.Value;
        var name = "legalbot_test_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    /// <summary>Drops a database <see cref="CreateDatabaseAsync"/> made, closing whatever is still connected.</summary>
    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartAsync()
    {
        var configured = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server and none could be started: no initdb/pg_ctl was found. "
            + "Install it (Debian/Ubuntu: apt-get install postgresql) or set " + Variable
            + " to a connection string of a role that may create databases. .ci/run does the install itself.");

        RemoveStoppedServers();
        var folder = Path.Combine(Path.GetTempPath(), "legalbot-pg-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            // initdb refuses to run as root: the server runs as the postgres user the package creates.
            await RunAsync("chown", ["postgres", folder]);
        }

        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8"], asRoot);
        await RunAsync(
            Path.Combine(bin, "pg_ctl"),
            ["-D", data, "-l", Path.Combine(folder, "server.log"), "-w", "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300", "start"],
            asRoot);

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-m", "immediate", "stop"], asRoot).GetAwaiter().GetResult();
                Directory.Delete(folder, recursive: true);
            }
            catch (InvalidOperationException)
            {
                // The run is ending either way; a leftover temporary folder is all that remains.
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        };

        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = "postgres",
            Pooling = false,
        }.ConnectionString;
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

    private static string? FindBinaries()
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

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

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
                $"Starting the PostgreSQL test server failed: {Path.GetFileName(file)} exited with {process.ExitCode}: {await error}{await output}");
        }
    }
}
