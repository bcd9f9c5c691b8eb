using LegalBot.Core.Access;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;
using Roster = LegalBot.Store.Graph.ListSchema.Roster;

namespace LegalBot.Store.Graph.Tests;

/// <summary>
/// <see cref="GraphRoleDirectory"/> against the fake Graph server: transitive members of both groups (nested groups,
/// guests, paging by nextLink) and the roster list, and each way Graph can refuse.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class RoleDirectoryTests(LoopbackCertificate tls)
{
    private static readonly FakeUser Counsel = new("a1b2c3d4-0000-4000-8000-000000000001", "Counsel", "counsel@contoso.example");
    private static readonly FakeUser Paralegal = new("a1b2c3d4-0000-4000-8000-000000000002", "Paralegal", "paralegal@contoso.example");
    private static readonly FakeUser Guest = new("a1b2c3d4-0000-4000-8000-000000000003", "Guest Reviewer", "reviewer@provider.example", Guest: true);
    private static readonly FakeUser Member = new("a1b2c3d4-0000-4000-8000-000000000004", "Provider Member", "member@provider.example");

    private static GraphRoleDirectory Directory(GraphTestBed bed, FakeGroup? legal, FakeGroup? alsp) => new(
        bed.Client,
        Microsoft.Extensions.Options.Options.Create(bed.Options),
        Microsoft.Extensions.Options.Options.Create(new RoleOptions { LegalStaffGroupId = legal?.Id, AlspGroupId = alsp?.Id }),
        NullLogger<GraphRoleDirectory>.Instance);

    private static Dictionary<string, object?> Row(FakeUser user, string firm, string specialties, decimal? rate, int? capacity) => new()
    {
        [Roster.Title] = user.DisplayName,
        [Roster.ProfessionalId] = user.Id,
        [Roster.Email] = user.Mail,
        [Roster.Firm] = firm,
        [Roster.Specialties] = specialties,
        [Roster.HourlyRate] = rate,
        [Roster.WeeklyCapacity] = capacity,
    };

    private static async Task<FakeList> ProvisionedRosterAsync(GraphTestBed bed)
    {
        var lists = await bed.Provisioner().EnsureListsAsync();
        return bed.Site.FindList(lists.RosterListId)!;
    }

    [Fact]
    public async Task Read_FlattensNestedGroups_CountsGuests_AndFollowsEveryPage()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var roster = await ProvisionedRosterAsync(bed);
        var legal = bed.Server.AddGroup("Legal");
        var counsel = bed.Server.AddGroup("Counsel (nested)");
        bed.Server.AddMember(legal, counsel);
        bed.Server.AddMember(counsel, Counsel);
        bed.Server.AddMember(legal, Paralegal);
        bed.Server.AddMember(counsel, Paralegal);
        var alsp = bed.Server.AddGroup("ALSP");
        bed.Server.AddMember(alsp, Guest);
        bed.Server.AddMember(alsp, Member);
        bed.Server.Seed(roster, [Row(Guest, "Provider Firm", "nda, contract-review", 95.5m, 4), Row(Member, "Provider Firm", "nda", 120m, 6)]);
        bed.Server.MemberPageLimit = 1;
        bed.Server.ClearRequests();

        // The directory asks for 999 a page; the fake answers at most what it is told to, as Graph may.
        var read = await Directory(bed, legal, alsp).ReadAsync(CancellationToken.None);

        Assert.Equal([Counsel.Id, Paralegal.Id], read.LegalStaffMembers!.Order(StringComparer.Ordinal));
        Assert.Equal([Guest.Id, Member.Id], read.AlspMembers!.Order(StringComparer.Ordinal));
        var guest = Assert.Single(read.Roster, r => r.Professional.AadObjectId == Guest.Id).Professional;
        Assert.Equal(("Guest Reviewer", "reviewer@provider.example", "Provider Firm", 95.5m, 4), (guest.Name, guest.Email, guest.Firm, guest.HourlyRate, guest.WeeklyCapacity));
        Assert.Equal(["nda", "contract-review"], guest.Specialties);
        var memberCalls = bed.Server.GraphRoundTrips.Where(r => r.Path.Contains("/transitiveMembers/", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, memberCalls.Count);
        Assert.All(memberCalls, r =>
        {
            Assert.Equal("eventual", r.Headers["ConsistencyLevel"]);
            Assert.Contains("$select=id", r.Query, StringComparison.Ordinal);
            Assert.Equal(200, r.Status);
        });
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Read_WithoutAnAlspGroup_ReadsNeitherItNorTheRoster()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var legal = bed.Server.AddGroup("Legal");
        bed.Server.AddMember(legal, Counsel);

        var read = await Directory(bed, legal, alsp: null).ReadAsync(CancellationToken.None);

        Assert.Equal([Counsel.Id], read.LegalStaffMembers!);
        Assert.Null(read.AlspMembers);
        Assert.Empty(read.Roster);
        Assert.DoesNotContain(bed.Server.GraphRoundTrips, r => r.Path.Contains("/lists/", StringComparison.Ordinal));
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Read_KeepsARosterRowWithMissingOrWrongValues_AsIs_ForTheRulesToName()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var roster = await ProvisionedRosterAsync(bed);
        var alsp = bed.Server.AddGroup("ALSP");
        bed.Server.AddMember(alsp, Member);
        bed.Server.Seed(roster, [Row(Member, "Provider Firm", "nda", rate: null, capacity: null)]);

        var read = await Directory(bed, legal: null, alsp).ReadAsync(CancellationToken.None);

        var row = Assert.Single(read.Roster);
        Assert.StartsWith("ALSP Roster item ", row.Source, StringComparison.Ordinal);
        Assert.Equal(
            ["HourlyRate must be between 0 and 10000", "WeeklyCapacity must be between 0 and 100"],
            row.Professional.Problems(new HashSet<string> { "nda" }));
    }

    [Fact]
    public async Task UnknownGroup_IsGroupNotFound_NamingTheKey()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var missing = new FakeGroup(Guid.NewGuid().ToString(), "Deleted");

        var failure = await Assert.ThrowsAsync<RoleDirectoryException>(() => Directory(bed, missing, alsp: null).ReadAsync(CancellationToken.None));

        Assert.Equal(RoleDirectoryFailure.GroupNotFound, failure.Failure);
        Assert.Contains("Roles:LegalStaffGroupId", failure.Message, StringComparison.Ordinal);
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Status == 404);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task PermissionMissing_IsForbidden_NamingGroupMemberReadAll()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var legal = bed.Server.AddGroup("Legal");
        bed.Server.GroupMemberReadGranted = false;

        var failure = await Assert.ThrowsAsync<RoleDirectoryException>(() => Directory(bed, legal, alsp: null).ReadAsync(CancellationToken.None));

        Assert.Equal(RoleDirectoryFailure.Forbidden, failure.Failure);
        Assert.Contains("GroupMember.Read.All", failure.Message, StringComparison.Ordinal);
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Status == 403);
    }

    [Fact]
    public async Task ThrottledLongerThanTheRetryBudget_IsUnavailable_WithoutWaitingItOut()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var legal = bed.Server.AddGroup("Legal");
        bed.Server.AddMember(legal, Counsel);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), PathContains: "/groups/", Times: int.MaxValue));
        var started = TimeProvider.System.GetTimestamp();

        var failure = await Assert.ThrowsAsync<RoleDirectoryException>(() => Directory(bed, legal, alsp: null).ReadAsync(CancellationToken.None));

        Assert.Equal(RoleDirectoryFailure.Unavailable, failure.Failure);
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(15), "a 30-second Retry-After is not waited for");
    }

    [Fact]
    public async Task ThrottledBriefly_IsRetried_AfterRetryAfter_AndReads()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var legal = bed.Server.AddGroup("Legal");
        bed.Server.AddMember(legal, Counsel);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), PathContains: "/groups/"));

        var read = await Directory(bed, legal, alsp: null).ReadAsync(CancellationToken.None);

        Assert.Equal([Counsel.Id], read.LegalStaffMembers!);
        Assert.Equal([429, 200], bed.Server.GraphRoundTrips.Where(r => r.Path.Contains("/groups/", StringComparison.Ordinal)).Select(r => r.Status));
    }

    [Fact]
    public async Task RosterListMissing_IsRosterNotFound()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var alsp = bed.Server.AddGroup("ALSP");

        var failure = await Assert.ThrowsAsync<RoleDirectoryException>(() => Directory(bed, legal: null, alsp).ReadAsync(CancellationToken.None));

        Assert.Equal(RoleDirectoryFailure.RosterNotFound, failure.Failure);
        Assert.Contains("Store:Graph:RosterList", failure.Message, StringComparison.Ordinal);
    }
}
