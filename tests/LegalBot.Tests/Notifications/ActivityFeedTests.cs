using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// Teams activity-feed notifications in the Microsoft 365 mode over real HTTP: the bot with <c>Store:Provider=SharePoint</c>
/// and <c>Notifications:ActivityFeed:Enabled</c> on the fake Graph server, which takes <c>sendActivityNotification</c> for
/// the activity types of the repository's manifest. An assignment and a question raise one beside their chat message,
/// with the request number and a name only; a refusal fails the feed's outbox row alone, once; throttling is retried.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class ActivityFeedTests(LoopbackTls tls) : SharePointHostTest(tls, "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "activity-feed-secret")
{
    private const string BotAppId = "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b";
    private const string Title = "Acme distribution NDA";
    private const string Question = "Is the pilot limited to the EU?";
    private const string FeedPath = "/sendActivityNotification";

    protected override void Arrange()
    {
        Graph.DeclareManifestActivityTypes();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.Alsp })
        {
            Channel.AddMember(user);
            Graph.AddFeedUser(user.AadObjectId);
        }
    }

    private void Start(bool enabled = true) => StartHost(
        Settings(new Dictionary<string, string?>
        {
            ["Notifications:ActivityFeed:Enabled"] = enabled ? "true" : "false",
            ["Notifications:ActivityFeed:BotAppId"] = BotAppId,
        }),
        environment: "Development");


    private async Task<string> AssignAsync()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Title);
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        return id;
    }

    private Task WaitForAsync(Func<bool> condition, string what) => Channel.WaitUntilAsync(condition, what);

    /// <summary>The request's activity-feed row once <paramref name="settled"/> holds, read after the channel's calls and at least every quarter second.</summary>
    private async Task<OutboxRow> FeedRowAsync(string id, Func<OutboxRow, bool> settled, string what)
    {
        var number = long.Parse(id["LR-".Length..], System.Globalization.CultureInfo.InvariantCulture);
        OutboxRow? row = null;
        await WaitForAsync(
            () => (row = TestDatabase.OutboxAsync(DatabasePath).GetAwaiter().GetResult().FirstOrDefault(r => r.Number == number && r.Kind == "activity-feed")) is { } found && settled(found),
            what);
        return row!;
    }

    private IReadOnlyList<RecordedRequest> FeedCalls => [.. Graph.GraphRoundTrips.Where(r => r.Path.EndsWith(FeedPath, StringComparison.Ordinal))];

    [Fact]
    public async Task AnAssignment_RaisesAFeedNotification_ToTheProfessional_WithTheNumberAndWhoAssigned_NothingWritten()
    {
        Start();
        var id = await AssignAsync();
        await WaitForAsync(() => Graph.ActivityNotifications.Count > 0, "the activity feed notification");

        var sent = Assert.Single(Graph.ActivityNotifications);
        Assert.Equal(TeamsUser.Alsp.AadObjectId, sent.UserId);
        Assert.Equal("requestAssigned", sent.ActivityType);
        Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = id, ["assignedBy"] = TeamsUser.LegalStaff.Name }, sent.TemplateParameters);
        Assert.Equal(("text", id), (sent.TopicSource, sent.TopicValue));
        Assert.Equal($"https://teams.microsoft.com/l/chat/0/0?users=28:{BotAppId}", sent.TopicWebUrl);
        Assert.Contains(id, sent.PreviewText, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", sent.Body.ToJsonString(), StringComparison.Ordinal);

        // The chat message it repeats arrives as before.
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        await WaitForAsync(() => Scenarios.TextsTo(Channel, TeamsUser.Alsp).Any(t => t.Contains("New assignment", StringComparison.Ordinal)), "the assignment text");
        var row = await FeedRowAsync(id, r => r.Status == "delivered", "the feed row delivered");
        Assert.Equal("activity-feed:" + TeamsUser.Alsp.AadObjectId, row.Recipient);
    }

    [Fact]
    public async Task AQuestionToTheRequester_RaisesAFeedNotification_NamingWhoAsked_NotWhatTheyAsked()
    {
        Start();
        var id = await AssignAsync();
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        await As(TeamsUser.Alsp).ExecuteAsync(accepted.Card, "Send", Scenarios.Input(WorkflowAction.AskRequester, CardActions.NoteField, Question));
        await WaitForAsync(() => Graph.ActivityNotifications.Any(n => n.UserId == TeamsUser.Requester.AadObjectId), "the requester's feed notification");

        var sent = Assert.Single(Graph.ActivityNotifications, n => n.UserId == TeamsUser.Requester.AadObjectId);
        Assert.Equal("requestQuestion", sent.ActivityType);
        Assert.Equal(new Dictionary<string, string> { ["requestNumber"] = id, ["askedBy"] = TeamsUser.Alsp.Name }, sent.TemplateParameters);
        Assert.Equal(id, sent.TopicValue);
        Assert.DoesNotContain("pilot", sent.Body.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Acme", sent.Body.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(2, Graph.ActivityNotifications.Count);
    }

    [Theory]
    [InlineData("permission missing", 403)]
    [InlineData("app not installed", 403)]
    [InlineData("user unknown", 404)]
    public async Task ARefusedFeedNotification_FailsItsRowOnce_WithoutRetry_Logged_WhileTheChatMessageArrives(string refusal, int status)
    {
        switch (refusal)
        {
            case "permission missing":
                Graph.TeamsActivitySendGranted = false;
                break;
            case "app not installed":
                Graph.AddFeedUser(TeamsUser.Alsp.AadObjectId, appInstalled: false);
                break;
        }

        Start();
        var id = refusal == "user unknown" ? await AssignToUnknownAsync() : await AssignAsync();
        var row = await FeedRowAsync(id, r => r.Status != "pending", "the feed row settled");

        // One attempt, given up on at once: no retry was planned.
        Assert.Equal(("failed", 1), (row.Status, row.Attempts));
        Assert.StartsWith($"HTTP {status}", row.LastError, StringComparison.Ordinal);
        Assert.Equal([status], FeedCalls.Select(c => c.Status));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.EventId.Id == 2001);
        var logged = Assert.Single(Host.Logs.Entries, e => e.EventId.Id == 2060);
        Assert.Contains(id, logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Logs.Entries, e => e.EventId.Id == 2002);
        Assert.Empty(Graph.ActivityNotifications);
        if (refusal != "user unknown")
        {
            await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
            await WaitForAsync(() => Scenarios.TextsTo(Channel, TeamsUser.Alsp).Any(t => t.Contains("New assignment", StringComparison.Ordinal)), "the assignment text");
        }

        // Legal staff are not told: the chat message is the person's notice.
        var staffCard = (await As(TeamsUser.LegalStaff).SayAsync($"status {id}")).Card.Json();
        Assert.DoesNotContain("Couldn't reach", staffCard, StringComparison.Ordinal);
    }

    /// <summary>Assigns to the second professional, whom the tenant's Graph does not know as a user.</summary>
    private async Task<string> AssignToUnknownAsync()
    {
        Channel.AddMember(TeamsUser.SecondAlsp);
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Title);
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.SecondAlsp.AadObjectId));
        return id;
    }

    [Fact]
    public async Task Throttled_TheFeedNotificationIsSentAgainAfterItsRetryAfter()
    {
        Graph.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), PathContains: FeedPath));
        Start();
        var id = await AssignAsync();
        await WaitForAsync(() => Graph.ActivityNotifications.Count > 0, "the feed notification, sent again");

        Assert.Equal([429, 204], FeedCalls.Select(c => c.Status));
        var row = await FeedRowAsync(id, r => r.Status == "delivered", "the feed row delivered");
        Assert.Equal(1, row.Attempts);
        Assert.Contains(Host.Logs.Entries, e => e.EventId.Id == 2001 && e.Message.Contains("HTTP 429", StringComparison.Ordinal));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.EventId.Id == 2060);
    }

    [Fact]
    public async Task Disabled_NoFeedNotificationIsQueuedOrSent()
    {
        Start(enabled: false);
        var id = await AssignAsync();
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        await WaitForAsync(() => Scenarios.TextsTo(Channel, TeamsUser.Alsp).Any(t => t.Contains("New assignment", StringComparison.Ordinal)), "the assignment text");

        // The feed rows would have been saved with the change's chat notifications, already delivered.
        Assert.DoesNotContain(await TestDatabase.OutboxAsync(DatabasePath), r => r.Kind == "activity-feed");
        Assert.Empty(FeedCalls);
    }
}
