using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace LegalBot.Tests.Faults;

/// <summary>
/// Per test: a fresh database file, a fake Teams channel in the test process, and the real host as a child
/// process that the test can kill hard and start again on the same file, with its requests in the
/// <paramref name="requests"/> backend (in that file, or in SharePoint lists). Reads the database and the request
/// store directly (read only) to check what was really saved.
/// </summary>
public abstract class FaultTestBase(ITestOutputHelper output, RequestBackend requests) : IAsyncLifetime
{
    private readonly List<HostProcess> hosts = [];

    protected ITestOutputHelper Output { get; } = output;

    protected string Directory { get; } = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));

    protected string DatabasePath => Path.Combine(Directory, "legalbot.db");

    protected FakeChannel Channel { get; private set; } = null!;

    /// <summary>The host that started last.</summary>
    protected HostProcess Host => hosts[^1];

    protected virtual IDictionary<string, string?>? Settings => null;

    /// <summary>
    /// A killed host leaves the notifications of a change in flight staged; the next host's reconciler settles them
    /// (releases them if the change landed, drops them if not) once they are this old. Short here, so tests see it.
    /// </summary>
    internal static readonly IReadOnlyDictionary<string, string?> Reconcile = new Dictionary<string, string?>()
    {
        ["Notifications:StagedGracePeriod"] = "00:00:01",
        ["Notifications:ReconcileInterval"] = "00:00:01",
    };

    public async Task InitializeAsync()
    {
        System.IO.Directory.CreateDirectory(Directory);
        await requests.StartAsync();
        Channel = await FakeChannel.StartAsync();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.OtherRequester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp, TeamsUser.SecondAlsp })
        {
            Channel.AddMember(user);
        }

        await StartHostAsync();
    }

    /// <summary>Starts a (new) host process on the test's database file.</summary>
    protected async Task<HostProcess> StartHostAsync()
    {
        var settings = new Dictionary<string, string?>(Reconcile);
        foreach (var (key, value) in requests.Settings.Concat(Settings ?? new Dictionary<string, string?>()))
        {
            settings[key] = value;
        }

        var host = await HostProcess.StartAsync(TestSettings.For(DatabasePath, settings));
        hosts.Add(host);

        // Started on a file a killed host left behind (WAL and all): the store answers again.
        await host.WaitAsync("/readyz", healthy: true, TimeSpan.FromSeconds(30));
        return host;
    }

    /// <summary>
    /// Notifications the channel took from a host that was then killed before it recorded the post: the one
    /// documented window in which a restart posts a message again.
    /// </summary>
    protected List<string> UnrecordedAtCrash { get; } = [];

    /// <summary>How many times the test killed a host.</summary>
    protected int Kills { get; private set; }

    /// <summary>Kills the running host hard, notes what the channel took but the outbox did not record, starts a new one.</summary>
    protected async Task<HostProcess> CrashAndRestartAsync()
    {
        await KillAsync();
        return await StartHostAsync();
    }

    /// <param name="fromChannelCall">Called while the fake channel answers one of the host's calls (from a fault hook), which stays in flight.</param>
    protected async Task KillAsync(bool fromChannelCall = false)
    {
        await Host.KillAsync();
        Kills++;

        // A call the dead host had in flight is taken or abandoned only when the channel finishes answering it.
        var calling = fromChannelCall ? 1 : 0;
        await Channel.WaitUntilAsync(() => Channel.InFlight <= calling, "the channel done with the killed host's calls");
        await using var connection = await OpenDatabaseAsync();
        var cards = await OutboxRows.PostedCardsAsync(connection);
        UnrecordedAtCrash.AddRange(Deliveries.TakenUnrecorded(Channel, await OutboxAsync(), cards).Select(Deliveries.Describe));
    }

    protected TeamsClient As(TeamsUser user) => new(Host.Http, Channel, user);

    protected void Report(string line) => Output.WriteLine(line);

    protected static Task<InvokeAnswer> AssignAsync(TeamsClient staff, JsonObject triageCard, TeamsUser professional) =>
        staff.ExecuteAsync(
            triageCard,
            "Assign",
            new JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = professional.AadObjectId });

    /// <summary>Legal staff have talked to the bot (so triage cards reach them); the requester files an NDA.</summary>
    protected async Task<(string Id, JsonObject TriageCard)> FileAsync(string title = "Acme distribution NDA")
    {
        if (Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Count == 0)
        {
            await As(TeamsUser.LegalStaff).SayAsync("hi");
        }

        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), title);
        return (id, await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id));
    }

    // What was saved

    protected Task<IReadOnlyList<RequestRow>> RequestsAsync() => requests.RequestsAsync(DatabasePath);

    /// <summary>Every history line the request store holds, whichever request it names.</summary>
    protected Task<int> HistoryLinesAsync() => requests.HistoryLinesAsync(DatabasePath);

    protected Task<IReadOnlyList<OutboxRow>> OutboxAsync() => TestDatabase.OutboxAsync(DatabasePath);

    /// <summary>
    /// Waits until the running host has handled every notification in the outbox, including those a killed host
    /// left staged (settled by the reconciler).
    /// </summary>
    protected async Task WaitOutboxSettledAsync(TimeSpan? timeout = null)
    {
        IReadOnlyList<OutboxRow> rows = [];
        var settled = false;
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        while (!settled)
        {
            rows = await OutboxAsync();
            settled = rows.All(r => r.Status is not ("pending" or "staged"));
            if (!settled)
            {
                try
                {
                    // Either a channel call or a short bounded delay: the dispatcher also works without calling out.
                    await Channel.WaitUntilAsync(() => false, "a channel call", TimeSpan.FromMilliseconds(200)).WaitAsync(cts.Token);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                    throw new Xunit.Sdk.XunitException($"The outbox still has {rows.Count(r => r.Status == "pending")} pending rows.");
                }
            }
        }
    }

    /// <summary>
    /// Every notification owed reached its recipient, once but for the documented window (<see cref="Deliveries.AssertOwedDelivered"/>).
    /// Returns the texts that arrived more than once.
    /// </summary>
    protected async Task<(int Delivered, IReadOnlyList<string> Duplicated)> AssertOwedNotificationsDeliveredAsync() =>
        Deliveries.AssertOwedDelivered(Channel, await OutboxAsync(), UnrecordedAtCrash);

    /// <summary>Each request's version is its history length, and its state is where its history ends.</summary>
    internal static void AssertConsistent(RequestRow request)
    {
        Assert.Equal(request.History.Count, request.Version);
        Assert.Equal("created", request.History[0]);
        Assert.Equal(request.AssignedTo is not null, request.State is not (nameof(RequestState.Submitted) or nameof(RequestState.InTriage)));
    }

    protected static long Number(string id) => long.Parse(id.AsSpan(3), System.Globalization.CultureInfo.InvariantCulture);

    protected Task<SqliteConnection> OpenDatabaseAsync() => TestDatabase.OpenAsync(DatabasePath);

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        await requests.StopAsync();
        Assert.Empty(Channel.Unexpected);
        await Channel.DisposeAsync();
        SqliteConnection.ClearAllPools();
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
