using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Tests.Infrastructure;

/// <summary>
/// A test of the Microsoft 365 mode over real HTTP: the fake Graph server with the lists provisioned, the fake Teams
/// channel, and a bot host the test starts with settings of its own (<see cref="StartHost"/>). When the test ends,
/// neither fake may have been asked for anything it does not know.
/// </summary>
public abstract class SharePointHostTest(LoopbackTls tls, string clientId, string secret) : IAsyncLifetime, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));

    /// <summary>The host's local database (the outbox, addresses and dialog state of the Microsoft 365 mode).</summary>
    protected string DatabasePath => Path.Combine(directory, "legalbot.db");

    protected FakeGraphServer Graph { get; private set; } = null!;

    protected FakeSite Site { get; private set; } = null!;

    protected FakeChannel Channel { get; private set; } = null!;

    protected BotHost Host { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        Site = await SharePointLists.ProvisionAsync(Graph, clientId, secret);
        Channel = await FakeChannel.StartAsync();
        Arrange();
    }

    /// <summary>The tenant and the chat before the host starts: users, groups, the catalog.</summary>
    protected abstract void Arrange();

    /// <summary>The settings of the Microsoft 365 mode on the fake Graph server, with <paramref name="extra"/> over them.</summary>
    protected Dictionary<string, string?> Settings(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var settings = Graph.BotSettings(clientId, secret, Site);
        settings["Store:Provider"] = "SharePoint";
        settings["Bot:AllowUnauthenticatedLocalMode"] = "true";
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>
    /// Starts the bot; outside Development by default (where configured roles would win over groups). With
    /// <paramref name="clock"/> the host runs on it (the fake Graph server keeps the real time: its tokens stay good).
    /// </summary>
    protected void StartHost(Dictionary<string, string?> settings, bool testRoster = true, string environment = "Staging", TimeProvider? clock = null)
    {
        Host = new BotHost(
            DatabasePath,
            settings,
            environment,
            testRoster: testRoster,
            configure: clock is null ? null : builder => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, services =>
            {
                Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<TimeProvider>(services);
                Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, clock);
            }));
        Http = Host.Start();
    }

    protected TeamsClient As(TeamsUser user) => new(Http, Channel, user);

    public async Task DisposeAsync()
    {
        Graph.ReleaseUserReads();
        if (Host is not null)
        {
            await Host.DisposeAsync();
        }

        Assert.Empty(Channel.Unexpected);
        await Channel.DisposeAsync();
        Assert.Empty(Graph.Unknown);
        await Graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose()
    {
        Host?.Dispose();
        GC.SuppressFinalize(this);
    }
}
