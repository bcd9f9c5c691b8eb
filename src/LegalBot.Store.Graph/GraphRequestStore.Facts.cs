using LegalBot.Core.Stores;
using static LegalBot.Store.Graph.ListSchema;

namespace LegalBot.Store.Graph;

/// <summary>
/// The metrics' facts from the two lists without reading them whole each time: the first read follows each list's
/// delta feed from the start (every item, a page per round trip, only the columns the facts need), and every read after
/// it only what changed since (one round trip per list when little did), taken into an in-memory
/// <see cref="RequestFactsMirror"/>. Changes made by other instances and in Microsoft Lists arrive the same way. A
/// delta token Graph no longer serves (410 Gone) reads the list whole again and replaces what was held.
/// </summary>
public sealed partial class GraphRequestStore : IRequestFacts
{
    private static readonly string[] FactsColumns =
    [
        Requests.TypeKey, Requests.State, Requests.AssigneeId, Requests.FiledAt, Requests.TargetDate, Requests.CompletedAt,
        Requests.HoursSpent, Requests.Rating, Requests.RequestVersion, Requests.SubmissionKey, Requests.ExactValues,
    ];

    private static readonly string[] FactsLineColumns =
    [
        History.RequestNumber, History.RequestVersion, History.Action, History.ActorId, History.At, History.FromState,
        History.ToState, History.AssigneeId, History.AssigneeName, History.ExactValues, History.ChangeId,
    ];

    private readonly RequestFactsMirror mirror = new();
    private readonly Lock syncGate = new();

    /// <summary>The read under way, if any.</summary>
    private Task? syncing;

    /// <summary>The read that starts once <see cref="syncing"/> ends, shared by every caller who came during it.</summary>
    private Task? queued;

    /// <summary>How many requests and history lines the facts are read from now (for the benchmark).</summary>
    public (int Requests, int Lines) FactsHeld => mirror.Size;

    /// <summary>
    /// Brings the mirror up to date, then answers from it. Every caller is answered from a read that started after it
    /// came, so what it wrote before is there: with no read under way it starts one; during one it waits for the read
    /// that follows it, which everyone arriving meanwhile shares (at most two reads a list however many callers).
    /// </summary>
    public async Task<IReadOnlyList<RequestFacts>> FactsAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default)
    {
        Task pending;
        lock (syncGate)
        {
            // Not tied to any caller's cancellation: the others wait on it too.
            if (syncing is not { IsCompleted: false })
            {
                pending = syncing = SyncFactsAsync(CancellationToken.None);
            }
            else
            {
                pending = queued ??= SyncAfterAsync(syncing);
            }
        }

        await pending.WaitAsync(cancellationToken);
        return mirror.Facts(from, to);
    }

    /// <summary>
    /// The read that follows <paramref name="before"/> (whether it succeeded or not: its callers were told). It always
    /// goes on asynchronously, so its caller, under the lock, has recorded it as <see cref="queued"/> first.
    /// </summary>
    private async Task SyncAfterAsync(Task before)
    {
        await before.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing | ConfigureAwaitOptions.ForceYielding);
        Task next;
        lock (syncGate)
        {
            queued = null;
            next = syncing = SyncFactsAsync(CancellationToken.None);
        }

        await next;
    }

    /// <summary>
    /// The history's changes first, then the requests': a change landing between the two reads shows as a request item
    /// ahead of its history line, which the item carries (and the mirror counts as owed), rather than the other way round.
    /// Nothing is taken in unless both reads succeed.
    /// </summary>
    private async Task SyncFactsAsync(CancellationToken cancellationToken)
    {
        var history = await ReadDeltaAsync(HistoryItemsApi, FactsLineColumns, mirror.HistoryToken, RequestFactsMirror.ReadLine, "read the history's changes", cancellationToken);
        var requests = await ReadDeltaAsync(RequestItemsApi, FactsColumns, mirror.RequestsToken, RequestFactsMirror.ReadRequest, "read the requests' changes", cancellationToken);
        if (history.Restarted || requests.Restarted)
        {
            Log.FactsReadAgain(logger);
        }

        mirror.Apply(history, requests);
    }
}
