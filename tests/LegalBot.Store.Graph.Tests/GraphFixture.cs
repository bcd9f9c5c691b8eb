using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace LegalBot.Store.Graph.Tests;

/// <summary>The tests that talk to the fake Graph server share the trusted loopback certificate and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class GraphServerCollection : ICollectionFixture<LoopbackTls>
{
    public const string Name = "Fake Graph server";
}

/// <summary>A fake Graph server with one site and an app registration, and the real Graph client pointed at it.</summary>
public sealed class GraphTestBed : IAsyncDisposable
{
    public const string ClientId = "0f9a1c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b";
    public const string ClientSecret = "test-secret-value";

    private GraphTestBed(FakeGraphServer server, FakeSite site)
    {
        Server = server;
        Site = site;
        Options = new GraphStoreOptions
        {
            TenantId = server.TenantId,
            ClientId = ClientId,
            Credential = GraphCredentialKind.ClientSecret,
            ClientSecret = ClientSecret,
            SiteId = site.Id,
            GraphBaseUrl = server.GraphBaseUrl,
            AuthorityHost = server.BaseUrl,
        };
        Client = GraphClients.Create(Options);
    }

    public FakeGraphServer Server { get; }

    public FakeSite Site { get; }

    public GraphStoreOptions Options { get; }

    public GraphServiceClient Client { get; }

    public static async Task<GraphTestBed> StartAsync(LoopbackTls tls)
    {
        var server = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        server.RegisterClient(ClientId, ClientSecret);
        return new GraphTestBed(server, server.AddSite());
    }

    public ListProvisioner Provisioner() =>
        new(Client, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ListProvisioner>.Instance);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
