using System.Diagnostics;
using System.Globalization;
using LegalBot.Store.Graph;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Bench;

/// <summary>
/// The Microsoft 365 mode under load: the fake Graph server (Graph's wire format and SharePoint's rules, see
/// tests/LegalBot.Testing.Graph) on loopback TLS with a site, both lists provisioned and requests filed through the
/// Graph request store; the host then runs with <c>Store:Provider=SharePoint</c> against it, with a latency added to
/// every Graph answer.
/// </summary>
/// <remarks>
/// The host is another process and reaches the fake with its own Graph client, so the fake's certificate is trusted
/// the way the host tests trust it: <see cref="LoopbackTls"/> puts it in this user's .NET root store (which .NET on
/// Linux trusts in every process of the user) for as long as the run lasts.
/// </remarks>
internal sealed class SharePointMode : IAsyncDisposable
{
    private const string ClientId = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";
    private const string Secret = "bench-graph-secret";

    private readonly LoopbackTls tls;
    private readonly FakeGraphServer graph;
    private readonly FakeSite site;

    private SharePointMode(LoopbackTls tls, FakeGraphServer graph, FakeSite site, SeedIndex index, int seeded)
    {
        this.tls = tls;
        this.graph = graph;
        this.site = site;
        Index = index;
        Seeded = seeded;
    }

    public SeedIndex Index { get; }

    public int Seeded { get; }

    /// <summary>
    /// Starts the fake Graph server, provisions the lists and files <paramref name="count"/> requests through the
    /// Graph request store without latency (as the SQLite seed, a third left submitted), then turns the latency on.
    /// </summary>
    public static async Task<SharePointMode> StartAsync(int count, int users, TimeSpan latency)
    {
        var tls = new LoopbackTls();
        FakeGraphServer? graph = null;
        try
        {
            graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
            graph.RegisterClient(ClientId, Secret);
            var site = graph.AddSite();

            var options = OptionsOf(graph, site);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"SharePoint mode: provisioning the lists and filing {count:N0} requests through Microsoft Graph (fake server, no latency while seeding)..."));
            var clock = Stopwatch.StartNew();
            IReadOnlyList<SeededRequest> seeded;
            using (var client = GraphClients.Create(options))
            {
                var wrapped = Microsoft.Extensions.Options.Options.Create(options);
                await new ListProvisioner(client, wrapped, NullLogger<ListProvisioner>.Instance).EnsureListsAsync();
                seeded = await Seeder.FillAsync(new GraphRequestStore(client, wrapped, NullLogger<GraphRequestStore>.Instance), count, 4);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Seeded {count:N0} requests in SharePoint in {clock.Elapsed.TotalSeconds:F1} s ({graph.GraphRoundTrips.Count:N0} Graph round trips)."));
            graph.ClearRequests();
            graph.Latency = latency;
            return new SharePointMode(tls, graph, site, SeedIndex.From(seeded, users), count);
        }
        catch
        {
            if (graph is not null)
            {
                await graph.DisposeAsync();
            }

            tls.Dispose();
            throw;
        }
    }

    /// <summary>A request store of this process on the seeded lists, and the Graph client it needs disposed after it.</summary>
    public (GraphRequestStore Store, IDisposable Client) CreateStore()
    {
        var options = OptionsOf(graph, site);
        var client = GraphClients.Create(options);
        return (new GraphRequestStore(client, Microsoft.Extensions.Options.Options.Create(options), NullLogger<GraphRequestStore>.Instance), client);
    }

    /// <summary>The settings the host gets for this server, bound as the host binds them.</summary>
    private static GraphStoreOptions OptionsOf(FakeGraphServer graph, FakeSite site) =>
        new ConfigurationBuilder().AddInMemoryCollection(graph.BotSettings(ClientId, Secret, site)).Build()
            .GetSection(GraphStoreOptions.Section).Get<GraphStoreOptions>() ?? throw new BenchException("The fake Graph server gave no Store:Graph settings.");

    /// <summary>The Graph round trips since the last call, and forgets them.</summary>
    public int TakeRoundTrips()
    {
        var count = graph.GraphRoundTrips.Count;
        graph.ClearRequests();
        return count;
    }

    /// <summary>The host's settings for this server, as environment variables (the outbox and state stay in SQLite).</summary>
    public Dictionary<string, string> HostEnvironment()
    {
        var environment = new Dictionary<string, string> { ["Store__Provider"] = "SharePoint" };
        foreach (var (key, value) in graph.BotSettings(ClientId, Secret, site))
        {
            environment[key.Replace(":", "__", StringComparison.Ordinal)] = value!;
        }

        return environment;
    }

    /// <summary>What the fake saw since the last call: round trips, and anything the store should never send.</summary>
    public string TakeSummary()
    {
        var roundTrips = graph.GraphRoundTrips;
        var text = string.Create(
            CultureInfo.InvariantCulture,
            $"{roundTrips.Count:N0} Graph round trips ({roundTrips.Count(r => r.Path.EndsWith("$batch", StringComparison.Ordinal)):N0} $batch; by status {string.Join(", ", roundTrips.GroupBy(r => r.Status).OrderBy(g => g.Key).Select(g => $"{g.Key}: {g.Count():N0}"))}), {graph.Unknown.Count} unknown to the fake, {graph.NonIndexedQueries.Count} on non-indexed columns");
        graph.ClearRequests();
        return text;
    }

    public async ValueTask DisposeAsync()
    {
        await graph.DisposeAsync();
        tls.Dispose();
    }
}
