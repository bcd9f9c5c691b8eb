using LegalBot.Core.Access;

namespace LegalBot.Core.Tests.Access;

/// <summary>How a read of the groups and roster combines with the configured roles.</summary>
public sealed class AccessPolicyDirectoryTests
{
    private const string ConfiguredCounsel = "7a000000-0000-4000-8000-000000000001";
    private const string GroupCounsel = "7a000000-0000-4000-8000-000000000002";
    private const string ConfiguredPro = "7a000000-0000-4000-8000-000000000003";
    private const string GuestPro = "7a000000-0000-4000-8000-000000000004";
    private const string NoRowPro = "7a000000-0000-4000-8000-000000000005";
    private const string RowOnly = "7a000000-0000-4000-8000-000000000006";

    private static readonly HashSet<string> Types = new(StringComparer.Ordinal) { "nda", "contract-review" };

    private static RoleOptions Options() => new()
    {
        LegalStaff = [ConfiguredCounsel],
        Alsp = [Pro(ConfiguredPro, "Configured Pro", "Configured Firm", 100)],
        LegalStaffGroupId = Guid.NewGuid().ToString(),
        AlspGroupId = Guid.NewGuid().ToString(),
    };

    private static AlspProfessional Pro(string id, string name, string firm, decimal rate) =>
        new() { AadObjectId = id, Name = name, Firm = firm, Specialties = ["nda"], HourlyRate = rate, WeeklyCapacity = 3 };

    private static RoleDirectoryRead Read(string[] legal, string[] alsp, params AlspProfessional[] rows) =>
        new(new HashSet<string>(legal, StringComparer.OrdinalIgnoreCase), new HashSet<string>(alsp, StringComparer.OrdinalIgnoreCase),
            [.. rows.Select((p, i) => new RosterRow($"ALSP Roster item {i + 1}", p))]);

    [Fact]
    public void BeforeAnyRead_OnlyTheConfiguredRolesHold()
    {
        var policy = new AccessPolicy(Options());

        Assert.Equal(Role.LegalStaff, policy.RoleOf(ConfiguredCounsel));
        Assert.Equal(Role.Requester, policy.RoleOf(GroupCounsel));
        Assert.Equal([ConfiguredPro], policy.Roster.Select(p => p.AadObjectId));
    }

    [Fact]
    public void GroupMembersJoinTheConfiguredRoles_AProfessionalNeedsARosterRow_RowsOfNonMembersAreNotUsed()
    {
        var policy = new AccessPolicy(Options());

        var outcome = policy.Apply(
            Read([GroupCounsel], [GuestPro, NoRowPro], Pro(GuestPro, "Guest Pro", "Guest Firm", 90), Pro(RowOnly, "Former", "Firm", 80)),
            Types);

        Assert.Equal([ConfiguredCounsel, GroupCounsel], policy.LegalStaff.Order(StringComparer.Ordinal));
        Assert.Equal(Role.AlspProfessional, policy.RoleOf(GuestPro));
        Assert.Equal("Guest Firm", policy.Professional(GuestPro)!.Firm);
        Assert.Equal(Role.Requester, policy.RoleOf(NoRowPro));
        Assert.Equal(Role.Requester, policy.RoleOf(RowOnly));
        Assert.Equal(Role.AlspProfessional, policy.RoleOf(ConfiguredPro));
        Assert.Equal((2, 2), (outcome.LegalStaff, outcome.Alsp));
        Assert.Equal([NoRowPro], outcome.AlspMembersWithoutRosterRow);
        Assert.Empty(outcome.RejectedRows);
    }

    [Fact]
    public void ANewRead_ReplacesTheLastWhole_ARemovedMemberLosesTheRole_TheConfiguredKeepIt()
    {
        var policy = new AccessPolicy(Options());
        policy.Apply(Read([GroupCounsel, ConfiguredCounsel], [GuestPro], Pro(GuestPro, "Guest Pro", "Guest Firm", 90)), Types);
        var staffBefore = policy.LegalStaff;

        policy.Apply(Read([], []), Types);

        Assert.Equal(Role.Requester, policy.RoleOf(GroupCounsel));
        Assert.Equal(Role.Requester, policy.RoleOf(GuestPro));
        Assert.Null(policy.Professional(GuestPro));
        Assert.Equal(Role.LegalStaff, policy.RoleOf(ConfiguredCounsel));
        Assert.Equal(Role.AlspProfessional, policy.RoleOf(ConfiguredPro));

        // A caller still enumerating the earlier snapshot sees it unchanged.
        Assert.Equal(2, staffBefore.Count);
    }

    [Fact]
    public void RowsBreakingTheRosterRules_OrRepeated_AreNotUsed_AndSaySo()
    {
        var policy = new AccessPolicy(Options());
        var bad = Pro(GuestPro, "Guest Pro", "Guest Firm", 90);
        bad.Specialties = ["litigation"];

        var outcome = policy.Apply(Read([], [GuestPro, NoRowPro], bad, Pro(NoRowPro, "Pro", "Firm", 10), Pro(NoRowPro, "Pro again", "Firm", 20)), Types);

        Assert.Equal(Role.Requester, policy.RoleOf(GuestPro));
        Assert.Equal("Pro", policy.Professional(NoRowPro)!.Name);
        Assert.Equal(
            ["ALSP Roster item 1: Specialties:0 'litigation' is not a request type key of the catalog", $"ALSP Roster item 3: a second row for {NoRowPro}"],
            outcome.RejectedRows);
        Assert.Equal([GuestPro], outcome.AlspMembersWithoutRosterRow);
    }

    [Fact]
    public void OutsideDevelopment_LegalStaffComeFirst_AndTheRosterRowDescribesAConfiguredProfessional()
    {
        var policy = new AccessPolicy(Options(), configurationWins: false);

        policy.Apply(Read([ConfiguredPro], [ConfiguredPro], Pro(ConfiguredPro, "From the list", "List Firm", 140)), Types);

        Assert.Equal(Role.LegalStaff, policy.RoleOf(ConfiguredPro));
        Assert.Equal(("From the list", 140m), (policy.Professional(ConfiguredPro)!.Name, policy.Professional(ConfiguredPro)!.HourlyRate));
    }

    [Fact]
    public void InDevelopment_TheConfigurationWins_AListedProfessionalStaysOne_WithTheConfiguredEntry()
    {
        var policy = new AccessPolicy(Options(), configurationWins: true);

        policy.Apply(Read([ConfiguredPro, GroupCounsel], [ConfiguredPro], Pro(ConfiguredPro, "From the list", "List Firm", 140)), Types);

        Assert.Equal(Role.AlspProfessional, policy.RoleOf(ConfiguredPro));
        Assert.DoesNotContain(ConfiguredPro, policy.LegalStaff);
        Assert.Equal(("Configured Pro", 100m), (policy.Professional(ConfiguredPro)!.Name, policy.Professional(ConfiguredPro)!.HourlyRate));
        Assert.Equal(Role.LegalStaff, policy.RoleOf(GroupCounsel));
    }
}
