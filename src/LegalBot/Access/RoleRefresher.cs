using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Notifications;
using Microsoft.Extensions.Options;

namespace LegalBot.Access;

/// <summary>When roles were last read from the directory, and whether the last try failed; read by <c>/readyz</c>.</summary>
public sealed class RoleDirectoryStatus
{
    private readonly Lock gate = new();
    private DateTimeOffset? lastRead;
    private RoleDirectoryFailure? lastFailure;
    private long attempts;

    /// <summary>Completed when the next try ends (replaced at each one).</summary>
    private TaskCompletionSource attempted = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Reads tried so far, successful or not.</summary>
    public long Attempts => Interlocked.Read(ref attempts);

    /// <summary>Waits until <paramref name="count"/> reads have been tried (applied or failed).</summary>
    public async Task WaitForAttemptsAsync(long count, CancellationToken cancellationToken)
    {
        while (true)
        {
            // The task first, then the count: a try ending in between completes the task taken.
            var next = Volatile.Read(ref attempted).Task;
            if (Attempts >= count)
            {
                return;
            }

            await next.WaitAsync(cancellationToken);
        }
    }

    private void Attempted()
    {
        Interlocked.Increment(ref attempts);
        Interlocked.Exchange(ref attempted, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>When the groups and roster were last read whole; null until the first read succeeds.</summary>
    public DateTimeOffset? LastRead
    {
        get
        {
            lock (gate)
            {
                return lastRead;
            }
        }
    }

    /// <summary>Why the latest try failed; null when it succeeded.</summary>
    public RoleDirectoryFailure? LastFailure
    {
        get
        {
            lock (gate)
            {
                return lastFailure;
            }
        }
    }

    internal void Read(DateTimeOffset at)
    {
        lock (gate)
        {
            lastRead = at;
            lastFailure = null;
        }

        Attempted();
    }

    internal void Failed(RoleDirectoryFailure failure)
    {
        lock (gate)
        {
            lastFailure = failure;
        }

        Attempted();
    }
}

/// <summary>
/// Reads the legal-staff and ALSP groups and the roster at start and every <see cref="RoleOptions.RefreshInterval"/>
/// (on the injected clock) and hands each complete read to <see cref="AccessPolicy.Apply"/>, which swaps the roles
/// every turn sees at once. Turns never call Graph for a role. A read that fails (Graph throttled, failing or
/// unreachable, a group that does not exist, a permission missing) changes nothing: the last good read stays in force,
/// or, before the first, the configured roles alone, while <c>/readyz</c> reports not ready.
/// </summary>
public sealed class RoleRefresher(
    IRoleDirectory directory,
    AccessPolicy access,
    RoleDirectoryStatus status,
    IOptions<RoleOptions> options,
    IOptions<CatalogOptions> catalog,
    TimeProvider time,
    ILogger<RoleRefresher> logger) : PeriodicPass(time)
{
    private readonly TimeProvider clock = time;
    private (int LegalStaff, int Alsp, int WithoutRow, int Rejected)? logged;

    protected override TimeSpan Interval => options.Value.RefreshInterval;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var read = await directory.ReadAsync(cancellationToken);
        var outcome = access.Apply(read, new HashSet<string>(catalog.Value.Types.Select(t => t.Key), StringComparer.Ordinal));
        status.Read(clock.GetUtcNow());
        var counts = (outcome.LegalStaff, outcome.Alsp, outcome.AlspMembersWithoutRosterRow.Count, outcome.RejectedRows.Count);
        if (logged == counts)
        {
            Log.RolesUnchanged(logger, outcome.LegalStaff, outcome.Alsp);
            return;
        }

        // Said again only when something changed, not every few minutes.
        logged = counts;
        Log.RolesRead(logger, outcome.LegalStaff, outcome.Alsp);
        if (outcome.AlspMembersWithoutRosterRow.Count > 0)
        {
            Log.AlspMembersWithoutRosterRow(logger, outcome.AlspMembersWithoutRosterRow.Count, string.Join(", ", outcome.AlspMembersWithoutRosterRow.Select(LegalBot.Application.LogSafe.Id)));
        }

        foreach (var rejected in outcome.RejectedRows)
        {
            Log.RosterRowRejected(logger, LegalBot.Application.LogSafe.Id(rejected));
        }
    }

    protected override void Failed(Exception exception)
    {
        var failure = (exception as RoleDirectoryException)?.Failure ?? RoleDirectoryFailure.Unavailable;
        status.Failed(failure);
        var kept = status.LastRead is { } at ? $"the roles read at {at:O}" : "the configured roles only (no read has succeeded yet)";
        if (failure == RoleDirectoryFailure.Unavailable)
        {
            Log.RolesReadFailed(logger, exception, failure, kept);
        }
        else
        {
            Log.RolesMisconfigured(logger, exception, failure, kept);
        }
    }
}
