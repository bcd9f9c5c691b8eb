using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Export;

/// <summary>A consent card accepted after <c>Export:ConsentLifetime</c> uploads nothing and says so.</summary>
public sealed class ExportExpiryTests : HostTestBase
{
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Export:ConsentLifetime"] = "00:30:00" };

    protected override TimeProvider HostClock => clock;

    [Fact]
    public async Task AnAcceptAfterTheLifetime_IsStale()
    {
        var staff = As(TeamsUser.LegalStaff);
        var consent = Assert.Single((await staff.SayAsync("export")).FileConsents);

        clock.Advance(TimeSpan.FromMinutes(31));
        var late = await staff.AcceptFileAsync(consent);

        Assert.Equal(200, late.Status);
        Assert.Equal("That export has expired. Type **export** (or **export this quarter**) for a new one.", Assert.Single(late.Replies.Texts));
        Assert.Equal(0, Channel.OneDrive.Requests);
    }

    [Fact]
    public async Task AnAcceptWithinTheLifetime_Uploads_TheHeaderOnly_WhenThereAreNoRequests()
    {
        var staff = As(TeamsUser.LegalStaff);
        var consent = Assert.Single((await staff.SayAsync("export")).FileConsents);

        clock.Advance(TimeSpan.FromMinutes(29));
        var accepted = await staff.AcceptFileAsync(consent);

        Assert.Single(accepted.Replies.FileInfos);
        Assert.Single(Rfc4180.ParseUtf8WithBom(Assert.Single(Channel.OneDrive.Uploads).Bytes));
    }

    [Fact]
    public async Task AnUnansweredOffer_IsRemovedFromBotState_OnceItHasExpired_AndALiveOneIsKept()
    {
        var staff = As(TeamsUser.LegalStaff);
        var old = Assert.Single((await staff.SayAsync("export")).FileConsents);
        clock.Advance(TimeSpan.FromMinutes(20));
        var fresh = Assert.Single((await staff.SayAsync("export last 7 days")).FileConsents);
        var state = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<LegalBot.Core.Stores.IStateStore>(Host.Services);
        string Key(System.Text.Json.Nodes.JsonObject consent) =>
            "export-consent/" + (string)BotReplies.FileConsentOf(consent)["content"]!["acceptContext"]!["exportId"]!;
        Assert.Equal(2, (await state.ReadAsync([Key(old), Key(fresh)])).Count);

        // 31 minutes after the first offer (lifetime 30 minutes, plus two upload timeouts): the sweep runs on its
        // interval and takes the first offer only.
        clock.Advance(TimeSpan.FromMinutes(11));
        await Channel.WaitUntilAsync(
            () => state.ReadAsync([Key(old)]).GetAwaiter().GetResult().Count == 0,
            "the expired offer is swept");

        Assert.Single(await state.ReadAsync([Key(fresh)]));
        Assert.Equal(200, (await staff.AcceptFileAsync(fresh)).Status);
        Assert.Single(Channel.OneDrive.Uploads);
    }
}
