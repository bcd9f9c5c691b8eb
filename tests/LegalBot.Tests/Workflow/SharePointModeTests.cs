using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.MessageExtensions;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// The bot with <c>Store:Provider=SharePoint</c> over real HTTP: requests in the SharePoint lists of a local Graph
/// server (reached over trusted loopback TLS with the real Graph client and credential), the outbox and dialog state
/// in the local SQLite file.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class SharePointModeTests(LoopbackTls tls) : IAsyncLifetime, IDisposable
{
    private const string ClientId = "5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e";
    private const string Secret = "sharepoint-mode-secret";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    private FakeGraphServer graph = null!;
    private FakeSite site = null!;
    private FakeChannel channel = null!;
    private BotHost host = null!;
    private HttpClient http = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        site = await SharePointLists.ProvisionAsync(graph, ClientId, Secret);
        channel = await FakeChannel.StartAsync();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.OtherRequester, TeamsUser.LegalStaff, TeamsUser.Alsp })
        {
            channel.AddMember(user);
        }

        var settings = graph.BotSettings(ClientId, Secret, site);
        settings["Store:Provider"] = "SharePoint";
        settings["Store:Graph:EditPollInterval"] = "00:00:01";
        host = new BotHost(Path.Combine(directory, "legalbot.db"), settings);
        http = host.Start();
    }

    public async Task DisposeAsync()
    {
        await host.DisposeAsync();
        await channel.DisposeAsync();
        await graph.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    public void Dispose() => host?.Dispose();

    private TeamsClient As(TeamsUser user) => new(http, channel, user);

    private FakeList RequestsList => Assert.Single(site.AllLists, l => l.DisplayName == "Legal Requests");

    private FakeList HistoryList => Assert.Single(site.AllLists, l => l.DisplayName == "Legal Request History");

    private static ListsUser InLists(TeamsUser user) => new(user.AadObjectId, user.Name, user.Email);

    private void EditInLists(string id, TeamsUser editor, string column, string value) =>
        graph.EditInLists(RequestsList, int.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1000, InLists(editor), new Dictionary<string, object?> { [column] = value });

    private List<string> TextsTo(TeamsUser user) =>
        [.. channel.Proactive(user.PersonalConversationId).Select(a => a["text"]?.GetValue<string>()).OfType<string>()];

    [Fact]
    public async Task ARequestIsFiledAndAssigned_InTheSharePointLists_WithOnlyIndexedQueries()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var card = await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, id);
        var assigned = await As(TeamsUser.LegalStaff).ExecuteAsync(
            card, "Assign", new System.Text.Json.Nodes.JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId });
        var status = (await As(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();

        Assert.Contains("Assigned", assigned.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("Assigned", status, StringComparison.Ordinal);
        Assert.Equal(1, Assert.Single(site.AllLists, l => l.DisplayName == "Legal Requests").ItemCount);
        Assert.Equal(2, Assert.Single(site.AllLists, l => l.DisplayName == "Legal Request History").ItemCount);
        await channel.WaitUntilAsync(() => channel.Proactive(TeamsUser.Alsp.PersonalConversationId).Count > 0, "the ALSP professional's card");
        Assert.Empty(graph.NonIndexedQueries);
        Assert.Empty(graph.Unknown);
    }

    [Fact]
    public async Task Search_LegalStaffFindRequestsSomeoneElseFiled_ARequesterOnlyTheirOwn_OneGraphGetPerKeystroke()
    {
        var others = await Scenarios.FileNdaAsync(As(TeamsUser.OtherRequester), "Acme reseller NDA");
        var mine = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Acme distribution NDA");
        Task<JsonObject?> SearchAsync(TeamsUser user, string text) => ComposeSearch.SearchAsync(http, channel, user, text);

        // The filings' cards delivered (the dispatcher reads the lists for them), so what follows is the search's.
        await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, others);
        await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, mine);
        await Scenarios.CardAboutAsync(channel, TeamsUser.OtherRequester, others);
        await Scenarios.CardAboutAsync(channel, TeamsUser.Requester, mine);
        graph.ClearRequests();
        var staffFound = ComposeSearch.Numbers(await SearchAsync(TeamsUser.LegalStaff, "reseller"));

        // The edit poller reads the delta feed on its own schedule; everything else is the keystroke's.
        var keystroke = Assert.Single([.. graph.GraphRoundTrips.Where(r => !r.Path.Contains("/items/delta", StringComparison.Ordinal))]);
        Assert.Equal("GET", keystroke.Method);
        Assert.DoesNotContain("$filter", Uri.UnescapeDataString(keystroke.Query), StringComparison.Ordinal);
        Assert.Equal([others], staffFound);
        Assert.Equal([mine, others], ComposeSearch.Numbers(await SearchAsync(TeamsUser.LegalStaff, "acme")));
        Assert.Equal([others], ComposeSearch.Numbers(await SearchAsync(TeamsUser.LegalStaff, others)));
        Assert.Equal([mine], ComposeSearch.Numbers(await SearchAsync(TeamsUser.Requester, "acme")));
        Assert.Empty(ComposeSearch.Numbers(await SearchAsync(TeamsUser.Requester, "reseller")));
        Assert.Empty(ComposeSearch.Numbers(await SearchAsync(TeamsUser.Requester, others)));
        Assert.Equal([others], ComposeSearch.Numbers(await SearchAsync(TeamsUser.OtherRequester, "acme")));
        Assert.Empty(graph.NonIndexedQueries);
        Assert.Empty(graph.Unknown);
    }

    [Fact]
    public async Task GraphUnreachable_ReadyzFails_AndUsersAreToldToTryAgainShortly_ThenAllIsWell()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        using (var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        }

        await graph.GoOfflineAsync();
        using (var notReady = await http.GetAsync(new Uri("/readyz", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        }

        var refused = await As(TeamsUser.Requester).SayAsync($"status {id}");
        await graph.GoOnlineAsync();
        var answered = await As(TeamsUser.Requester).SayAsync($"status {id}");

        Assert.Equal("I can't reach the request list right now, so nothing was changed. Please try again shortly.", Assert.Single(refused.Texts));
        Assert.Contains(id, answered.Card.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AStateChangeLegalStaffMakeInLists_IsTakenIn_AsThatWorkflowStep()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        EditInLists(id, TeamsUser.LegalStaff, "RequestState", "Rejected");
        var told = $"{id} was rejected by {TeamsUser.LegalStaff.Name}: “{OutsideEditText.TakenInNote}”.";
        await channel.WaitUntilAsync(() => TextsTo(TeamsUser.Requester).Contains(told), "the requester told of the rejection made in Lists");
        var status = (await As(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();

        Assert.Contains("Rejected", status, StringComparison.Ordinal);
        Assert.Equal(2, HistoryList.ItemCount);
        Assert.Equal("Rejected", RequestsList.Item(int.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1000)["RequestState"]);
        Assert.Single(TextsTo(TeamsUser.Requester), t => t == told);
        Assert.Empty(graph.Unknown);
    }

    [Fact]
    public async Task AnEditTheWorkflowDoesNotAllow_IsPutBack_AndLegalStaffAreTold()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var card = await Scenarios.CardAboutAsync(channel, TeamsUser.LegalStaff, id);
        await As(TeamsUser.LegalStaff).ExecuteAsync(
            card, "Assign", new System.Text.Json.Nodes.JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId });
        var itemId = int.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1000;

        EditInLists(id, TeamsUser.LegalStaff, "RequestState", "Completed");
        var told = $"{TeamsUser.LegalStaff.Name} changed {id} from Assigned to Completed in Microsoft Lists, which is not a move legal staff can make from the list. It is back to Assigned; please use the request's card to move it on.";
        await channel.WaitUntilAsync(() => TextsTo(TeamsUser.LegalStaff).Contains(told), "legal staff told the edit was put back");
        var status = (await As(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();

        Assert.Equal("Assigned", RequestsList.Item(itemId)["RequestState"]);
        Assert.Contains("Assigned", status, StringComparison.Ordinal);
        Assert.DoesNotContain("Completed", status, StringComparison.Ordinal);
        Assert.Equal(2, HistoryList.ItemCount);
        Assert.DoesNotContain(TextsTo(TeamsUser.Requester), t => t.Contains("completed", StringComparison.OrdinalIgnoreCase));
        Assert.Single(TextsTo(TeamsUser.LegalStaff), t => t == told);
        Assert.Empty(graph.Unknown);
    }

    [Fact]
    public async Task AStateChangeBySomeoneWhoIsNotLegalStaff_IsPutBack()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        EditInLists(id, TeamsUser.Requester, "RequestState", "Cancelled");
        var told = $"{TeamsUser.Requester.Name} changed {id} from Submitted to Cancelled in Microsoft Lists, but only legal staff may move a request there. It is back to Submitted; please use the request's card to move it on.";
        await channel.WaitUntilAsync(() => TextsTo(TeamsUser.LegalStaff).Contains(told), "legal staff told the edit was put back");

        Assert.Equal("Submitted", RequestsList.Item(int.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1000)["RequestState"]);
        Assert.Equal(1, HistoryList.ItemCount);
    }

    [Fact]
    public async Task GraphThrottlingPastTheRetries_UsersAreToldToTryAgainShortly_WellInsideTheTurnLimit()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        graph.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Times: int.MaxValue));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var refused = await As(TeamsUser.Requester).SayAsync($"status {id}");

        var took = clock.Elapsed;
        graph.ClearFaults();
        var answered = await As(TeamsUser.Requester).SayAsync($"status {id}");
        Assert.Equal("I can't reach the request list right now, so nothing was changed. Please try again shortly.", Assert.Single(refused.Texts));
        Assert.InRange(took, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Contains(id, answered.Card.Json(), StringComparison.Ordinal);
    }
}
