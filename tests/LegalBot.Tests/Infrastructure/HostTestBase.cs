namespace LegalBot.Tests.Infrastructure;

/// <summary>Per test: a fresh database file, a fake Teams channel, and the real host on a real port.</summary>
public abstract class HostTestBase : IAsyncLifetime
{
    private readonly List<BotHost> hosts = [];

    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));

    protected string DatabasePath => Path.Combine(Directory, "legalbot.db");

    protected FakeChannel Channel { get; private set; } = null!;

    protected HttpClient Http { get; private set; } = null!;

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>The host that started last (after a restart, the new one).</summary>
    protected BotHost Host => hosts[^1];

    /// <summary>Replaces services in every host this test starts, after the host's own registrations (a clock, a store decorator).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Channel.AddMember(TeamsUser.Requester);
        Channel.AddMember(TeamsUser.OtherRequester);
        Channel.AddMember(TeamsUser.LegalStaff);
        Channel.AddMember(TeamsUser.SecondLegalStaff);
        Channel.AddMember(TeamsUser.Alsp);
        Channel.AddMember(TeamsUser.SecondAlsp);
        Http = StartHost();
    }

    /// <summary>Starts a (new) host on the same database file, as after a restart.</summary>
    protected HttpClient StartHost(IDictionary<string, string?>? overrides = null, string environment = "Development")
    {
        var settings = new Dictionary<string, string?>(Settings ?? new Dictionary<string, string?>());
        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var host = new BotHost(
            DatabasePath,
            settings,
            environment,
            configure: builder => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, ConfigureServices));
        hosts.Add(host);
        return host.Start();
    }

    protected async Task StopHostsAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        hosts.Clear();
    }

    /// <summary>What the running host logged.</summary>
    protected LogSink Logs => hosts[^1].Logs;

    /// <summary>The running host's request store, to check what was really saved.</summary>
    protected LegalBot.Core.Stores.IRequestStore Store =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Core.Stores.IRequestStore>(hosts[^1].Services);

    /// <summary>
    /// Waits until the bot has recorded a card it posted in the user's chat (right after the channel answered the
    /// post), as it has long before a person could press one of its buttons.
    /// </summary>
    protected Task WaitTrackedAsync(TeamsUser user, string id, string activityId)
    {
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Core.Stores.IWorkflowStore>(hosts[^1].Services);
        var number = LegalBot.Core.Requests.RequestNumber.TryParse(id, out var n) ? n.Value : throw new ArgumentException("Not a request id: " + id, nameof(id));
        return Channel.WaitUntilAsync(
            () => store.CardsAsync(number).GetAwaiter().GetResult().Any(c => c.ConversationKey == user.AadObjectId && c.ActivityId == activityId),
            $"the card {activityId} recorded");
    }

    protected TeamsClient As(TeamsUser user, HttpClient? http = null) => new(http ?? Http, Channel, user);

    public async Task DisposeAsync()
    {
        await StopHostsAsync();
        Assert.Empty(Channel.Unexpected);
        await Channel.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing on a slow disk; the temp folder is cleaned by the OS.
        }
    }
}
