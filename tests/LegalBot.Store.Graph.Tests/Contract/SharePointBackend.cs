using LegalBot.Core.Stores;
using LegalBot.Store.Tests;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Graph;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// Requests in SharePoint lists through the real Graph client, over a fake Graph server started for the test with
/// freshly provisioned lists; the outbox in a temporary SQLite file, as a SharePoint deployment keeps it locally.
/// The fake's list view threshold is set to one item, so any query on a non-indexed column would fail as it does on a
/// large list; the backend records such queries and anything the fake does not know, for the suites to assert empty.
/// </summary>
public class SharePointBackend : IStoreBackend
{
    public const string ClientId = "5d2b7e1a-9c4f-4a8e-b3d6-1f0e2c4a6b8d";
    public const string ClientSecret = "contract-secret";

    private static readonly LoopbackCertificate Tls = new();

    private readonly TempDatabase outbox = new();
    private GraphServiceClient? client;

    public FakeGraphServer Server { get; private set; } = null!;

    public GraphStoreOptions Options { get; private set; } = null!;

    /// <summary>The site holding both lists.</summary>
    public FakeSite Site { get; private set; } = null!;

    /// <summary>The requests list, to edit as a person would in Microsoft Lists.</summary>
    public FakeList RequestsList => Site.FindList(Options.RequestsList) ?? throw new InvalidOperationException("The lists are not provisioned.");

    /// <summary>The history list.</summary>
    public FakeList HistoryList => Site.FindList(Options.HistoryList) ?? throw new InvalidOperationException("The lists are not provisioned.");

    public async Task<StoreSet> CreateAsync(TimeProvider time)
    {
        if (client is not null)
        {
            // A second set over the same lists and outbox, as another host instance would have.
            return await StoresAsync(time);
        }

        Server = await FakeGraphServer.StartAsync(Tls.ServerCertificate, time);
        Server.RegisterClient(ClientId, ClientSecret);
        var site = Site = Server.AddSite();
        Options = new GraphStoreOptions
        {
            TenantId = Server.TenantId,
            ClientId = ClientId,
            ClientSecret = ClientSecret,
            SiteId = site.Id,
            GraphBaseUrl = Server.GraphBaseUrl,
            AuthorityHost = Server.BaseUrl,
        };
        client = GraphClients.Create(Options, Tls.CreatePinnedHandler());
        await new ListProvisioner(client, Microsoft.Extensions.Options.Options.Create(Options), NullLogger<ListProvisioner>.Instance).EnsureListsAsync();
        Server.ListViewThreshold = 1;
        Server.ClearRequests();
        return await StoresAsync(time);
    }

    private async Task<StoreSet> StoresAsync(TimeProvider time)
    {
        var (notifications, state) = await OpenLocalStoresAsync(time);
        var store = CreateStore(time);
        return new(store, notifications, state, store);
    }

    /// <summary>The outbox and dialog state beside the lists: here in a local SQLite file, as one instance keeps them.</summary>
    protected virtual Task<(INotificationStore Notifications, IStateStore State)> OpenLocalStoresAsync(TimeProvider time) =>
        Task.FromResult<(INotificationStore, IStateStore)>(
            (outbox.OpenWorkflowStore(time, enforceRequestReferences: false), outbox.OpenStateStore(time)));

    /// <summary>Another store on the same lists (as a second host instance would be).</summary>
    public GraphRequestStore CreateStore(TimeProvider? time = null, GraphStoreOptions? options = null) =>
        new(client ?? throw new InvalidOperationException("The backend is not created yet."), Microsoft.Extensions.Options.Options.Create(options ?? Options), NullLogger<GraphRequestStore>.Instance, time);

    /// <summary>Ends the test, failing it if the store queried a non-indexed column or sent anything the fake does not implement.</summary>
    public virtual async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        client?.Dispose();
        outbox.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
            Assert.Empty(Server.NonIndexedQueries);
            Assert.Empty(Server.Unknown);
        }
    }
}
