using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Store.Graph;

/// <summary>
/// The professionals' figures (open assignments, completed, on time) that every legal staff card shows, counted from
/// the list at most once per <see cref="GraphStoreOptions.StatsCacheDuration"/> instead of once per card. This
/// instance's own changes are applied to the counts as they land, so whoever assigns sees the load move at once;
/// changes made elsewhere (another instance, Microsoft Lists) show within the duration. Callers arriving while the
/// list is being counted share that count.
/// </summary>
internal sealed class ProfessionalStatsCache(TimeProvider time, TimeSpan duration)
{
    private readonly Lock gate = new();
    private Dictionary<string, (int Open, int Completed, int OnTime)>? counts;
    private long countedAt;
    private Task<Dictionary<string, (int Open, int Completed, int OnTime)>>? counting;

    // Bumped by every change applied while a count is under way: that count may or may not include it, so it is
    // used once and not kept.
    private long changes;

    public bool Enabled => duration > TimeSpan.Zero;

    public async Task<IReadOnlyDictionary<string, ProfessionalStats>> GetAsync(
        Func<CancellationToken, Task<Dictionary<string, (int Open, int Completed, int OnTime)>>> count,
        CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            return Figures(await count(cancellationToken));
        }

        Task<Dictionary<string, (int Open, int Completed, int OnTime)>> pending;
        long changesBefore;
        lock (gate)
        {
            if (counts is not null && time.GetElapsedTime(countedAt) < duration)
            {
                return Figures(counts);
            }

            // One count at a time, not tied to the first caller's cancellation (the others wait on it too).
            counting ??= count(CancellationToken.None);
            pending = counting;
            changesBefore = changes;
        }

        Dictionary<string, (int Open, int Completed, int OnTime)> counted;
        try
        {
            counted = await pending.WaitAsync(cancellationToken);
        }
        catch when (!cancellationToken.IsCancellationRequested)
        {
            lock (gate)
            {
                if (ReferenceEquals(counting, pending))
                {
                    counting = null;
                }
            }

            throw;
        }

        lock (gate)
        {
            if (ReferenceEquals(counting, pending))
            {
                counting = null;
                counts = changes == changesBefore ? new(counted, StringComparer.Ordinal) : null;
                countedAt = time.GetTimestamp();
            }

            return Figures(counted);
        }
    }

    /// <summary>A change this instance wrote: its request moves from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Applied(LegalRequest before, LegalRequest after)
    {
        if (!Enabled)
        {
            return;
        }

        lock (gate)
        {
            changes++;
            if (counts is null)
            {
                return;
            }

            Count(before, -1);
            Count(after, +1);
        }
    }

    /// <summary>Forget the counts (a write whose outcome is unknown).</summary>
    public void Forget()
    {
        lock (gate)
        {
            changes++;
            counts = null;
        }
    }

    private void Count(LegalRequest request, int sign)
    {
        if (counts is null || request.AssignedTo?.AadObjectId is not { } assignee)
        {
            return;
        }

        var (open, completed, onTime) = counts.GetValueOrDefault(assignee);
        if (request.State.IsOpen())
        {
            open += sign;
        }
        else if (request.State == RequestState.Completed)
        {
            completed += sign;
            onTime += request.IsCompletedOnTime() ? sign : 0;
        }

        counts[assignee] = (open, completed, onTime);
    }

    private static Dictionary<string, ProfessionalStats> Figures(Dictionary<string, (int Open, int Completed, int OnTime)> counted) =>
        counted.Where(c => c.Value.Open > 0 || c.Value.Completed > 0)
            .ToDictionary(c => c.Key, c => new ProfessionalStats(c.Key, c.Value.Open, c.Value.Completed, c.Value.OnTime), StringComparer.Ordinal);
}
