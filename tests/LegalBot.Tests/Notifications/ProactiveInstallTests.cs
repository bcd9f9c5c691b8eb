using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// The Microsoft 365 mode over real HTTP with <c>Store:Graph:TeamsAppId</c> set: someone the bot has no chat with (an
/// ALSP professional, a guest, who never opened LegalBot) has the app installed for them through the fake Graph
/// server, and the notification goes to the chat Graph names. The fake Teams channel refuses, as Teams does, to open
/// a chat with someone who lacks the app or to post into their chat with it before it is installed. Each way the
/// installation fails reaches legal staff's card, naming who could not be reached and why.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class ProactiveInstallTests(LoopbackTls tls) : SharePointHostTest(tls, "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "proactive-install-secret")
{
    private FakeTeamsApp app = null!;

    protected override void Arrange()
    {
        Channel.RequireInstalledApp = true;
        Graph.AppInstalled += Channel.Installed;
        app = Graph.AddCatalogApp("2f1e0d9c-8b7a-4c6d-9e5f-4a3b2c1d0e9f", "LegalBot");

        // The tenant's directory: everyone but the second professional, whose roster entry names someone unknown to it.
        var company = Graph.AddGroup("Everyone");
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff })
        {
            Channel.AddMember(user);
            Graph.AddMember(company, new FakeUser(user.AadObjectId, user.Name, user.Email));
        }

        Graph.AddMember(company, new FakeUser(TeamsUser.Alsp.AadObjectId, TeamsUser.Alsp.Name, TeamsUser.Alsp.Email, Guest: true));
        Channel.AddMember(TeamsUser.Alsp);
        Channel.AddMember(TeamsUser.SecondAlsp);
    }

    private async Task StartAsync(bool install = true, bool feed = false)
    {
        var extra = new Dictionary<string, string?>();
        if (install)
        {
            extra["Store:Graph:TeamsAppId"] = app.Id;
        }

        if (feed)
        {
            Graph.DeclareManifestActivityTypes();
            extra["Notifications:ActivityFeed:Enabled"] = "true";
            extra["Notifications:ActivityFeed:BotAppId"] = "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f";
        }

        StartHost(Settings(extra));

        // Legal staff have used the bot before; the professionals never have.
        await As(TeamsUser.LegalStaff).SayAsync("help");
        await As(TeamsUser.SecondLegalStaff).SayAsync("help");
    }

    private List<RecordedRequest> InstallCalls => [.. Graph.GraphRoundTrips.Where(r => r.Method == "POST" && r.Path.EndsWith("/teamwork/installedApps", StringComparison.Ordinal))];

    private int Installs => InstallCalls.Count;

    private async Task<(string Id, JsonObject Triage)> FileAndAssignAsync(TeamsUser professional)
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        var assigned = await As(TeamsUser.LegalStaff).ExecuteAsync(
            triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, professional.AadObjectId));
        Assert.Contains("Assigned", assigned.Card.Json(), StringComparison.Ordinal);
        return (id, triage);
    }

    private JsonObject? CardIn(string chat, string id) =>
        Channel.Posted(chat).Select(a => new BotReplies([a]).Cards.FirstOrDefault()).LastOrDefault(c => c is not null && c["refresh"] is not null && c.Json().Contains(id, StringComparison.Ordinal));

    /// <summary>Legal staff's copy of the request's card as it shows now (after its updates in place).</summary>
    private async Task<string> LegalStaffCardOnceItSaysAsync(string id, string text)
    {
        string shown = "";
        await Channel.WaitUntilAsync(
            () => (shown = Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)?.Json() ?? "").Contains(text, StringComparison.Ordinal),
            $"legal staff's card about {id} saying '{text}'");
        return shown;
    }

    [Fact]
    public async Task AGuestWhoNeverOpenedLegalBot_HasItInstalled_AndGetsTheirFirstAssignmentCardInThatChat()
    {
        await StartAsync();

        var (first, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var chat = FakeGraphServer.ChatId(TeamsUser.Alsp.AadObjectId, app.Id);
        await Channel.WaitUntilAsync(() => CardIn(chat, first) is not null, $"the assignment card in the chat Graph named ({chat})");

        Assert.Equal([TeamsUser.Alsp.AadObjectId], Graph.InstalledFor(app));
        Assert.Contains("Accept", CardIn(chat, first)!.Json(), StringComparison.Ordinal);
        Assert.Equal(0, Channel.ConversationsCreated);
        Assert.Contains(Host.Logs.Entries, e => e.EventId.Id == 2040);

        // The chat is remembered: the next assignment goes there without installing again.
        var (second, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        await Channel.WaitUntilAsync(() => CardIn(chat, second) is not null, "the second assignment card in the same chat");
        Assert.Equal(1, Installs);
    }

    [Fact]
    public async Task WithTheActivityFeed_TheNewGuestsFeedNotificationWaitsForTheInstall_AndIsRaised()
    {
        await StartAsync(feed: true);

        var (id, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var chat = FakeGraphServer.ChatId(TeamsUser.Alsp.AadObjectId, app.Id);
        await Channel.WaitUntilAsync(() => CardIn(chat, id) is not null, "the assignment card in the installed app's chat");
        await Channel.WaitUntilAsync(
            () => Graph.ActivityNotifications.Any(n => n.UserId == TeamsUser.Alsp.AadObjectId),
            "the assignment's activity-feed notification to the guest");

        // Whichever of the card and the feed notification went first installed the app (the other, at the same moment,
        // is told it is installed already); neither was refused for lack of it.
        Assert.Equal(1, InstallCalls.Count(c => c.Status == 201));
        Assert.All(InstallCalls, c => Assert.True(c.Status is 201 or 409, $"install answered {c.Status}"));
        Assert.DoesNotContain(Graph.GraphRoundTrips, r => r.Path.EndsWith("/sendActivityNotification", StringComparison.Ordinal) && r.Status != 204);
        Assert.DoesNotContain(Host.Logs.Entries, e => e.EventId.Id == 2060);
    }

    [Fact]
    public async Task TheAppBlockedForTheProfessionalByPolicy_IsGivenUpAtOnce_AndLegalStaffsCardSaysWhoAndWhy()
    {
        Graph.BlockApp(TeamsUser.Alsp.AadObjectId);
        await StartAsync();

        var (id, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var card = await LegalStaffCardOnceItSaysAsync(id, "Couldn't reach");

        Assert.Contains($"Couldn't reach {TeamsUser.Alsp.Name} about this request; they may not know.", card, StringComparison.Ordinal);
        Assert.Contains($"{TeamsUser.Alsp.Name}: the organisation's Teams app policy blocks LegalBot for them.", card, StringComparison.Ordinal);
        // Each notification to them asked once (the card and the message with it), and none was retried.
        Assert.All(InstallCalls, c => Assert.Equal((int)HttpStatusCode.Forbidden, c.Status));
        Assert.InRange(InstallCalls.Count, 1, 2);
        Assert.Empty(Graph.InstalledFor(app));
        Assert.DoesNotContain(Channel.Calls, c => c.ConversationId.EndsWith("@unq.gbl.spaces", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProfessionalTheDirectoryDoesNotKnow_LegalStaffsCardSaysSo()
    {
        await StartAsync();

        var (id, _) = await FileAndAssignAsync(TeamsUser.SecondAlsp);
        var card = await LegalStaffCardOnceItSaysAsync(id, "Couldn't reach");

        Assert.Contains($"{TeamsUser.SecondAlsp.Name}: they are not in the organisation's directory.", card, StringComparison.Ordinal);
        Assert.Equal(0, Installs);
    }

    [Fact]
    public async Task WithoutTheInstallPermission_LegalStaffsCardNamesThePermission()
    {
        Graph.AppInstallationGranted = false;
        await StartAsync();

        var (id, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var card = await LegalStaffCardOnceItSaysAsync(id, "Couldn't reach");

        Assert.Contains("TeamsAppInstallation.ReadWriteForUser.All", card, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphThrottlingTheInstall_IsRetried_AndTheCardArrivesOnceItAnswers()
    {
        await StartAsync();
        Graph.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), Method: "POST", PathContains: "/teamwork/installedApps", Times: 2));

        var (id, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var chat = FakeGraphServer.ChatId(TeamsUser.Alsp.AadObjectId, app.Id);
        await Channel.WaitUntilAsync(() => CardIn(chat, id) is not null, "the assignment card once Graph answers");

        Assert.Equal([429, 429, 201], InstallCalls.Select(r => r.Status));
        Assert.DoesNotContain("Couldn't reach", Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)!.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutTeamsAppId_TeamsRefusesToOpenTheChat_AsBefore()
    {
        await StartAsync(install: false);

        var (id, _) = await FileAndAssignAsync(TeamsUser.Alsp);
        var card = await LegalStaffCardOnceItSaysAsync(id, "Couldn't reach");

        Assert.Contains("Check that they have the LegalBot app installed in Teams.", card, StringComparison.Ordinal);
        Assert.Contains(Channel.Calls, c => c.Operation == ChannelOperation.Create && c.Status == (int)HttpStatusCode.Forbidden);
        Assert.Equal(0, Installs);
    }
}
