using System.Security.Claims;
using LegalBot.Bot;
using Microsoft.Bot.Builder.Integration.AspNet.Core;
using Microsoft.Bot.Connector.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Bot;

/// <summary>The adapter asks for a connector client every turn and disposes it at the end; the shared one survives that.</summary>
public sealed class SharedConnectorAuthenticationTests
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";

    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 26, 10, 0, 0, TimeSpan.Zero));
    private readonly SharedConnectorAuthentication authentication;

    public SharedConnectorAuthenticationTests()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MicrosoftAppId"] = "" }).Build();
        authentication = new SharedConnectorAuthentication(new ConfigurationBotFrameworkAuthentication(configuration), time);
    }

    private static ClaimsIdentity Bot(string appId) =>
        new([new Claim(AuthenticationConstants.AudienceClaim, appId), new Claim(AuthenticationConstants.AppIdClaim, appId)]);

    [Fact]
    public async Task SameServiceUrlAndBot_GetsTheSameClient_StillUsableAfterTheTurnDisposedIt()
    {
        var first = await authentication.CreateConnectorFactory(Bot("bot-1")).CreateAsync(ServiceUrl, null, CancellationToken.None);
        first.Dispose();

        var second = await authentication.CreateConnectorFactory(Bot("bot-1")).CreateAsync(ServiceUrl, null, CancellationToken.None);

        Assert.Same(first, second);
        Assert.Equal(new Uri(ServiceUrl), second.BaseUri);
        Assert.NotNull(second.Conversations);
    }

    [Fact]
    public async Task OtherServiceUrlOrBot_GetsAClientOfItsOwn()
    {
        var client = await authentication.CreateConnectorFactory(Bot("bot-1")).CreateAsync(ServiceUrl, null, CancellationToken.None);

        var otherUrl = await authentication.CreateConnectorFactory(Bot("bot-1")).CreateAsync("https://smba.trafficmanager.net/amer/", null, CancellationToken.None);
        var otherBot = await authentication.CreateConnectorFactory(Bot("bot-2")).CreateAsync(ServiceUrl, null, CancellationToken.None);

        Assert.NotSame(client, otherUrl);
        Assert.NotSame(client, otherBot);
        Assert.Equal(new Uri("https://smba.trafficmanager.net/amer/"), otherUrl.BaseUri);
    }

    [Fact]
    public async Task AfterItsLifetime_AClientIsRenewed()
    {
        var factory = authentication.CreateConnectorFactory(Bot("bot-1"));
        var first = await factory.CreateAsync(ServiceUrl, null, CancellationToken.None);

        time.Advance(SharedConnectorAuthentication.Lifetime - TimeSpan.FromSeconds(1));
        var stillFirst = await factory.CreateAsync(ServiceUrl, null, CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(1));
        var renewed = await factory.CreateAsync(ServiceUrl, null, CancellationToken.None);

        Assert.Same(first, stillFirst);
        Assert.NotSame(first, renewed);
    }

    [Fact]
    public async Task UserTokenClient_IsSharedPerBot_AndSurvivesDispose()
    {
        var first = await authentication.CreateUserTokenClientAsync(Bot("bot-1"), CancellationToken.None);
        first.Dispose();

        var second = await authentication.CreateUserTokenClientAsync(Bot("bot-1"), CancellationToken.None);
        var otherBot = await authentication.CreateUserTokenClientAsync(Bot("bot-2"), CancellationToken.None);

        Assert.Same(first, second);
        Assert.NotSame(first, otherBot);
    }
}
