using LegalBot.Application.Reminders;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Reminders;

/// <summary>
/// The Microsoft 365 mode over real HTTP on a fake clock, with requests in the fake Graph server's lists: the reminder
/// poller reads the requests' facts from the lists' delta feeds, so a missed due date reaches the professional and each
/// legal staff member in chat and, with the activity feed on, in their Teams activity feed, each once; and legal staff
/// get the metrics, scorecards, exports and daily digest from the lists as in the embedded mode.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class SharePointReminderTests(LoopbackTls tls) : SharePointHostTest(tls, "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d", "sharepoint-reminders-secret")
{
    private const string BotAppId = "0b1c2d3e-4f5a-4b6c-9d7e-8f9a0b1c2d3e";

    // Monday 7 December 2026, 10:00 in London (UTC in winter).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    protected override void Arrange()
    {
        Graph.DeclareManifestActivityTypes();
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp })
        {
            Channel.AddMember(user);
            Graph.AddFeedUser(user.AadObjectId);
        }
    }

    private void Start() => StartHost(
        Settings(new Dictionary<string, string?>
        {
            ["Sla:TimeZone"] = "Europe/London",
            ["Reminders:Enabled"] = "true",
            ["Reminders:PollInterval"] = "00:00:30",
            ["Notifications:ActivityFeed:Enabled"] = "true",
            ["Notifications:ActivityFeed:BotAppId"] = BotAppId,
            ["Metrics:OutsideCounselRates:nda"] = "400",
            ["Metrics:Currency"] = "EUR",
        }),
        environment: "Development",
        clock: clock);

    private IReadOnlyList<SentActivityNotification> OverdueFeed => [.. Graph.ActivityNotifications.Where(n => n.ActivityType == "requestOverdue")];

    [Fact]
    public async Task AMissedDueDate_ReachesTheProfessionalAndEachLegalStaffMember_InChatAndActivityFeed_Once()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await As(TeamsUser.LegalStaff).ExecuteAsync(
            await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id),
            "Assign",
            Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        await DeliveredAsync();

        // An NDA takes two business days: due Wednesday 9 December; on Tuesday at 09:00 the professional is reminded.
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.Alsp), t => t.StartsWith($"Reminder: {id} is due on 9 Dec 2026", StringComparison.Ordinal));
        Assert.Empty(OverdueFeed);

        // Thursday: the date was missed.
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
        await Channel.WaitUntilAsync(() => OverdueFeed.Count == 3, "three overdue feed notifications");
        var again = await AdvanceToAsync(new DateTimeOffset(2026, 12, 10, 9, 10, 0, TimeSpan.Zero));

        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.Alsp), t => t.StartsWith($"{id} was due on 9 Dec 2026", StringComparison.Ordinal));
        Assert.Equal(
            $"{id} is overdue: it was due on 9 Dec 2026 and is with {TeamsUser.Alsp.Name}. Please check on it, or reassign it.",
            Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.LegalStaff), t => t.StartsWith($"{id} is overdue", StringComparison.Ordinal)));
        Assert.Single(Scenarios.TextsTo(Channel, TeamsUser.SecondLegalStaff), t => t.StartsWith($"{id} is overdue", StringComparison.Ordinal));
        Assert.DoesNotContain(Scenarios.TextsTo(Channel, TeamsUser.Requester), t => t.Contains("overdue", StringComparison.Ordinal));
        Assert.Equal(
            new[] { TeamsUser.Alsp.AadObjectId, TeamsUser.LegalStaff.AadObjectId, TeamsUser.SecondLegalStaff.AadObjectId }.Order(StringComparer.Ordinal).ToArray(),
            OverdueFeed.Select(n => n.UserId).Order(StringComparer.Ordinal).ToArray());
        Assert.All(OverdueFeed, n => Assert.Equal((id, "9 Dec 2026"), (n.TemplateParameters["requestNumber"], n.TemplateParameters["dueDate"])));
        Assert.All(OverdueFeed, n => Assert.Equal(("text", id), (n.TopicSource, n.TopicValue)));

        // Ten minutes on, the same notices are still owed and none is queued or sent again.
        Assert.True(again.Planned >= 6, $"planned {again.Planned}");
        Assert.Equal(0, again.Queued);
        Assert.Equal(3, OverdueFeed.Count);
        Assert.Empty(Graph.NonIndexedQueries);
    }

    [Fact]
    public async Task LegalStaff_GetTheMetricsAScorecardAnExportAndTheDigest_FromTheLists()
    {
        Start();
        var staff = As(TeamsUser.LegalStaff);
        var completed = await Scenarios.CompleteNdaAsync(Channel, As(TeamsUser.Requester), staff, As(TeamsUser.Alsp));
        var open = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Second NDA, still in triage");

        // The period ends now, and both were filed at this instant of the still clock.
        clock.Advance(TimeSpan.FromMinutes(1));
        var metrics = (await staff.SayAsync("metrics")).Card;
        var scorecard = (await staff.SayAsync("scorecard professional one")).Card;
        var export = await staff.SayAsync("export");

        Assert.Contains("Legal operations: last 30 days", metrics.Json(), StringComparison.Ordinal);
        Assert.Equal("2 requests", Scenarios.Fact(metrics, "Filed"));
        Assert.Equal("1 · 100% on time (1 of 1)", Scenarios.Fact(metrics, "Completed"));
        Assert.StartsWith("1 open", Scenarios.Fact(metrics, "Backlog"), StringComparison.Ordinal);
        Assert.Equal("EUR 480 for 4 ALSP hours · EUR 1,600 at outside counsel rates · saved EUR 1,120", Scenarios.Fact(metrics, "Cost"));
        Assert.Equal("1 received · 1 accepted · 0 declined", Scenarios.Fact(scorecard, "Assignments"));
        Assert.Contains(export.Texts, t => t.StartsWith("The export for last 30 days holds 2 requests.", StringComparison.Ordinal));

        // The day's digest (Monday, past its 08:30) counts both new requests and the one still in triage.
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero));
        var digest = Assert.Single(
            Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).SelectMany(a => new BotReplies([a]).Cards).Select(c => c.Json()),
            json => json.Contains("Legal requests on 7 Dec 2026", StringComparison.Ordinal));
        Assert.Contains($"In triage: 1 ({open})", digest, StringComparison.Ordinal);
        Assert.Contains($"New since yesterday: 2 ({completed}, {open})", digest, StringComparison.Ordinal);
        Assert.Empty(Graph.NonIndexedQueries);
    }

    private Task DeliveredAsync() => ClockedDelivery.DeliveredAsync(Channel, clock, DatabasePath);

    /// <summary>Moves the clock to <paramref name="at"/>, makes a reminder pass there, and waits until the outbox is delivered.</summary>
    private async Task<ReminderPass> AdvanceToAsync(DateTimeOffset at)
    {
        clock.Advance(at - clock.GetUtcNow());
        var pass = await Host.Services.GetRequiredService<ReminderService>().RunAsync(CancellationToken.None);
        await DeliveredAsync();
        return pass;
    }
}
