using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace LegalBot.Store.Graph.Tests;

/// <summary>The tests that talk to the fake Graph server share its loopback certificate, which their clients pin.</summary>
[CollectionDefinition(Name)]
public sealed class GraphServerCollection : ICollectionFixture<LoopbackCertificate>
{
    public const string Name = "Fake Graph server";
}

/// <summary>A fake Graph server with one site and an app registration, and the real Graph client pointed at it.</summary>
public sealed class GraphTestBed : IAsyncDisposable
{
    public const string ClientId = "0f9a1c2e-3b4d-4e5f-8a6b-7c8d9e0f1a2b";
    public const string ClientSecret = "test-secret-value";

    private readonly LoopbackCertificate certificate;

    private GraphTestBed(FakeGraphServer server, FakeSite site, LoopbackCertificate certificate)
    {
        this.certificate = certificate;
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
        Client = CreateClient();
    }

    public FakeGraphServer Server { get; }

    public FakeSite Site { get; }

    public GraphStoreOptions Options { get; }

    public GraphServiceClient Client { get; }

    public static async Task<GraphTestBed> StartAsync(LoopbackCertificate tls)
    {
        var server = await FakeGraphServer.StartAsync(tls.ServerCertificate);
        server.RegisterClient(ClientId, ClientSecret);
        return new GraphTestBed(server, server.AddSite(), tls);
    }

    /// <summary>A Graph client for the current <see cref="Options"/>, trusting the fake's certificate.</summary>
    public GraphServiceClient CreateClient() => GraphClients.Create(Options, certificate.CreatePinnedHandler());

    /// <summary>The anonymous adapter upload ranges go through, trusting the fake's certificate.</summary>
    public Microsoft.Kiota.Abstractions.IRequestAdapter CreateUploadAdapter() => GraphClients.CreateUploadAdapter(certificate.CreatePinnedHandler());

    public ListProvisioner Provisioner() =>
        new(Client, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ListProvisioner>.Instance);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
