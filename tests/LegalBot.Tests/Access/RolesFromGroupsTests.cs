using System.Net;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Store.Graph;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Access;

/// <summary>
/// The Microsoft 365 mode over real HTTP with roles from Entra ID groups on the fake Graph server (outside Development,
/// no roles in configuration): legal staff are the legal group's transitive members, ALSP professionals the ALSP
/// group's members with a row in the roster list, a guest among them; the groups are read every second.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class RolesFromGroupsTests(LoopbackTls tls) : SharePointHostTest(tls, "6c7d8e9f-0a1b-4c2d-8e3f-4a5b6c7d8e9f", "roles-from-groups-secret")
{
    private const string NotLegalStaff = "Metrics are for the legal team. Type **my requests** to see yours.";

    /// <summary>How long a change in a group may take to show: the 1-second refresh, with room for a loaded machine.</summary>
    private static readonly TimeSpan WithinTheInterval = TimeSpan.FromSeconds(15);

    /// <summary>An ALSP professional from a provider firm, invited to the tenant as a guest (B2B).</summary>
    private static readonly TeamsUser GuestPro = new("Guest Reviewer", "f6a7b8c9-d0e1-4f2a-8b3c-5d6e7f809102", "reviewer@provider.example", TeamsUser.DefaultTenant);

    private FakeGroup legalGroup = null!;
    private FakeGroup counselGroup = null!;
    private FakeGroup alspGroup = null!;

    private static FakeUser InEntra(TeamsUser user, bool guest = false) => new(user.AadObjectId, user.Name, user.Email, guest);

    protected override void Arrange()
    {
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, GuestPro })
        {
            Channel.AddMember(user);
        }

        // Legal staff through a nested group; the guest professional directly in the ALSP group.
        legalGroup = Graph.AddGroup("Legal department");
        counselGroup = Graph.AddGroup("In-house counsel");
        Graph.AddMember(legalGroup, counselGroup);
        Graph.AddMember(counselGroup, InEntra(TeamsUser.LegalStaff));
        alspGroup = Graph.AddGroup("ALSP professionals");
        Graph.AddMember(alspGroup, InEntra(GuestPro, guest: true));
        Graph.Seed(Assert.Single(Site.AllLists, l => l.DisplayName == "ALSP Roster"),
        [
            new Dictionary<string, object?>
            {
                [ListSchema.Roster.Title] = GuestPro.Name,
                [ListSchema.Roster.ProfessionalId] = GuestPro.AadObjectId,
                [ListSchema.Roster.Email] = GuestPro.Email,
                [ListSchema.Roster.Firm] = "Guest Provider LLP",
                [ListSchema.Roster.Specialties] = "nda; contract-review",
                [ListSchema.Roster.HourlyRate] = 140,
                [ListSchema.Roster.WeeklyCapacity] = 4,
            },
        ]);
    }

    private async Task StartAsync(Dictionary<string, string?>? extra = null, bool waitReady = true)
    {
        var settings = Settings(new Dictionary<string, string?>
        {
            ["Roles:LegalStaffGroupId"] = legalGroup.Id,
            ["Roles:AlspGroupId"] = alspGroup.Id,
            ["Roles:RefreshInterval"] = "00:00:01",
        });
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        StartHost(settings, testRoster: false);
        if (waitReady)
        {
            await WaitUntilAsync(async () => (await ReadyAsync()) == HttpStatusCode.OK, "ready: the groups read once");
        }
    }

    private async Task<HttpStatusCode> ReadyAsync()
    {
        using var ready = await Http.GetAsync(new Uri("/readyz", UriKind.Relative));
        return ready.StatusCode;
    }

    private async Task<bool> IsLegalStaffAsync(TeamsUser user) =>
        !(await As(user).SayAsync("metrics")).Texts.Contains(NotLegalStaff);

    /// <summary>Checks the condition after each read of the groups (what can change it), until it holds.</summary>
    private async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var status = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Access.RoleDirectoryStatus>(Host.Services);
        using var timeout = new CancellationTokenSource(WithinTheInterval);
        var reads = status.Attempts;
        while (!await condition())
        {
            try
            {
                await status.WaitForAttemptsAsync(++reads, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new Xunit.Sdk.XunitException($"Not within {WithinTheInterval}: {what}");
            }
        }
    }

    [Fact]
    public async Task AUserAddedToTheLegalStaffGroup_GetsTriageCards_AndRemoved_CanNoLongerTriage()
    {
        await StartAsync();
        Assert.True(await IsLegalStaffAsync(TeamsUser.LegalStaff), "a member of the nested group is legal staff");
        Assert.False(await IsLegalStaffAsync(TeamsUser.SecondLegalStaff));
        var before = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, before);

        Graph.AddMember(legalGroup, InEntra(TeamsUser.SecondLegalStaff));
        await WaitUntilAsync(() => IsLegalStaffAsync(TeamsUser.SecondLegalStaff), "the added member is legal staff");
        var after = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.SecondLegalStaff, after);
        Assert.Contains("Guest Reviewer", triage.Json(), StringComparison.Ordinal);
        Assert.Null(Scenarios.LatestCard(Channel, TeamsUser.SecondLegalStaff, before));

        Graph.RemoveMember(legalGroup, InEntra(TeamsUser.SecondLegalStaff));
        await WaitUntilAsync(async () => !await IsLegalStaffAsync(TeamsUser.SecondLegalStaff), "the removed member is no longer legal staff");
        var refused = await As(TeamsUser.SecondLegalStaff).ExecuteAsync(
            triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, GuestPro.AadObjectId));

        // No longer legal staff, they cannot see the request at all (answered as for an unknown id).
        Assert.Equal($"I couldn't find {after} among the requests you can see. Type my requests to list yours.", refused.Message);
        var status = (await As(TeamsUser.Requester).SayAsync($"status {after}")).Card.Json();
        Assert.DoesNotContain("Assigned", status, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AGuestInTheAlspGroup_WithARosterRow_ReceivesTheAssignment_AndAcceptsIt()
    {
        await StartAsync();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        Assert.Contains("Guest Provider LLP", triage.Json(), StringComparison.Ordinal);

        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, GuestPro.AadObjectId));
        var assignment = await Scenarios.CardAboutAsync(Channel, GuestPro, id);
        var accepted = await As(GuestPro).ExecuteAsync(assignment, "Accept");

        Assert.Contains("In progress", accepted.Card.Json(), StringComparison.Ordinal);
        Assert.Contains(Channel.Created, c => (string?)c["members"]![0]!["id"] == GuestPro.AadObjectId);
    }

    [Fact]
    public async Task GroupsUnreadable_KeepTheLastRead_ThenARemovalTakesEffectOnceTheyAreBack()
    {
        await StartAsync();
        Graph.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), PathContains: "/groups/", Times: int.MaxValue));
        Graph.RemoveMember(counselGroup, InEntra(TeamsUser.LegalStaff));

        // Several refreshes fail meanwhile; the legal staff member read before keeps the role.
        await WaitUntilAsync(() => Task.FromResult(Host.Logs.Entries.Count(e => e.EventId.Id == 2031) >= 3), "three failed refreshes");
        Assert.True(await IsLegalStaffAsync(TeamsUser.LegalStaff), "the last good read stays in force");
        Assert.Equal(HttpStatusCode.OK, await ReadyAsync());
        Assert.Contains("Unavailable", Host.Logs.Entries.First(e => e.EventId.Id == 2031).Message, StringComparison.Ordinal);

        Graph.ClearFaults();
        await WaitUntilAsync(async () => !await IsLegalStaffAsync(TeamsUser.LegalStaff), "the removal takes effect once Graph answers");
    }

    [Fact]
    public async Task WithoutGroupMemberReadAll_ItIsNotReady_AndOnlyTheConfiguredRolesHold_UntilGranted()
    {
        Graph.GroupMemberReadGranted = false;
        await StartAsync(new() { ["Roles:LegalStaff:0"] = TeamsUser.SecondLegalStaff.AadObjectId }, waitReady: false);
        await WaitUntilAsync(() => Task.FromResult(Host.Logs.Entries.Any(e => e.EventId.Id == 2034)), "the refusal logged");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadyAsync());
        Assert.True(await IsLegalStaffAsync(TeamsUser.SecondLegalStaff), "configured legal staff");
        Assert.False(await IsLegalStaffAsync(TeamsUser.LegalStaff), "group members wait for the first read");
        Assert.Contains("GroupMember.Read.All", Host.Logs.Entries.First(e => e.EventId.Id == 2034).Exception!.Message, StringComparison.Ordinal);

        Graph.GroupMemberReadGranted = true;
        await WaitUntilAsync(async () => await ReadyAsync() == HttpStatusCode.OK, "ready once the permission is granted");
        Assert.True(await IsLegalStaffAsync(TeamsUser.LegalStaff));
    }
}
