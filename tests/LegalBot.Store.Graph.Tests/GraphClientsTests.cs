using System.Diagnostics;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Kiota.Abstractions;

namespace LegalBot.Store.Graph.Tests;

[Collection(GraphServerCollection.Name)]
public sealed class GraphClientsTests(LoopbackTls tls)
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
        using var client = GraphClients.Create(bed.Options);

        await Assert.ThrowsAsync<Azure.Identity.AuthenticationFailedException>(() => client.Sites[bed.Site.Id].GetAsync());

        Assert.Empty(bed.Server.GraphRoundTrips);
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
