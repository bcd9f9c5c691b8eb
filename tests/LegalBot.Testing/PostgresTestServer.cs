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
    public static async Task<string> CreateDatabaseAsync() => await LocalPostgresServer.CreateDatabaseAsync(await Server.Value);

    /// <summary>The first column of the first row <paramref name="sql"/> returns on <paramref name="connectionString"/>'s database ($1, $2… are <paramref name="values"/>).</summary>
    public static async Task<object?> ScalarAsync(string connectionString, string sql, params object[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return await command.ExecuteScalarAsync();
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

        var bin = LocalPostgresServer.FindBinaries() ?? throw new InvalidOperationException(
            "The PostgreSQL tests need a PostgreSQL server and none could be started: " + LocalPostgresServer.InstallHint
            + " Or set " + Variable + " to a connection string of a role that may create databases.");
        var server = await LocalPostgresServer.StartAsync(bin);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                server.StopNow();
            }
            catch (InvalidOperationException)
            {
                // The run is ending either way; a leftover temporary folder is all that remains.
            }
        };

        return server.AdminConnectionString;
    }
}
