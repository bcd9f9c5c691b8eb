using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;
using LegalBot.Store.Graph;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Faults;

/// <summary>A request as the request store holds it, read from outside the host: its history as the list of its actions.</summary>
public sealed record RequestRow(long Number, string Title, string State, long Version, string? AssignedTo, IReadOnlyList<string> History);

/// <summary>
/// Where the host of a fault test keeps its requests (the outbox and dialog state are always in the test's SQLite
/// file): the settings that put them there, and a reader that sees what was really saved, from outside the host.
/// </summary>
public abstract class RequestBackend
{
    /// <summary>Starts what the backend needs before the first host starts.</summary>
    public virtual Task StartAsync() => Task.CompletedTask;

    /// <summary>The host settings (configuration keys, or environment variables) that put requests in this backend.</summary>
    public virtual IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>();

    /// <summary>Every request, by number, with its history in the order it was written.</summary>
    public abstract Task<IReadOnlyList<RequestRow>> RequestsAsync(string databasePath);

    /// <summary>How many history lines there are in all, whichever request they name.</summary>
    public abstract Task<int> HistoryLinesAsync(string databasePath);

    /// <summary>Stops what <see cref="StartAsync"/> started, once the last host is gone, failing the test on what it saw wrong.</summary>
    public virtual Task StopAsync() => Task.CompletedTask;
}

/// <summary>Requests in the host's SQLite file, next to the outbox (the default).</summary>
public sealed class SqliteRequests : RequestBackend
{
    public override async Task<IReadOnlyList<RequestRow>> RequestsAsync(string databasePath)
    {
        await using var connection = await TestDatabase.OpenAsync(databasePath);
        return await ReadAsync(connection);
    }

    /// <summary>Every request with its history, from a database with the SQL stores' tables (SQLite or PostgreSQL).</summary>
    public static async Task<IReadOnlyList<RequestRow>> ReadAsync(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var history = new List<(long Number, string Action)>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT number, action FROM request_history ORDER BY id;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                history.Add((reader.GetInt64(0), reader.GetString(1)));
            }
        }

        var rows = new List<RequestRow>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT number, title, state, version, assigned_to_aad_id FROM requests ORDER BY number;";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var number = reader.GetInt64(0);
                rows.Add(new RequestRow(
                    number,
                    reader.GetString(1),
                    reader.GetString(2),
                    Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
                    reader.IsDBNull(4) ? null : reader.GetString(4),
                    [.. history.Where(h => h.Number == number).Select(h => h.Action)]));
            }
        }

        return rows;
    }

    public override async Task<int> HistoryLinesAsync(string databasePath)
    {
        await using var connection = await TestDatabase.OpenAsync(databasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM request_history;";
        return Convert.ToInt32(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// <c>Store:Provider=SharePoint</c>: requests in the two SharePoint lists of a fake Graph server in the test process,
/// freshly provisioned. The server's loopback TLS certificate is trusted by the test's own Graph client (pinned) and
/// by the host, a child process, alone (<c>SSL_CERT_FILE</c> names it as the host's trusted roots); the user's
/// certificate store, which test runs in other processes change at the same time, is left alone. The list view
/// threshold is one item, so a query on a non-indexed column fails as on a large list; at the end the test fails if
/// the host sent such a query or anything the fake does not know.
/// </summary>
public sealed class SharePointRequests : RequestBackend, IDisposable
{
    private const string ClientId = "7c8d9e0f-1a2b-4c3d-8e4f-5a6b7c8d9e0f";
    private const string Secret = "fault-tests-secret";

    private readonly LoopbackCertificate tls = new();
    private readonly string trustedRoots = Path.Combine(Path.GetTempPath(), "legalbot-tests", $"graph-{Guid.NewGuid():N}.pem");
    private FakeGraphServer graph = null!;
    private FakeSite site = null!;
    private Dictionary<string, string?> settings = [];

    public FakeGraphServer Graph => graph;

    public override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async Task StartAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(trustedRoots)!);
        await File.WriteAllTextAsync(trustedRoots, tls.ServerCertificate.ExportCertificatePem());
        graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        site = await SharePointLists.ProvisionAsync(graph, ClientId, Secret, tls.CreatePinnedHandler());
        settings = graph.BotSettings(ClientId, Secret, site);
        settings["Store:Provider"] = "SharePoint";
        settings["SSL_CERT_FILE"] = trustedRoots;
    }

    public override Task<IReadOnlyList<RequestRow>> RequestsAsync(string databasePath)
    {
        var lines = List(new GraphStoreOptions().HistoryList).Snapshot();
        IReadOnlyList<RequestRow> rows =
        [
            .. List(new GraphStoreOptions().RequestsList).Snapshot().Select(item =>
            {
                // The store numbers a request by its item id: LR-1001 is item 1.
                var number = long.Parse(Text(item, "id")!, CultureInfo.InvariantCulture) + 1000;
                var id = "LR-" + number.ToString(CultureInfo.InvariantCulture);
                return new RequestRow(
                    number,
                    Text(item, ListSchema.Requests.Title) ?? "",
                    Text(item, ListSchema.Requests.State) ?? "",
                    (long)(item[ListSchema.Requests.RequestVersion]?.GetValue<double>() ?? 0),
                    Text(item, ListSchema.Requests.AssigneeId),
                    [.. lines.Where(l => Text(l, ListSchema.History.RequestNumber) == id).Select(l => Text(l, ListSchema.History.Action) ?? "")]);
            }),
        ];
        return Task.FromResult(rows);
    }

    public override Task<int> HistoryLinesAsync(string databasePath) => Task.FromResult(List(new GraphStoreOptions().HistoryList).Snapshot().Count);

    private FakeList List(string name) => site.FindList(name) ?? throw new InvalidOperationException($"The list '{name}' was not provisioned.");

    private static string? Text(JsonObject item, string name) => item[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public override async Task StopAsync()
    {
        Dispose();
        if (graph is not null)
        {
            await graph.DisposeAsync();
            Assert.Empty(graph.NonIndexedQueries);
            Assert.Empty(graph.Unknown);
        }
    }

    public void Dispose()
    {
        File.Delete(trustedRoots);
        tls.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>The SharePoint-mode fault tests run one class after another: each runs hosts as child processes.</summary>
[CollectionDefinition(Name)]
public sealed class SharePointFaultTests
{
    public const string Name = "SharePoint fault tests";
}
