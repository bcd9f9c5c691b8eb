using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Store.Tests;

/// <summary>The stores one deployment uses, as a contract suite sees them.</summary>
/// <param name="Facts">The metrics' facts, where the backend reads them in one pass (null where it does not).</param>
public sealed record StoreSet(IRequestStore Requests, INotificationStore Notifications, IStateStore State, IRequestFacts? Facts = null);

/// <summary>
/// A store backend under test: it creates the stores one deployment uses over fresh, empty data for one test and
/// removes that data afterwards. Each implementation (SQLite; a SharePoint list with a local outbox; PostgreSQL)
/// adds one backend, and every contract suite runs against it by naming it as its type argument.
/// </summary>
public interface IStoreBackend : IAsyncDisposable
{
    /// <summary>
    /// Stores over this backend's data, empty when the backend is new; a second call gives another set over the same
    /// data, as another process or instance would have.
    /// </summary>
    Task<StoreSet> CreateAsync(TimeProvider time);
}

/// <summary>
/// The one parameterised base of the store contract suites: a fresh backend per test, on a fake clock. The suites
/// deriving from it assert only what the store interfaces promise.
/// </summary>
public abstract class StoreContract<TBackend> : IAsyncLifetime
    where TBackend : IStoreBackend, new()
{
    protected static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 30, 0, TimeSpan.Zero);

    private StoreSet? _stores;

    /// <summary>The backend, for a derived class's tests of what only that implementation does.</summary>
    protected TBackend Backend { get; } = new();

    protected FakeTimeProvider Time { get; } = new(Start);

    protected IRequestStore Requests => Stores.Requests;

    protected INotificationStore Notifications => Stores.Notifications;

    protected IStateStore State => Stores.State;

    protected IRequestFacts Facts => Stores.Facts ?? throw new InvalidOperationException("This backend gives no metrics' facts.");

    private StoreSet Stores => _stores ?? throw new InvalidOperationException("The stores are not created yet.");

    /// <summary>
    /// Moves <paramref name="request"/> by <paramref name="action"/> to <paramref name="to"/> at <paramref name="at"/>
    /// (now on the fake clock when not given), asserting that the change lands; the request as it now is.
    /// </summary>
    protected async Task<LegalRequest> MoveAsync(
        LegalRequest request, string action, RequestState to, Person actor, DateTimeOffset? at = null, Person? assignee = null, decimal? hours = null, int? rating = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var change = new RequestChange
        {
            ChangeId = Guid.NewGuid().ToString("N"),
            Number = request.Number,
            ExpectedVersion = request.Version,
            To = to,
            Actor = actor,
            Action = action,
            At = at ?? Time.GetUtcNow(),
            ChangesAssignee = assignee is not null,
            Assignee = assignee,
            HoursSpent = hours,
            Rating = rating,
        };
        return Assert.IsType<ChangeOutcome.Applied>(await Requests.ApplyAsync(change)).Request;
    }

    public virtual async Task InitializeAsync() => _stores = await Backend.CreateAsync(Time);

    public virtual async Task DisposeAsync() => await Backend.DisposeAsync();
}

/// <summary>The embedded store: requests and notifications in one SQLite file in a temporary folder.</summary>
public sealed class SqliteBackend : IStoreBackend
{
    internal TempDatabase Database { get; } = new();

    public Task<StoreSet> CreateAsync(TimeProvider time) =>
        Task.FromResult(new StoreSet(Database.OpenStore(), Database.OpenWorkflowStore(time), Database.OpenStateStore(time), new SqliteRequestFacts(Database.Open())));

    public ValueTask DisposeAsync()
    {
        Database.Dispose();
        return ValueTask.CompletedTask;
    }
}
