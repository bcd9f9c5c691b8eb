using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph.Tests;

[Collection(GraphServerCollection.Name)]
public sealed class GraphClientsTests(LoopbackCertificate tls)
{
    [Fact]
    public async Task Client_GetsAnAppTokenFromTheAuthority_AndReadsTheSite()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);

        var site = await bed.Client.Sites[bed.Site.Id].GetAsync();

        Assert.Equal(bed.Site.DisplayName, site!.DisplayName);
        var token = Assert.Single(bed.Server.Requests, r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
        Assert.Equal($"/{bed.Server.TenantId}/oauth2/v2.0/token", token.Path);
        Assert.Contains("client_credentials", token.Body, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString($"https://127.0.0.1:{bed.Server.BaseUrl.Port}/.default"), token.Body, StringComparison.Ordinal);
        var read = Assert.Single(bed.Server.GraphRoundTrips);
        Assert.Equal(200, read.Status);
        Assert.StartsWith("Bearer graph-", read.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Client_WithAWrongSecret_GetsNoTokenAndSendsNothingToGraph()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Options.ClientSecret = "not-the-secret";
        using var client = bed.CreateClient();

        await Assert.ThrowsAsync<Azure.Identity.AuthenticationFailedException>(() => client.Sites[bed.Site.Id].GetAsync());

        Assert.Empty(bed.Server.GraphRoundTrips);
    }

    [Fact]
    public async Task CertificateCredential_FromAPfxFile_SignsAnAssertionTheAuthorityAccepts()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        const string certificateClient = "7e6d5c4b-3a29-4180-9f7e-6d5c4b3a2918";
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=LegalBot Graph test app", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        var pfx = Path.Combine(Path.GetTempPath(), $"legalbot-graph-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, certificate.Export(X509ContentType.Pkcs12, "pfx-password"));
        try
        {
            bed.Server.RegisterClient(certificateClient, certificate);
            bed.Options.ClientId = certificateClient;
            bed.Options.Credential = GraphCredentialKind.Certificate;
            bed.Options.CertificatePath = pfx;
            bed.Options.CertificatePassword = "pfx-password";
            using var client = bed.CreateClient();

            var site = await client.Sites[bed.Site.Id].GetAsync();

            Assert.Equal(bed.Site.Id, site!.Id);
            var token = Assert.Single(bed.Server.Requests, r => r.Path.EndsWith("/oauth2/v2.0/token", StringComparison.Ordinal));
            Assert.Contains("client_assertion=", token.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("client_secret", token.Body, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task CertificateCredential_WithAnUnregisteredCertificate_GetsNoToken()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        using var registeredKey = RSA.Create(2048);
        using var otherKey = RSA.Create(2048);
        var now = TimeProvider.System.GetUtcNow();
        using var registered = new CertificateRequest("CN=registered", registeredKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        using var other = new CertificateRequest("CN=other", otherKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        var pfx = Path.Combine(Path.GetTempPath(), $"legalbot-graph-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(pfx, other.Export(X509ContentType.Pkcs12));
        try
        {
            bed.Server.RegisterClient(GraphTestBed.ClientId, registered);
            bed.Options.Credential = GraphCredentialKind.Certificate;
            bed.Options.CertificatePath = pfx;
            using var client = bed.CreateClient();

            await Assert.ThrowsAsync<Azure.Identity.AuthenticationFailedException>(() => client.Sites[bed.Site.Id].GetAsync());

            Assert.Empty(bed.Server.GraphRoundTrips);
        }
        finally
        {
            File.Delete(pfx);
        }
    }

    [Fact]
    public async Task Latency_IsAddedToEveryGraphAnswer()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        await bed.Client.Sites[bed.Site.Id].GetAsync();
        bed.Server.Latency = TimeSpan.FromMilliseconds(300);
        var clock = Stopwatch.StartNew();

        await bed.Client.Sites[bed.Site.Id].GetAsync();

        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(290), $"answered in {clock.Elapsed}");
    }

    [Fact]
    public async Task DroppedConnection_SurfacesAsAnHttpError_AndTheNextRequestWorks()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddFault(new GraphFault(0, PathContains: "/sites/", Abort: true));

        await Assert.ThrowsAsync<HttpRequestException>(() => bed.Client.Sites[bed.Site.Id].GetAsync());
        var site = await bed.Client.Sites[bed.Site.Id].GetAsync();

        Assert.Equal(bed.Site.Id, site!.Id);
        Assert.Equal([0, 200], bed.Server.GraphRoundTrips.Select(r => r.Status));
    }

    [Fact]
    public async Task Throttled_WithRetryAfter_IsRetriedByTheSdkPipeline_AfterTheWait()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(1), Method: "GET", PathContains: "/sites/"));
        var clock = Stopwatch.StartNew();

        var site = await bed.Client.Sites[bed.Site.Id].GetAsync();

        Assert.Equal(bed.Site.Id, site!.Id);
        Assert.Equal([429, 200], bed.Server.GraphRoundTrips.Select(r => r.Status));
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30));
        Assert.Equal("1", bed.Server.GraphRoundTrips[1].Headers["Retry-Attempt"]);
    }

    [Fact]
    public async Task ServiceUnavailable_WithRetryAfter_IsRetriedByTheSdkPipeline()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddFault(new GraphFault(503, RetryAfter: TimeSpan.Zero, PathContains: "/sites/", Times: 2));

        var site = await bed.Client.Sites[bed.Site.Id].GetAsync();

        Assert.Equal(bed.Site.Id, site!.Id);
        Assert.Equal([503, 503, 200], bed.Server.GraphRoundTrips.Select(r => r.Status));
    }

    [Fact]
    public async Task Throttled_Persistently_SurfacesTheSdksTooManyRetries_AfterThreeRetries()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.Zero, PathContains: "/sites/", Times: int.MaxValue));

        var error = await Assert.ThrowsAsync<AggregateException>(() => bed.Client.Sites[bed.Site.Id].GetAsync());

        Assert.StartsWith("Too many retries performed", error.Message, StringComparison.Ordinal);
        Assert.All(error.InnerExceptions, e => Assert.Equal(429, Assert.IsType<ApiException>(e).ResponseStatusCode));
        Assert.Equal(4, bed.Server.GraphRoundTrips.Count);
    }

    [Fact]
    public async Task Unreachable_Graph_FailsWithAConnectionError_AndWorksAgainWhenBack()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        await bed.Client.Sites[bed.Site.Id].GetAsync();
        await bed.Server.GoOfflineAsync();

        await Assert.ThrowsAsync<HttpRequestException>(() => bed.Client.Sites[bed.Site.Id].GetAsync());

        await bed.Server.GoOnlineAsync();
        var site = await bed.Client.Sites[bed.Site.Id].GetAsync();
        Assert.Equal(bed.Site.Id, site!.Id);
    }

    [Theory]
    [InlineData(GraphCloud.Global, "https://graph.microsoft.com/v1.0", "https://login.microsoftonline.com/")]
    [InlineData(GraphCloud.USGov, "https://graph.microsoft.us/v1.0", "https://login.microsoftonline.us/")]
    [InlineData(GraphCloud.USGovDoD, "https://dod-graph.microsoft.us/v1.0", "https://login.microsoftonline.us/")]
    [InlineData(GraphCloud.China, "https://microsoftgraph.chinacloudapi.cn/v1.0", "https://login.chinacloudapi.cn/")]
    public void Cloud_SetsBothTheGraphAddressAndTheAuthority(GraphCloud cloud, string graph, string authority)
    {
        var endpoints = GraphEndpoints.For(new GraphStoreOptions { Cloud = cloud });

        Assert.Equal(new Uri(graph), endpoints.GraphBaseUrl);
        Assert.Equal(new Uri(authority), endpoints.AuthorityHost);
        Assert.False(endpoints.IsCustomAuthority);
        Assert.Equal($"{new Uri(graph).GetLeftPart(UriPartial.Authority)}/.default", endpoints.Scope);
    }

    [Theory]
    [InlineData("https://127.0.0.1:8443/", true)]
    [InlineData("https://login.example.test/", true)]
    [InlineData("https://login.microsoftonline.us/", false)]
    [InlineData("https://login.chinacloudapi.cn/", false)]
    public void CredentialOptions_SignInAtTheAuthority_WithoutInstanceDiscoveryOutsideMicrosoftsHosts(string authority, bool custom)
    {
        var endpoints = GraphEndpoints.For(new GraphStoreOptions { AuthorityHost = new Uri(authority) });

        var secret = GraphClients.Configure(new Azure.Identity.ClientSecretCredentialOptions(), endpoints, null);
        var certificate = GraphClients.Configure(new Azure.Identity.ClientCertificateCredentialOptions(), endpoints, null);

        Assert.Equal(new Uri(authority), secret.AuthorityHost);
        Assert.Equal(custom, secret.DisableInstanceDiscovery);
        Assert.Equal(new Uri(authority), certificate.AuthorityHost);
        Assert.Equal(custom, certificate.DisableInstanceDiscovery);
    }

    [Fact]
    public void Overrides_ReplaceTheCloudsAddresses_AndMarkTheAuthorityAsCustom()
    {
        var endpoints = GraphEndpoints.For(new GraphStoreOptions
        {
            Cloud = GraphCloud.USGov,
            GraphBaseUrl = new Uri("https://graph.example.test/v1.0/"),
            AuthorityHost = new Uri("https://login.example.test/"),
        });

        Assert.Equal(new Uri("https://graph.example.test/v1.0"), endpoints.GraphBaseUrl);
        Assert.Equal("graph.example.test", endpoints.GraphHost);
        Assert.True(endpoints.IsCustomAuthority);
    }
}
