using LegalBot.Core.Access;

namespace LegalBot.Core.Tests.Access;

public sealed class RoleOptionsTests
{
    private static readonly string[] TypeKeys = ["nda", "contract-review"];

    private static AlspProfessional Professional(string id = "a1", string name = "Professional") =>
        new() { AadObjectId = id, Name = name, Specialties = ["nda"], HourlyRate = 120, WeeklyCapacity = 5 };

    [Fact]
    public void Validate_AValidRoster_HasNoErrors()
    {
        var options = new RoleOptions { LegalStaff = ["s1", "s2"], Alsp = [Professional("a1"), Professional("a2")] };

        Assert.Empty(RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true));
    }

    [Fact]
    public void Validate_NoLegalStaff_FailsOnlyWhenRequired()
    {
        var options = new RoleOptions { LegalStaff = ["", "  "] };

        Assert.Contains(RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true), e => e.StartsWith("Roles:LegalStaff is empty", StringComparison.Ordinal));
        Assert.Empty(RoleOptions.Validate(options, TypeKeys, requireLegalStaff: false));
    }

    [Fact]
    public void Validate_RepeatedStaffId_NamesBothEntries_IgnoringCaseAndSpaces()
    {
        var options = new RoleOptions { LegalStaff = ["S1", "x", " s1 "] };

        Assert.Equal(["Roles:LegalStaff:2 repeats Roles:LegalStaff:0"], RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true));
    }

    [Fact]
    public void Validate_BadProfessional_NamesEveryKey()
    {
        var bad = new AlspProfessional { AadObjectId = " ", Name = "", Specialties = ["nda", "ndaa"], HourlyRate = -1, WeeklyCapacity = 1000 };
        var options = new RoleOptions { LegalStaff = ["s1"], Alsp = [Professional("a1"), bad, Professional("A1")] };

        var errors = RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true);

        Assert.Equal(
            [
                "Roles:Alsp:1:AadObjectId is required",
                "Roles:Alsp:1:Name is required",
                "Roles:Alsp:1:HourlyRate must be between 0 and 10000",
                "Roles:Alsp:1:WeeklyCapacity must be between 0 and 100",
                "Roles:Alsp:1:Specialties:1 'ndaa' is not a request type key of the catalog",
                "Roles:Alsp:2:AadObjectId repeats Roles:Alsp:0:AadObjectId",
            ],
            errors);
    }

    [Fact]
    public void Validate_ALegalStaffGroup_StandsInForTheList_OutsideDevelopment()
    {
        var options = new RoleOptions { LegalStaffGroupId = "3b2f6d1e-8c4a-4f0e-9b7d-2a1c5e8f0d3b" };

        Assert.Empty(RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true));
    }

    [Fact]
    public void Validate_GroupIdsThatAreNotGuids_AndARefreshIntervalOutOfRange_NameTheirKeys()
    {
        var options = new RoleOptions { LegalStaff = ["s1"], LegalStaffGroupId = "Legal Team", AlspGroupId = "alsp", RefreshInterval = TimeSpan.FromHours(2) };

        Assert.Equal(
            [
                "Roles:RefreshInterval must be between 00:00:01 and 01:00:00",
                "Roles:LegalStaffGroupId must be the object id (a GUID) of a Microsoft Entra ID group",
                "Roles:AlspGroupId must be the object id (a GUID) of a Microsoft Entra ID group",
            ],
            RoleOptions.Validate(options, TypeKeys, requireLegalStaff: true));
    }
}
