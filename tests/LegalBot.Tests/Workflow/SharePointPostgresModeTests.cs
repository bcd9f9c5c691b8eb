using System.Net;
using LegalBot.Cards;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// Several instances of the Microsoft 365 mode: requests in the SharePoint lists of a local Graph server, and the
/// outbox, dialog state and send ledger in one PostgreSQL database they share (<c>Store:LocalProvider=Postgres</c>),
/// reached through a relay the test can cut.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class SharePointPostgresModeTests(LoopbackTls tls) : IAsyncLifetime, IDisposable
{
    private const string ClientId = "8c1d2e3f-4a5b-4c6d-9e7f-0a1b2c3d4e5f";
    private const string Secret = "sharepoint-postgres-secret";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    private string database = string.Empty;
    private LoopbackRelay relay = null!;
    private FakeGraphServer graph = null!;
    private FakeSite site = null!;
    private FakeChannel channel = null!;
    private BotHost first = null!;
    private BotHost second = null!;
    private HttpClient firstHttp = null!;
    private HttpClient secondHttp = null!;

    public async Task InitializeAsync()
    {
        database = await PostgresTestServer.CreateDatabaseAsync();
        var direct = new NpgsqlConnectionStringBuilder(database);
        relay = LoopbackRelay.Start(new IPEndPoint(IPAddress.Parse(direct.Host!), direct.Port));
        graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        site = await SharePointLists.ProvisionAsync(graph, ClientId, Secret);
        channel = await FakeChannel.StartAsync();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.Alsp })
        {
            channel.AddMember(user);
        }

        Dictionary<string, string?> Settings()
        {
            var settings = graph.BotSettings(ClientId, Secret, site);
            settings["Store:Provider"] = "SharePoint";
            settings["Store:LocalProvider"] = "Postgres";
            settings["Store:Postgres:ConnectionString"] = new NpgsqlConnectionStringBuilder(database) { Port = relay.Port, Pooling = true, Timeout = 5 }.ConnectionString;
            return settings;
        }

        first = new BotHost(Path.Combine(directory, "first.db"), Settings());
        second = new BotHost(Path.Combine(directory, "second.db"), Settings());
        firstHttp = first.Start();
        secondHttp = second.Start();
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        Assert.Empty(channel.Unexpected);
        await channel.DisposeAsync();
        await graph.DisposeAsync();
        await relay.DisposeAsync();
        await PostgresTestServer.DropDatabaseAsync(database);
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose()
    {
        first?.Dispose();
        second?.Dispose();
    }

    private TeamsClient OnFirst(TeamsUser user) => new(firstHttp, channel, user);

    private TeamsClient OnSecond(TeamsUser user) => new(secondHttp, channel, user);

    [Fact]
    public async Task TwoInstances_ShareOneIntakeAndTheOutbox_InPostgres_WhileTheRequestIsInTheLists()
    {
        // One intake, its turns taken in turn by the two instances: the dialog state is in the shared database.
        var picker = await OnFirst(TeamsUser.Requester).SayAsync("new request");
        var form = await OnSecond(TeamsUser.Requester).SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"));
        var summary = await OnFirst(TeamsUser.Requester).SubmitAsync(Scenarios.FillNda(BotReplies.ActionData(form.Card, "Review request")));
        var filed = await OnSecond(TeamsUser.Requester).SubmitAsync(BotReplies.ActionData(summary.Card, "Submit"));
        var id = System.Text.RegularExpressions.Regex.Match(filed.Texts.First(), @"LR-\d+").Value;

        var triage = await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, id);
        await OnSecond(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var accepted = await OnFirst(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(channel, TeamsUser.Alsp, id), "Accept");
        await channel.WaitUntilAsync(
            () => Scenarios.TextsTo(channel, TeamsUser.Requester).Any(t => t.Contains("is now In progress", StringComparison.Ordinal)),
            "the requester hears that the work started");
        await channel.WaitUntilAsync(
            () => (long)ScalarAsync("SELECT count(*) FROM outbox WHERE status <> 'delivered'").GetAwaiter().GetResult()! == 0,
            "every notification delivered");
        var status = (await OnSecond(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();

        // The request and its history are in the lists; nothing about it is in PostgreSQL's requests table.
        Assert.Matches(@"^LR-\d+$", id);
        Assert.Contains("In progress", accepted.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("In progress", status, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(site.AllLists, l => l.DisplayName == "Legal Requests").ItemCount);
        Assert.Equal(3, Assert.Single(site.AllLists, l => l.DisplayName == "Legal Request History").ItemCount);
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM requests"));

        // Both dispatchers polled the one outbox all along; each notification went out once.
        var number = long.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True((long)(await ScalarAsync("SELECT count(*) FROM outbox WHERE status = 'delivered' AND number = $1", number))! >= 3);
        Assert.True((long)(await ScalarAsync("SELECT count(*) FROM bot_state"))! > 0);
        Assert.True((long)(await ScalarAsync("SELECT count(*) FROM conversation_sends"))! > 0);
        Assert.Single(channel.Proactive(TeamsUser.Alsp.PersonalConversationId), a => Scenarios.RequestIdsIn(a).Contains(id));
        Assert.Single(Scenarios.TextsTo(channel, TeamsUser.Requester), t => t.Contains("assigned to ALSP Professional One", StringComparison.Ordinal));
        Assert.Single(Scenarios.TextsTo(channel, TeamsUser.Requester), t => t.Contains("is now In progress", StringComparison.Ordinal));
        Assert.False(File.Exists(Path.Combine(directory, "first.db")), "A SQLite file was created although the local stores are in PostgreSQL.");
        Assert.False(File.Exists(Path.Combine(directory, "second.db")), "A SQLite file was created although the local stores are in PostgreSQL.");
        Assert.Empty(graph.NonIndexedQueries);
        Assert.Empty(graph.Unknown);

        // The index of the request's documents in the library is shared too, for a request only the lists hold.
        var document = new RequestDocument(
            RequestDocument.NewId(), new RequestNumber(number), "Contract.pdf", "pdf", 2048, new Person(TeamsUser.Requester.AadObjectId, TeamsUser.Requester.Name), DateTimeOffset.UnixEpoch, "01ABCDEF", "https://contoso.sharepoint.com/x");
        await first.Services.GetRequiredService<IDocumentIndex>().AddAsync(document);
        Assert.Equal([document], await second.Services.GetRequiredService<IDocumentIndex>().ListAsync(new RequestNumber(number)));
    }

    [Fact]
    public async Task TheSharedDatabaseUnreachable_ReadyzFails_AndUsersAreToldToTryAgainShortly_ThenAllIsWell()
    {
        await Scenarios.DatabaseCutAndRestoredAsync(firstHttp, OnFirst(TeamsUser.Requester), relay, first.Logs);
    }

    private Task<object?> ScalarAsync(string sql, params object[] values) => PostgresTestServer.ScalarAsync(database, sql, values);
}
