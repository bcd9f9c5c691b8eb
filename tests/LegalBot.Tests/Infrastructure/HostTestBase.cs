using LegalBot.Testing;

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

    /// <summary>Replaces services in every host this test starts, after the host's own registrations (a store decorator).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>
    /// Whether every host of this test keeps everything in PostgreSQL (<c>Store:Provider=Postgres</c>, a database of the
    /// test's own on the test server) instead of the SQLite file at <see cref="DatabasePath"/>.
    /// </summary>
    protected virtual bool OnPostgres => false;

    private string? postgresDatabase;

    /// <summary>The test's PostgreSQL database (created on first use) when <see cref="OnPostgres"/>.</summary>
    protected string PostgresDatabase => postgresDatabase ??=
        new Npgsql.NpgsqlConnectionStringBuilder(PostgresTestServer.CreateDatabaseAsync().GetAwaiter().GetResult()) { Pooling = true }.ConnectionString;

    /// <summary>The clock every host this test starts runs on (a FakeTimeProvider); null keeps the system's.</summary>
    protected virtual TimeProvider? HostClock => null;

    private void ConfigureAll(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
        if (HostClock is { } clock)
        {
            Microsoft.Extensions.DependencyInjection.Extensions.ServiceCollectionDescriptorExtensions.RemoveAll<TimeProvider>(services);
            Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, clock);
        }

        ConfigureServices(services);
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
        if (OnPostgres)
        {
            settings["Store:Provider"] = "Postgres";
            settings["Store:Postgres:ConnectionString"] = PostgresDatabase;
        }

        foreach (var (k, v) in overrides ?? new Dictionary<string, string?>())
        {
            settings[k] = v;
        }

        var host = new BotHost(
            DatabasePath,
            settings,
            environment,
            configure: builder => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(builder, ConfigureAll));
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
        var store = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Core.Stores.INotificationStore>(hosts[^1].Services);
        var number = LegalBot.Core.Requests.RequestNumber.TryParse(id, out var n) ? n.Value : throw new ArgumentException("Not a request id: " + id, nameof(id));
        return Channel.WaitUntilAsync(
            () => store.CardsAsync(number).GetAwaiter().GetResult().Any(c => c.ConversationKey == user.AadObjectId && c.ActivityId == activityId),
            $"the card {activityId} recorded");
    }

    /// <summary>
    /// Legal staff have talked to the bot; the requester files an NDA; returns its id and the message carrying its
    /// triage card in the staff member's chat, once the bot has recorded it.
    /// </summary>
    protected async Task<(string Id, string TriageActivity)> FileForTriageAsync()
    {
        await As(TeamsUser.LegalStaff).SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        var triage = Scenarios.CardActivityId(Channel, TeamsUser.LegalStaff, id);
        await WaitTrackedAsync(TeamsUser.LegalStaff, id, triage);
        return (id, triage);
    }

    /// <summary>Waits until every notification owed so far has been handled (delivered or given up on).</summary>
    protected Task WaitOutboxHandledAsync() =>
        Channel.WaitUntilAsync(
            () => OnPostgres
                ? Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Core.Stores.INotificationStore>(hosts[^1].Services)
                    .DepthAsync().GetAwaiter().GetResult().Pending == 0
                : TestDatabase.OutboxAsync(DatabasePath).GetAwaiter().GetResult().All(r => r.Status != "pending"),
            "every notification handled");

    /// <summary>
    /// Fails if any message the bot posted was then updated with what it already showed (each update costs one of
    /// the chat's few messages per second): per message, its posted card and each update in turn must differ.
    /// </summary>
    protected void AssertNoRepeatedUpdates()
    {
        foreach (var conversation in Channel.Conversations)
        {
            foreach (var posted in Channel.Posted(conversation))
            {
                var id = (string)posted["id"]!;
                var shown = new List<string> { Content(posted) };
                shown.AddRange(Channel.Updates.Where(u => u.ConversationId == conversation && u.ActivityId == id).Select(u => Content(u.Activity)));
                for (var i = 1; i < shown.Count; i++)
                {
                    Assert.False(shown[i] == shown[i - 1], $"Message {id} in {conversation} was updated with what it already showed (update {i} of {shown.Count - 1}).");
                }
            }
        }

        static string Content(System.Text.Json.Nodes.JsonObject activity) =>
            (activity["attachments"]?.ToJsonString() ?? "") + "|" + (string?)activity["text"];
    }

    protected TeamsClient As(TeamsUser user, HttpClient? http = null) => new(http ?? Http, Channel, user);

    public async Task DisposeAsync()
    {
        await StopHostsAsync();
        Assert.Empty(Channel.Unexpected);
        await Channel.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            await PostgresTestServer.DropDatabaseAsync(postgresDatabase);
        }

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
