using LegalBot.Hosting;
using LegalBot.Store.Graph;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Security;
using Microsoft.Extensions.Configuration;

namespace LegalBot.Tests.Hosting;

/// <summary>
/// <c>provision</c> as an administrator runs it, against the fake Graph server over trusted loopback TLS with the
/// real Graph client and credential: what it prints, what it changes, and what a second run does.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class ProvisionCommandTests(LoopbackTls tls) : IAsyncLifetime
{
    private const string ClientId = "6a7b8c9d-0e1f-4a2b-9c3d-4e5f6a7b8c9d";
    private const string Secret = "provision-secret";

    private FakeGraphServer graph = null!;
    private FakeSite site = null!;

    public async Task InitializeAsync()
    {
        graph = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        graph.RegisterClient(ClientId, Secret);
        site = graph.AddSite();
    }

    public async Task DisposeAsync() => await graph.DisposeAsync();

    private Dictionary<string, string?> Settings() => graph.BotSettings(ClientId, Secret, site);

    private static async Task<(int Exit, string Output)> RunAsync(Dictionary<string, string?> settings)
    {
        using var output = new StringWriter();
        var exit = await ProvisionCommand.RunAsync(["provision"], output, c => c.AddInMemoryCollection(settings));
        return (exit, output.ToString());
    }

    [Fact]
    public async Task FirstRun_CreatesTheLists_AndSaysWhat_SecondRunChangesNothing()
    {
        var (exit, output) = await RunAsync(Settings());

        Assert.Equal(ProvisionCommand.Done, exit);
        Assert.Contains("created list 'Legal Requests'", output, StringComparison.Ordinal);
        Assert.Contains("created list 'Legal Request History'", output, StringComparison.Ordinal);
        Assert.Contains("created list 'ALSP Roster'", output, StringComparison.Ordinal);
        Assert.Contains("Done: 3 change(s).", output, StringComparison.Ordinal);
        Assert.Equal(3, site.AllLists.Count);
        var requestsId = Assert.Single(site.AllLists, l => l.DisplayName == "Legal Requests").Id;
        Assert.Contains("Requests list id: " + requestsId, output, StringComparison.Ordinal);
        Assert.Contains("Roster list id: " + Assert.Single(site.AllLists, l => l.DisplayName == "ALSP Roster").Id, output, StringComparison.Ordinal);

        graph.ClearRequests();
        var (again, secondOutput) = await RunAsync(Settings());

        Assert.Equal(ProvisionCommand.Done, again);
        Assert.Contains("Every list is up to date; nothing was changed.", secondOutput, StringComparison.Ordinal);
        Assert.All(graph.GraphRoundTrips, r => Assert.Equal("GET", r.Method));
        Assert.Equal(3, site.AllLists.Count);
        Assert.Empty(graph.Unknown);
    }

    [Fact]
    public async Task MissingSettings_NameTheKeys_AndTouchNothing()
    {
        var settings = Settings();
        settings.Remove("Store:Graph:SiteId");
        settings.Remove("Store:Graph:ClientSecret");

        var (exit, output) = await RunAsync(settings);

        Assert.Equal(ProvisionCommand.BadSettings, exit);
        Assert.Contains("Store:Graph:SiteId", output, StringComparison.Ordinal);
        Assert.Contains("Store:Graph:ClientSecret", output, StringComparison.Ordinal);
        Assert.Empty(graph.GraphRoundTrips);
        Assert.Empty(site.AllLists);
    }

    [Fact]
    public async Task AListWithAColumnOfTheWrongType_IsReported_AndLeftAlone()
    {
        var existing = graph.AddList(site, "Legal Requests", new FakeColumn(ListSchema.Requests.RequestNumber, ColumnKind.Boolean));

        var (exit, output) = await RunAsync(Settings());

        Assert.Equal(ProvisionCommand.SchemaConflict, exit);
        Assert.Contains(ListSchema.Requests.RequestNumber, output, StringComparison.Ordinal);
        Assert.Single(existing.AllColumns, c => c.Name == ListSchema.Requests.RequestNumber);
        Assert.DoesNotContain(site.AllLists, l => l.DisplayName == "Legal Request History");
    }

    [Fact]
    public async Task AWrongSecret_IsReported_WithoutAStackTrace()
    {
        var settings = Settings();
        settings["Store:Graph:ClientSecret"] = "not-the-secret";

        var (exit, output) = await RunAsync(settings);

        Assert.Equal(ProvisionCommand.SignInFailed, exit);
        Assert.Contains("Signing in to Microsoft Entra ID as app " + ClientId + " failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("not-the-secret", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.Empty(site.AllLists);
    }

    [Fact]
    public async Task GraphUnreachable_IsReported_WithoutAStackTrace()
    {
        var settings = Settings();
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            settings["Store:Graph:GraphBaseUrl"] = $"https://127.0.0.1:{((System.Net.IPEndPoint)listener.LocalEndpoint).Port}/v1.0";
        }

        var (exit, output) = await RunAsync(settings);

        Assert.Equal(ProvisionCommand.GraphFailed, exit);
        Assert.Contains("Microsoft Graph could not be reached", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }
}
