using System.Diagnostics;
using System.Globalization;
using LegalBot.Store.Postgres;
using LegalBot.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace LegalBot.Bench;

/// <summary>
/// The shared store under load: a PostgreSQL server of the bench's own, started from the installed binaries with its
/// writes synced to disk as in production, and one seed database filed through the real PostgreSQL request store. Each
/// run gets its own copy of the seed (<c>CREATE DATABASE … TEMPLATE</c>, as the SQLite runs copy the seed file), and
/// its hosts run with <c>Store:Provider=Postgres</c> on it: one instance, or several sharing it.
/// </summary>
internal sealed class PostgresMode : IAsyncDisposable
{
    private const string SeedDatabase = "legalbot_bench_seed";

    private readonly LocalPostgresServer server;
    private int runs;

    private PostgresMode(LocalPostgresServer server, SeedIndex index, int seeded, string version)
    {
        this.server = server;
        Index = index;
        Seeded = seeded;
        Version = version;
    }

    public SeedIndex Index { get; }

    public int Seeded { get; }

    /// <summary>The server's version, for the report.</summary>
    public string Version { get; }

    /// <summary>CPU time the server has used so far (every backend included).</summary>
    public TimeSpan CpuTime() => server.CpuTime();

    public static async Task<PostgresMode> StartAsync(int count, int users)
    {
        var server = await LocalPostgresServer.StartDedicatedAsync(durable: true);
        try
        {
            await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE {SeedDatabase}");
            var seed = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = SeedDatabase, Pooling = true }.ConnectionString;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PostgreSQL: filing {count:N0} requests through the PostgreSQL request store..."));
            var clock = Stopwatch.StartNew();
            IReadOnlyList<SeededRequest> seeded;
            await using (var database = new PostgresDatabase(Options.Create(new PostgresStoreOptions { ConnectionString = seed }), NullLogger<PostgresDatabase>.Instance))
            {
                seeded = await Seeder.FillAsync(new PostgresRequestStore(database, NullLogger<PostgresRequestStore>.Instance), count, 4);
            }

            // A template may have no connections while it is copied.
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(seed, "VACUUM ANALYZE");
            NpgsqlConnection.ClearAllPools();
            var version = (string)(await ScalarAsync(server.AdminConnectionString, "SHOW server_version"))!;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count:N0} requests in PostgreSQL {version} in {clock.Elapsed.TotalSeconds:F1} s."));
            return new PostgresMode(server, SeedIndex.From(seeded, users), count, version);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new database copied from the seed for one run; its connection string for the hosts.</summary>
    public async Task<string> CopySeedAsync()
    {
        var name = "legalbot_bench_run_" + Interlocked.Increment(ref runs).ToString(CultureInfo.InvariantCulture);
        await ExecuteAsync(server.AdminConnectionString, $"DROP DATABASE IF EXISTS {name}");
        await ExecuteAsync(server.AdminConnectionString, $"CREATE DATABASE {name} TEMPLATE {SeedDatabase}");
        return new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The database's size on disk after a run.</summary>
    public static async Task<long> SizeAsync(string connectionString) =>
        (long)(await ScalarAsync(connectionString, "SELECT pg_database_size(current_database())"))!;

    /// <summary>
    /// A host's settings on <paramref name="connectionString"/>, as environment variables: each of
    /// <paramref name="instances"/> instances gets its share of 90 connections (the server allows 300).
    /// </summary>
    public static Dictionary<string, string> HostEnvironment(string connectionString, int instances) => new()
    {
        ["Store__Provider"] = "Postgres",
        ["Store__Postgres__ConnectionString"] = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = true, MaxPoolSize = 90 / instances }.ConnectionString,
    };

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }
}

/// <summary>Sends each request to the next instance in turn, as a load balancer without affinity would.</summary>
internal sealed class RoundRobinHandler(IReadOnlyList<Uri> instances, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    private int next = -1;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = instances[(int)((uint)Interlocked.Increment(ref next) % (uint)instances.Count)];
        request.RequestUri = new Uri(target, request.RequestUri!.PathAndQuery);
        return base.SendAsync(request, cancellationToken);
    }
}
