using LegalBot.Core.Access;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Graph.Tests;

/// <summary>
/// <see cref="GraphUserProfiles"/> against the fake Graph server: a member with a manager, a guest without one, an
/// unknown user, and each way Graph can refuse.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class UserProfileTests(LoopbackCertificate tls)
{
    private static readonly FakeUser Boss = new("b1b2c3d4-0000-4000-8000-000000000010", "Dana Boss", "dana@contoso.example", Department: "Finance", JobTitle: "CFO");
    private static readonly FakeUser Analyst = new("b1b2c3d4-0000-4000-8000-000000000011", "Ari Analyst", "ari@contoso.example", Department: "Finance", JobTitle: "Financial analyst", Manager: Boss);
    private static readonly FakeUser Guest = new("b1b2c3d4-0000-4000-8000-000000000012", "Guest Reviewer", "reviewer@provider.example", Guest: true);

    private static GraphUserProfiles Profiles(GraphTestBed bed) => new(bed.Client, NullLogger<GraphUserProfiles>.Instance);

    [Fact]
    public async Task AMember_IsReadWithTheirManager_AskingOnlyForTheFieldsShown()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddUser(Boss);
        bed.Server.AddUser(Analyst);

        var profile = await Profiles(bed).ReadAsync(Analyst.Id, CancellationToken.None);

        Assert.Equal(new UserProfile("Ari Analyst", "ari@contoso.example", "Finance", "Financial analyst", new UserManager("Dana Boss", "dana@contoso.example")), profile);
        var user = Assert.Single(bed.Server.GraphRoundTrips, r => r.Path == $"/v1.0/users/{Analyst.Id}");
        Assert.Equal("?$select=displayName,mail,department,jobTitle", user.Query);
        var manager = Assert.Single(bed.Server.GraphRoundTrips, r => r.Path == $"/v1.0/users/{Analyst.Id}/manager");
        Assert.Equal("?$select=displayName,mail", manager.Query);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task AGuestWithoutManagerOrDepartment_IsReadWithNeither()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var alsp = bed.Server.AddGroup("ALSP");
        bed.Server.AddMember(alsp, Guest);

        var profile = await Profiles(bed).ReadAsync(Guest.Id, CancellationToken.None);

        Assert.Equal(new UserProfile("Guest Reviewer", "reviewer@provider.example", null, null, null), profile);
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Path.EndsWith("/manager", StringComparison.Ordinal) && r.Status == 404);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task AnUnknownUser_HasNoProfile()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);

        Assert.Null(await Profiles(bed).ReadAsync(Analyst.Id, CancellationToken.None));
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Path == $"/v1.0/users/{Analyst.Id}" && r.Status == 404);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task AnIdThatIsNotAnObjectId_IsNotSentToGraph()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);

        Assert.Null(await Profiles(bed).ReadAsync("../sites/root?x=", CancellationToken.None));
        Assert.Empty(bed.Server.GraphRoundTrips);
    }

    [Fact]
    public async Task PermissionMissing_IsForbidden_NamingUserReadAll()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddUser(Analyst);
        bed.Server.UserReadGranted = false;

        var failure = await Assert.ThrowsAsync<UserProfileException>(() => Profiles(bed).ReadAsync(Analyst.Id, CancellationToken.None));

        Assert.Equal(UserProfileFailure.Forbidden, failure.Failure);
        Assert.Contains("User.Read.All", failure.Message, StringComparison.Ordinal);
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Status == 403);
    }

    [Fact]
    public async Task ThrottledLongerThanTheRetryBudget_IsUnavailable()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddUser(Analyst);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), PathContains: "/users/", Times: int.MaxValue));

        var failure = await Assert.ThrowsAsync<UserProfileException>(() => Profiles(bed).ReadAsync(Analyst.Id, CancellationToken.None));

        Assert.Equal(UserProfileFailure.Unavailable, failure.Failure);
    }

    [Fact]
    public async Task ThrottledBriefly_IsRetried_AndReads()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddUser(Analyst);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), PathContains: "/users/"));

        var profile = await Profiles(bed).ReadAsync(Analyst.Id, CancellationToken.None);

        Assert.Equal("Financial analyst", profile?.JobTitle);
        Assert.Contains(bed.Server.GraphRoundTrips, r => r.Status == 429);
    }
}
