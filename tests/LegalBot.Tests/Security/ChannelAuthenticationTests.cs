using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.IdentityModel.Tokens;

namespace LegalBot.Tests.Security;

/// <summary>
/// With credentials configured, in Production, <c>/api/messages</c> runs a turn only for a request that
/// carries a channel token the Bot Framework accepts; everything else is refused before the bot says a
/// word, with a plain ProblemDetails. The bot's identity endpoints are a fake identity server on loopback.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class ChannelAuthenticationTests(LoopbackTls tls) : IAsyncLifetime
{
    private const string AppId = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f";
    private const string Password = "test-secret";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    private readonly List<BotHost> hosts = [];
    private HttpClient? http;

    private FakeChannel Channel { get; set; } = null!;

    private FakeIdentityServer Identity { get; set; } = null!;

    /// <summary>A host configured to trust <see cref="Identity"/>, started on first use.</summary>
    private HttpClient Http => http ??= StartHost(Identity.BotSettings(AppId, Password));

    private static TeamsUser User => TeamsUser.Requester;

    public async Task InitializeAsync()
    {
        Channel = await FakeChannel.StartAsync();
        Channel.AddMember(User);
        Identity = await FakeIdentityServer.StartAsync(tls.ServerCertificate);
    }

    [Fact]
    public async Task NoAuthorizationHeader_Gets401_AndNoReply()
    {
        using var response = await PostAsync(authorization: null);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("Bearer not-a-jwt")]
    [InlineData("Bearer a.b.c")]
    [InlineData("Basic abc")]
    [InlineData("Bearer")]
    [InlineData("Bearer bm90IGpzb24.bm90IGpzb24.c2ln")]
    [InlineData("Bearer a b")]
    public async Task MalformedAuthorizationHeader_Gets401_AndNoReply(string header)
    {
        using var response = await PostAsync(header);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TokenSignedByAnotherKey_Gets401_AndNoReply()
    {
        using var otherRsa = RSA.Create(2048);
        var impostor = new RsaSecurityKey(otherRsa) { KeyId = Identity.SigningKey.KeyId };
        var token = Identity.ChannelToken(AppId, Channel.ServiceUrl, signWith: impostor);

        using var response = await PostAsync("Bearer " + token);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        AssertKeysWereChecked();
    }

    [Fact]
    public async Task TokenForAnotherBot_Gets401_AndNoReply()
    {
        var token = Identity.ChannelToken("7b6a5c4d-3e2f-4a1b-8c9d-0e1f2a3b4c5d", Channel.ServiceUrl);

        using var response = await PostAsync("Bearer " + token);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        AssertKeysWereChecked();
    }

    [Fact]
    public async Task ExpiredToken_Gets401_AndNoReply()
    {
        // Expired an hour ago: well past the five minutes of clock skew the Bot Framework allows.
        var token = Identity.ChannelToken(AppId, Channel.ServiceUrl, validFor: TimeSpan.FromHours(1), age: TimeSpan.FromHours(2));

        using var response = await PostAsync("Bearer " + token);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        AssertKeysWereChecked();
    }

    [Fact]
    public async Task TokenForAnotherServiceUrl_Gets401_AndNoReply()
    {
        var token = Identity.ChannelToken(AppId, new Uri("https://smba.trafficmanager.net/elsewhere/"));

        using var response = await PostAsync("Bearer " + token);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
        AssertKeysWereChecked();
    }

    [Fact]
    public async Task IdentityMetadataFailing_Gets503_NotA500()
    {
        Identity.FailMetadataWith = 500;

        using var response = await PostAsync("Bearer " + Identity.ChannelToken(AppId, Channel.ServiceUrl));

        await AssertRefusedAsync(response, HttpStatusCode.ServiceUnavailable);
        AssertKeysWereChecked();
    }

    [Fact]
    public async Task IdentityMetadataUnreachable_Gets503_NotA500()
    {
        var settings = Identity.BotSettings(AppId, Password);
        var closed = $"https://127.0.0.1:{ClosedLoopbackPort()}/.well-known/openid-configuration";
        settings["ToBotFromChannelOpenIdMetadataUrl"] = closed;
        settings["ToBotFromEmulatorOpenIdMetadataUrl"] = closed;
        http = StartHost(settings);

        using var response = await PostAsync("Bearer " + Identity.ChannelToken(AppId, Channel.ServiceUrl));

        await AssertRefusedAsync(response, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task ValidChannelToken_RunsTheTurn_AndTheBotRepliesWithItsOwnToken()
    {
        using var response = await PostAsync("Bearer " + Identity.ChannelToken(AppId, Channel.ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(new BotReplies(Channel.Posted(User.PersonalConversationId)).Cards);

        // The reply went out only after the bot got its own token with the app's credentials.
        Assert.NotEmpty(Identity.TokenRequests);
        Assert.All(Identity.TokenRequests, form =>
        {
            Assert.Equal("client_credentials", form["grant_type"]);
            Assert.Equal(AppId, form["client_id"]);
            Assert.Equal(Password, form["client_secret"]);
            Assert.Equal(FakeIdentityServer.ChannelScope + "/.default", form["scope"]);
        });
    }

    [Fact]
    public async Task CardActionWithWrongData_WithoutAToken_Gets401_NotAnAnswer()
    {
        using var response = await PostAsync(authorization: null, BrokenCardAction());

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task CardActionWithWrongData_WithAValidToken_GetsAnErrorInvokeResponse()
    {
        using var response = await PostAsync("Bearer " + Identity.ChannelToken(AppId, Channel.ServiceUrl), BrokenCardAction());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Empty(Channel.Posted(User.PersonalConversationId));
    }

    [Fact]
    public async Task EventTheBotDoesNotActOn_WithoutAToken_Gets401()
    {
        var receipt = new TeamsClient(Http, Channel, User).Message(null, null);
        receipt["type"] = "event";
        receipt["name"] = "application/vnd.microsoft.readReceipt";

        using var response = await PostAsync(authorization: null, receipt);

        await AssertRefusedAsync(response, HttpStatusCode.Unauthorized);
    }

    /// <summary>A card action whose value names its action with a string instead of the documented object.</summary>
    private JsonObject BrokenCardAction()
    {
        var activity = new TeamsClient(Http, Channel, User).Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        activity["value"] = new JsonObject { ["action"] = "request.refresh" };
        return activity;
    }

    private async Task<HttpResponseMessage> PostAsync(string? authorization, JsonObject? body = null)
    {
        var activity = body ?? new TeamsClient(Http, Channel, User).Message("help", null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages")
        {
            Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return await Http.SendAsync(request);
    }

    /// <summary>Refused with a ProblemDetails that gives nothing away, before the bot said anything.</summary>
    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!.AsObject();
        Assert.Equal((int)expected, (int?)problem["status"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)problem["title"]));
        Assert.DoesNotContain("Exception", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.DoesNotContain("IDX", body, StringComparison.Ordinal);
        Assert.DoesNotContain("stack", body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Channel.Posted(User.PersonalConversationId));
        Assert.Empty(Identity.TokenRequests);
    }

    /// <summary>The bot fetched the signing keys, so the refusal came from checking the token itself.</summary>
    private void AssertKeysWereChecked() =>
        Assert.True(Identity.MetadataRequests > 0, "The bot refused the token without fetching the identity metadata.");

    private HttpClient StartHost(IDictionary<string, string?> settings)
    {
        var host = new BotHost(Path.Combine(directory, "legalbot.db"), settings, "Production");
        hosts.Add(host);
        return host.Start();
    }

    /// <summary>A loopback port nothing listens on: bound, read, released.</summary>
    private static int ClosedLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        Assert.Empty(Channel.Unexpected);
        Assert.Empty(Identity.Unexpected);
        await Channel.DisposeAsync();
        await Identity.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Never created, or a file still closing on a slow disk; the temp folder is cleaned by the OS.
        }
    }
}
