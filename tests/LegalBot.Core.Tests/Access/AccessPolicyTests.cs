using LegalBot.Core.Access;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Access;

public sealed class AccessPolicyTests
{
    private const string Requester = "6f1c8a2e-0000-4000-8000-000000000001";
    private const string Colleague = "6f1c8a2e-0000-4000-8000-000000000002";
    private const string Counsel = "6f1c8a2e-0000-4000-8000-0000000000aa";

    private static readonly AccessPolicy Policy = new(new RoleOptions { LegalStaff = [Counsel] });

    private static LegalRequest RequestBy(string aadObjectId)
    {
        var at = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        return new LegalRequest
        {
            Number = new RequestNumber(1042),
            Details = new RequestDraft { TypeKey = "nda", Title = "Supplier NDA", Description = "We will share our roadmap.", BusinessUnit = "Sales", Priority = Priority.Normal },
            Requester = new Person(aadObjectId, "Requester"),
            State = RequestState.Submitted,
            CreatedAt = at,
            UpdatedAt = at,
            TargetDate = new DateOnly(2026, 11, 30),
            Version = 1,
        };
    }

    [Fact]
    public void Requester_SeesTheirOwnRequest() =>
        Assert.True(Policy.CanView(RequestBy(Requester), Requester));

    [Fact]
    public void AnotherRequester_DoesNotSeeIt() =>
        Assert.False(Policy.CanView(RequestBy(Requester), Colleague));

    [Fact]
    public void LegalStaff_SeeEveryRequest()
    {
        Assert.True(Policy.CanView(RequestBy(Requester), Counsel));
        Assert.True(Policy.CanView(RequestBy(Colleague), Counsel));
    }

    [Fact]
    public void Ids_AreComparedIgnoringCase()
    {
        Assert.True(Policy.CanView(RequestBy(Requester), Requester.ToUpperInvariant()));
        Assert.True(Policy.CanView(RequestBy(Requester.ToUpperInvariant()), Requester));
        Assert.True(Policy.CanView(RequestBy(Colleague), Counsel.ToUpperInvariant()));
        Assert.Equal(Role.LegalStaff, Policy.RoleOf(Counsel.ToUpperInvariant()));
    }

    [Fact]
    public void RoleOf_KnowsLegalStaffFromConfiguration()
    {
        Assert.Equal(Role.LegalStaff, Policy.RoleOf(Counsel));
        Assert.Equal(Role.Requester, Policy.RoleOf(Requester));
    }

    [Fact]
    public void NoLegalStaffConfigured_EveryoneIsARequester()
    {
        var policy = new AccessPolicy(new RoleOptions());

        Assert.Equal(Role.Requester, policy.RoleOf(Counsel));
        Assert.False(policy.CanView(RequestBy(Requester), Counsel));
    }

    [Fact]
    public void BlankIdsInConfiguration_AreIgnored()
    {
        var policy = new AccessPolicy(new RoleOptions { LegalStaff = ["", "   ", Counsel] });

        Assert.Equal(Role.Requester, policy.RoleOf(""));
        Assert.Equal(Role.Requester, policy.RoleOf("   "));
        Assert.False(policy.CanView(RequestBy(Requester), ""));
        Assert.False(policy.CanView(RequestBy(Requester), "   "));
        Assert.Equal(Role.LegalStaff, policy.RoleOf(Counsel));
    }

    [Theory]
    [InlineData("", "")]
    [InlineData(" ", " ")]
    [InlineData("", "  ")]
    public void BlankViewerId_NeverMatchesABlankRequesterId(string requester, string viewer) =>
        Assert.False(Policy.CanView(RequestBy(requester), viewer));

    [Fact]
    public void ConfiguredIds_AreTrimmed() =>
        Assert.Equal(Role.LegalStaff, new AccessPolicy(new RoleOptions { LegalStaff = ["  " + Counsel + "\n"] }).RoleOf(Counsel));

    [Fact]
    public void SimilarIds_DoNotMatch()
    {
        Assert.False(Policy.CanView(RequestBy(Requester), Requester + "x"));
        Assert.False(Policy.CanView(RequestBy(Requester), Requester[..^1]));
        Assert.Equal(Role.Requester, Policy.RoleOf(Counsel[..^1]));
    }
}
