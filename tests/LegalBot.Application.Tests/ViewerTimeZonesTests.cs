using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;
using Moq;

namespace LegalBot.Application.Tests;

public sealed class ViewerTimeZonesTests
{
    private readonly Dictionary<string, string> saved = new(StringComparer.OrdinalIgnoreCase);
    private readonly Mock<IUserSettingsStore> store = new(MockBehavior.Strict);

    public ViewerTimeZonesTests()
    {
        store.Setup(s => s.SaveTimeZoneAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Callback((string id, string zone, CancellationToken _) => saved[id] = zone)
            .Returns(Task.CompletedTask);
        store.Setup(s => s.GetTimeZoneAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string id, CancellationToken _) => saved.GetValueOrDefault(id));
    }

    private ViewerTimeZones Zones(string defaultZone = "Europe/London") =>
        new(store.Object, Options.Create(new TimeZoneOptions { DefaultTimeZone = defaultZone }));

    [Fact]
    public async Task ReportedZone_IsKept_AndReadBackAfterARestart()
    {
        await Zones().RememberAsync("aad-requester", "America/New_York", CancellationToken.None);

        var afterRestart = Zones();

        Assert.Equal("America/New_York", (await afterRestart.ForAsync("aad-requester", CancellationToken.None)).Id);
        Assert.Equal("Europe/London", (await afterRestart.ForAsync("aad-someone-else", CancellationToken.None)).Id);
        Assert.Equal("Europe/London", (await afterRestart.ForAsync(null, CancellationToken.None)).Id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("Not/A_Zone")]
    [InlineData("../../etc/passwd")]
    [InlineData("/etc/localtime")]
    [InlineData("Europe/Berlin\u0000")]
    [InlineData("Europe/Berlin; DROP TABLE user_settings")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("W. Europe Standard Time")]
    [InlineData("Europe/Aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public async Task InvalidOrHostileZone_IsIgnored_AndTheKnownZoneStays(string reported)
    {
        var zones = Zones();
        await zones.RememberAsync("aad-requester", "Asia/Tokyo", CancellationToken.None);

        await zones.RememberAsync("aad-requester", reported, CancellationToken.None);

        Assert.Equal("Asia/Tokyo", (await zones.ForAsync("aad-requester", CancellationToken.None)).Id);
        Assert.Equal("Asia/Tokyo", saved["aad-requester"]);
    }

    [Fact]
    public async Task SameZoneAgain_IsNotWrittenAgain()
    {
        var zones = Zones();

        await zones.RememberAsync("aad-requester", "Asia/Tokyo", CancellationToken.None);
        await zones.RememberAsync("aad-requester", "Asia/Tokyo", CancellationToken.None);

        store.Verify(s => s.SaveTimeZoneAsync("aad-requester", "Asia/Tokyo", It.IsAny<CancellationToken>()), Times.Once());
    }

    [Fact]
    public void Default_IsTheConfiguredZone()
    {
        Assert.Equal("Europe/Berlin", Zones("Europe/Berlin").Default.Id);
        Assert.Null(ViewerTimeZones.Find("Mars/Olympus_Mons"));
        Assert.NotNull(ViewerTimeZones.Find("UTC"));
    }
}
