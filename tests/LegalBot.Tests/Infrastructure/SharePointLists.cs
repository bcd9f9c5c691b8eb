using LegalBot.Store.Graph;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Tests.Infrastructure;

/// <summary>The Microsoft 365 mode's lists on a fake Graph server, as an administrator's <c>provision</c> run leaves them.</summary>
public static class SharePointLists
{
    /// <summary>
    /// Registers the app, adds a site and provisions both lists on it with the real Graph client, then puts the lists
    /// past the list view threshold at once: any query on a non-indexed column fails, as on a large list. The client
    /// trusts the server's loopback certificate through <paramref name="transport"/> (one that pins it), or else
    /// through <see cref="LegalBot.Testing.LoopbackTls"/>.
    /// </summary>
    public static async Task<FakeSite> ProvisionAsync(FakeGraphServer graph, string clientId, string secret, HttpMessageHandler? transport = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        graph.RegisterClient(clientId, secret);
        var site = graph.AddSite();
        var options = new GraphStoreOptions
        {
            TenantId = graph.TenantId,
            ClientId = clientId,
            ClientSecret = secret,
            SiteId = site.Id,
            GraphBaseUrl = graph.GraphBaseUrl,
            AuthorityHost = graph.BaseUrl,
        };
        using (var client = GraphClients.Create(options, transport))
        {
            await new ListProvisioner(client, Microsoft.Extensions.Options.Options.Create(options), NullLogger<ListProvisioner>.Instance).EnsureListsAsync();
        }

        graph.ListViewThreshold = 1;
        return site;
    }
}
