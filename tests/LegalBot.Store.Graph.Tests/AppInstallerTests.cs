using LegalBot.Core.Sending;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Graph.Tests;

/// <summary>
/// <see cref="GraphAppInstaller"/> against the fake Graph server: the app installed for someone who lacks it and its
/// chat found, an installation already there used as it is, and each way Graph refuses, as the reason the outbox keeps.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class AppInstallerTests(LoopbackCertificate tls)
{
    private static readonly FakeUser Guest = new("b2c3d4e5-0000-4000-8000-000000000001", "Guest Reviewer", "reviewer@provider.example", Guest: true);
    private static readonly FakeUser Member = new("b2c3d4e5-0000-4000-8000-000000000002", "Provider Member", "member@provider.example");

    private static (GraphAppInstaller Installer, FakeTeamsApp App) Installer(GraphTestBed bed)
    {
        var app = bed.Server.AddCatalogApp("9d1c0a7e-5b3f-4e2d-8c6a-1f0e9d8c7b6a", "LegalBot");
        var alsp = bed.Server.AddGroup("ALSP");
        bed.Server.AddMember(alsp, Guest);
        bed.Server.AddMember(alsp, Member);
        bed.Options.TeamsAppId = app.Id;
        return (new GraphAppInstaller(bed.Client, Microsoft.Extensions.Options.Options.Create(bed.Options), NullLogger<GraphAppInstaller>.Instance), app);
    }

    private static int Installs(GraphTestBed bed) =>
        bed.Server.GraphRoundTrips.Count(r => r.Method == "POST" && r.Path.EndsWith("/teamwork/installedApps", StringComparison.Ordinal));

    [Fact]
    public async Task ForSomeoneWithoutTheApp_InstallsIt_AndReturnsItsChatWithThem()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, app) = Installer(bed);

        var chat = await installer.PersonalChatAsync(Guest.Id, CancellationToken.None);

        Assert.Equal(FakeGraphServer.ChatId(Guest.Id, app.Id), chat);
        Assert.Equal([Guest.Id], bed.Server.InstalledFor(app));
        var install = Assert.Single(bed.Server.GraphRoundTrips, r => r.Method == "POST");
        Assert.Equal(201, install.Status);
        Assert.Contains($"/appCatalogs/teamsApps/{app.Id}", install.Body, StringComparison.Ordinal);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task WhenTheUserAlreadyHasIt_UsesThatInstallation_WithoutInstallingAgain()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, app) = Installer(bed);
        bed.Server.InstallByUser(Member.Id, app);

        var chat = await installer.PersonalChatAsync(Member.Id, CancellationToken.None);

        Assert.Equal(FakeGraphServer.ChatId(Member.Id, app.Id), chat);
        Assert.Equal(0, Installs(bed));
    }

    [Fact]
    public async Task InstalledMeanwhile_TheConflictIsTakenAsInstalled()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, app) = Installer(bed);
        bed.Server.BeforeInstall = user => bed.Server.InstallByUser(user, app);

        var chat = await installer.PersonalChatAsync(Guest.Id, CancellationToken.None);

        Assert.Equal(FakeGraphServer.ChatId(Guest.Id, app.Id), chat);
        Assert.Equal(409, Assert.Single(bed.Server.GraphRoundTrips, r => r.Method == "POST").Status);
    }

    [Fact]
    public async Task BlockedByTheAppPolicy_IsAppBlocked_AndNotWorthRetrying()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, app) = Installer(bed);
        bed.Server.BlockApp(Guest.Id);

        var refused = await Assert.ThrowsAsync<RecipientUnreachableException>(() => installer.PersonalChatAsync(Guest.Id, CancellationToken.None));

        Assert.Equal((UnreachableReason.AppBlocked, false), (refused.Reason, refused.Retry));
        Assert.Empty(bed.Server.InstalledFor(app));
    }

    [Fact]
    public async Task SomeoneNotInTheDirectory_IsNotInDirectory()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, _) = Installer(bed);

        var refused = await Assert.ThrowsAsync<RecipientUnreachableException>(() => installer.PersonalChatAsync("c3d4e5f6-0000-4000-8000-00000000dead", CancellationToken.None));

        Assert.Equal(UnreachableReason.NotInDirectory, refused.Reason);
        Assert.Equal(0, Installs(bed));
    }

    [Fact]
    public async Task WithoutThePermission_IsNotPermitted()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, _) = Installer(bed);
        bed.Server.AppInstallationGranted = false;

        var refused = await Assert.ThrowsAsync<RecipientUnreachableException>(() => installer.PersonalChatAsync(Guest.Id, CancellationToken.None));

        Assert.Equal(UnreachableReason.NotPermitted, refused.Reason);
        Assert.Equal(403, Assert.Single(bed.Server.GraphRoundTrips).Status);
    }

    [Fact]
    public async Task AnAppIdNotInTheCatalog_IsAppNotInCatalog()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (_, _) = Installer(bed);
        bed.Options.TeamsAppId = "0e0e0e0e-0000-4000-8000-000000000000";
        var installer = new GraphAppInstaller(bed.Client, Microsoft.Extensions.Options.Options.Create(bed.Options), NullLogger<GraphAppInstaller>.Instance);

        var refused = await Assert.ThrowsAsync<RecipientUnreachableException>(() => installer.PersonalChatAsync(Guest.Id, CancellationToken.None));

        Assert.Equal(UnreachableReason.AppNotInCatalog, refused.Reason);
    }

    [Fact]
    public async Task ThrottledPastTheRetryBudget_IsBusy_AndWorthRetrying_ThenInstallsOnceGraphAnswers()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (installer, app) = Installer(bed);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), Method: "POST", PathContains: "/teamwork/installedApps", Times: int.MaxValue));

        var refused = await Assert.ThrowsAsync<RecipientUnreachableException>(() => installer.PersonalChatAsync(Guest.Id, CancellationToken.None));
        Assert.Equal((UnreachableReason.Busy, true), (refused.Reason, refused.Retry));
        Assert.Empty(bed.Server.InstalledFor(app));

        bed.Server.ClearFaults();
        Assert.Equal(FakeGraphServer.ChatId(Guest.Id, app.Id), await installer.PersonalChatAsync(Guest.Id, CancellationToken.None));
    }
}
