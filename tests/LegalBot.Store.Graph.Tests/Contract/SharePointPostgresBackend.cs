using LegalBot.Core.Stores;
using LegalBot.Store.Postgres;
using LegalBot.Store.Tests;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// Requests in the SharePoint lists as in <see cref="SharePointBackend"/>; the outbox and dialog state in a PostgreSQL
/// database that holds only those (no requests table rows to refer to), as several instances of the Microsoft 365 mode
/// share them (<c>Store:LocalProvider=Postgres</c>).
/// </summary>
public sealed class SharePointPostgresBackend : SharePointBackend
{
    private readonly PostgresBackend local = new();

    protected override async Task<(INotificationStore Notifications, IStateStore State)> OpenLocalStoresAsync(TimeProvider time)
    {
        var options = new PostgresStoreOptions { EnforceRequestReferences = false };
        var database = await local.OpenAsync(options);
        return (
            new PostgresNotificationStore(database, time, Microsoft.Extensions.Options.Options.Create(options), NullLogger<PostgresNotificationStore>.Instance),
            new PostgresStateStore(database, time, NullLogger<PostgresStateStore>.Instance));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await local.DisposeAsync();
    }
}
