using System.Net;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Npgsql;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// The bot with <c>Store:Provider=Postgres</c> over real HTTP: requests, outbox and dialog state in a PostgreSQL
/// database of the test server, reached through a relay the test can cut as a restart would.
/// </summary>
public sealed class PostgresModeTests : IAsyncLifetime, IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    private string database = string.Empty;
    private LoopbackRelay relay = null!;
    private FakeChannel channel = null!;
    private BotHost host = null!;
    private HttpClient http = null!;

    private string SqlitePath => Path.Combine(directory, "legalbot.db");

    public async Task InitializeAsync()
    {
        database = await PostgresTestServer.CreateDatabaseAsync();
        var direct = new NpgsqlConnectionStringBuilder(database);
        relay = LoopbackRelay.Start(new IPEndPoint(IPAddress.Parse(direct.Host!), direct.Port));
        var throughRelay = new NpgsqlConnectionStringBuilder(database) { Port = relay.Port, Pooling = true, Timeout = 5 };

        channel = await FakeChannel.StartAsync();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp, TeamsUser.SecondAlsp })
        {
            channel.AddMember(user);
        }

        host = new BotHost(SqlitePath, new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:Postgres:ConnectionString"] = throughRelay.ConnectionString,
        });
        http = host.Start();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        Assert.Empty(channel.Unexpected);
        await channel.DisposeAsync();
        await relay.DisposeAsync();
        await PostgresTestServer.DropDatabaseAsync(database);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose() => host?.Dispose();

    private TeamsClient As(TeamsUser user) => new(http, channel, user);

    [Fact]
    public async Task FileTriageAssignAccept_RunsOnPostgres_WithDialogStateAndNotificationsThereToo()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");

        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var triage = await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, id);
        var assigned = await staff.ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var assignment = await Scenarios.CardAboutAsync(channel, TeamsUser.Alsp, id);
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(assignment, "Accept");
        await channel.WaitUntilAsync(
            () => Scenarios.TextsTo(channel, TeamsUser.Requester).Any(t => t.Contains("assigned to ALSP Professional One", StringComparison.Ordinal)),
            "the requester hears of the assignment");
        var status = (await As(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();

        Assert.Contains("Assigned", assigned.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("In progress", accepted.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("In progress", status, StringComparison.Ordinal);

        // Everything is in PostgreSQL: the request and its history, the dialog state, the delivered notifications.
        var number = RequestNumber.TryParse(id, out var n) ? n.Value : throw new InvalidOperationException("Not a request id: " + id);
        Assert.Equal("InProgress", await ScalarAsync("SELECT state FROM requests WHERE number = $1", number.Value));
        Assert.Equal(
            "created,assign,accept",
            await ScalarAsync("SELECT string_agg(action, ',' ORDER BY id) FROM request_history WHERE number = $1", number.Value));
        Assert.Equal(TeamsUser.Alsp.AadObjectId, await ScalarAsync("SELECT assigned_to_aad_id FROM requests WHERE number = $1", number.Value));
        Assert.True((long)(await ScalarAsync("SELECT count(*) FROM bot_state"))! > 0);
        await channel.WaitUntilAsync(
            () => (long)ScalarAsync("SELECT count(*) FROM outbox WHERE status <> 'delivered'").GetAwaiter().GetResult()! == 0,
            "every notification delivered");
        Assert.True((long)(await ScalarAsync("SELECT count(*) FROM outbox WHERE status = 'delivered' AND number = $1", number.Value))! > 0);
        Assert.False(File.Exists(SqlitePath), "The SQLite file was created although the store is PostgreSQL.");
    }

    [Fact]
    public async Task DatabaseUnreachable_ReadyzFails_AndUsersAreToldToTryAgainShortly_ThenAllIsWell()
    {
        await Scenarios.DatabaseCutAndRestoredAsync(http, As(TeamsUser.Requester), relay, host.Logs);
    }

    [Fact]
    public async Task TwoInstancesOnOneDatabase_ShareConversations_AndSendEachNotificationOnce()
    {
        await using var second = new BotHost(Path.Combine(directory, "second.db"), new Dictionary<string, string?>
        {
            ["Store:Provider"] = "Postgres",
            ["Store:Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(database) { Pooling = true }.ConnectionString,
        });
        var other = second.Start();
        TeamsClient OnSecond(TeamsUser user) => new(other, channel, user);

        // One intake, its turns taken in turn by the two instances: the dialog state lives in the shared database.
        var picker = await As(TeamsUser.Requester).SayAsync("new request");
        var form = await OnSecond(TeamsUser.Requester).SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"));
        var review = Scenarios.FillNda(BotReplies.ActionData(form.Card, "Review request"));
        var summary = await As(TeamsUser.Requester).SubmitAsync(review);
        var filed = await OnSecond(TeamsUser.Requester).SubmitAsync(BotReplies.ActionData(summary.Card, "Submit"));
        var id = System.Text.RegularExpressions.Regex.Match(filed.Texts.First(), @"LR-\d+").Value;

        var triage = await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, id);
        await OnSecond(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(channel, TeamsUser.Alsp, id), "Accept");
        await channel.WaitUntilAsync(
            () => Scenarios.TextsTo(channel, TeamsUser.Requester).Any(t => t.Contains("is now In progress", StringComparison.Ordinal)),
            "the requester hears that the work started");
        await channel.WaitUntilAsync(
            () => (long)ScalarAsync("SELECT count(*) FROM outbox WHERE status <> 'delivered'").GetAwaiter().GetResult()! == 0,
            "every notification delivered");

        // Both dispatchers polled the one outbox all along; each notification went out once.
        Assert.Contains("In progress", accepted.Card.Json(), StringComparison.Ordinal);
        Assert.Single(channel.Proactive(TeamsUser.LegalStaff.PersonalConversationId), a => Scenarios.RequestIdsIn(a).Contains(id));
        Assert.Single(channel.Proactive(TeamsUser.Alsp.PersonalConversationId), a => Scenarios.RequestIdsIn(a).Contains(id));
        Assert.Single(Scenarios.TextsTo(channel, TeamsUser.Requester), t => t.Contains("assigned to ALSP Professional One", StringComparison.Ordinal));
        Assert.Single(Scenarios.TextsTo(channel, TeamsUser.Requester), t => t.Contains("is now In progress", StringComparison.Ordinal));
        Assert.Equal(
            "created,assign,accept",
            await ScalarAsync("SELECT string_agg(action, ',' ORDER BY id) FROM request_history WHERE number = $1", RequestNumber.TryParse(id, out var n) ? n.Value.Value : 0L));
    }

    [Fact]
    public async Task LegalStaff_GetTheMetricsCard_OnPostgres()
    {
        await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var reply = await As(TeamsUser.LegalStaff).SayAsync("metrics");

        Assert.Contains("Legal operations: last 30 days", reply.Card.Json(), StringComparison.Ordinal);
        Assert.DoesNotContain(reply.Texts, t => t.Contains("aren't available", StringComparison.Ordinal));
    }

    private Task<object?> ScalarAsync(string sql, params object[] values) => PostgresTestServer.ScalarAsync(database, sql, values);
}
