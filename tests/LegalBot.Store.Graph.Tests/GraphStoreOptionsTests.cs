using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LegalBot.Store.Graph.Tests;

public sealed class GraphStoreOptionsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Store:Graph:TenantId"] = "2b1c9d7e-4f3a-4e8b-9c6d-5a4b3c2d1e0f",
        ["Store:Graph:ClientId"] = "0f9a1c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b",
        ["Store:Graph:ClientSecret"] = "secret",
        ["Store:Graph:SiteId"] = "contoso.sharepoint.com,3f2e1d0c-b9a8-4765-8432-10fedcba9876,0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d",
    };

    [Fact]
    public void ValidSettings_BindWithDefaultsForTheListsAndCloud()
    {
        var options = Resolve(Valid);

        Assert.Equal("Legal Requests", options.RequestsList);
        Assert.Equal("Legal Request History", options.HistoryList);
        Assert.Equal(GraphCloud.Global, options.Cloud);
        Assert.Equal(GraphCredentialKind.ClientSecret, options.Credential);
    }

    [Theory]
    [InlineData("Store:Graph:TenantId", "", "Store:Graph:TenantId")]
    [InlineData("Store:Graph:TenantId", "contoso", "Store:Graph:TenantId")]
    [InlineData("Store:Graph:ClientId", "", "Store:Graph:ClientId")]
    [InlineData("Store:Graph:ClientSecret", "", "Store:Graph:ClientSecret")]
    [InlineData("Store:Graph:SiteId", "", "Store:Graph:SiteId")]
    [InlineData("Store:Graph:RequestsList", "", "Store:Graph:RequestsList")]
    [InlineData("Store:Graph:HistoryList", "Legal Requests", "Store:Graph:HistoryList")]
    [InlineData("Store:Graph:RosterList", "", "Store:Graph:RosterList")]
    [InlineData("Store:Graph:RosterList", "legal request history", "Store:Graph:RosterList")]
    [InlineData("Store:Graph:TeamsAppId", "LegalBot", "Store:Graph:TeamsAppId")]
    [InlineData("Store:Graph:GraphBaseUrl", "http://graph.example.test/v1.0", "Store:Graph:GraphBaseUrl")]
    [InlineData("Store:Graph:AuthorityHost", "http://login.example.test/", "Store:Graph:AuthorityHost")]
    [InlineData("Store:Graph:Credential", "Certificate", "Store:Graph:CertificatePath")]
    [InlineData("Store:Graph:CertificatePath", "/no/such/file.pfx", "Store:Graph:CertificatePath")]
    [InlineData("Store:Graph:EditPollInterval", "00:00:00", "Store:Graph:EditPollInterval")]
    [InlineData("Store:Graph:StatsCacheDuration", "02:00:00", "Store:Graph:StatsCacheDuration")]
    [InlineData("Store:Graph:StatsCacheDuration", "-00:00:01", "Store:Graph:StatsCacheDuration")]
    public void AMissingOrUnusableSetting_FailsAtStart_NamingTheKey(string key, string value, string named)
    {
        var settings = new Dictionary<string, string?>(Valid) { [key] = value };
        if (key == "Store:Graph:CertificatePath")
        {
            settings["Store:Graph:Credential"] = "Certificate";
        }

        var error = Assert.Throws<OptionsValidationException>(() => Resolve(settings));

        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ManagedIdentity_NeedsNoClientIdOrSecret()
    {
        var settings = new Dictionary<string, string?>(Valid)
        {
            ["Store:Graph:Credential"] = "ManagedIdentity",
            ["Store:Graph:ClientId"] = null,
            ["Store:Graph:ClientSecret"] = null,
        };

        Assert.Equal(GraphCredentialKind.ManagedIdentity, Resolve(settings).Credential);
    }

    private static GraphStoreOptions Resolve(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        using var provider = new ServiceCollection().AddLogging().AddGraphLists(configuration).BuildServiceProvider();
        return provider.GetRequiredService<IOptions<GraphStoreOptions>>().Value;
    }
}
