using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Reminders;

/// <summary>What one reminder pass planned (everything owed now), and how many of those it queued (the ones not queued before).</summary>
public sealed record ReminderPass(int Planned, int Queued = 0);

/// <summary>
/// One pass of reminders and escalations: reads the open requests' facts in one go, has <see cref="ReminderPlanner"/>
/// plan what is owed now, asks the outbox which of those keys it holds already (one read), and queues only the others;
/// the outbox's keys still make each notification once when two instances plan it at the same moment.
/// </summary>
public sealed class ReminderService(
    ReminderPlanner planner,
    INotificationStore outbox,
    ViewerTimeZones zones,
    AccessPolicy access,
    INotificationSignal signal,
    TimeProvider time,
    IOptions<ReminderOptions> options,
    ILogger<ReminderService> logger,
    IRequestFacts facts)
{
    /// <summary>How far back the facts are read (open requests are always included): past the digest's previous business day, holidays included.</summary>
    private static readonly TimeSpan Lookback = TimeSpan.FromDays(14);

    public bool Available => options.Value.Enabled;

    public async Task<ReminderPass> RunAsync(CancellationToken cancellationToken)
    {
        if (!Available)
        {
            return new ReminderPass(0);
        }

        var now = time.GetUtcNow();
        var read = await facts.FactsAsync(now - Lookback, now, cancellationToken);
        var zoneOf = await ZonesAsync(read.Select(f => f.AssigneeId).OfType<string>().Concat(access.LegalStaff), cancellationToken);
        var planned = planner.Plan(read, now, zoneOf).Concat(planner.Digests(read, now, zoneOf)).ToList();
        if (planned.Count == 0)
        {
            return new ReminderPass(0);
        }

        // Most of what is owed was owed at the last poll too: an overdue request escalates to every legal staff member
        // under the same keys each poll until it is done. Only the new keys are written.
        var queued = await outbox.QueuedKeysAsync([.. planned.Select(n => n.Key)], cancellationToken);
        var fresh = planned.Where(n => !queued.Contains(n.Key)).ToList();
        if (fresh.Count > 0)
        {
            await outbox.EnqueueAsync(fresh, now, cancellationToken);
            signal.Notify();
            Log.RemindersPlanned(logger, fresh.Count);
        }

        return new ReminderPass(planned.Count, fresh.Count);
    }

    /// <summary>Each recipient's zone, read once per pass (<see cref="ViewerTimeZones"/> caches them).</summary>
    private async Task<Func<string, TimeZoneInfo>> ZonesAsync(IEnumerable<string> recipients, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, TimeZoneInfo>(StringComparer.OrdinalIgnoreCase);
        foreach (var id in recipients)
        {
            if (!found.ContainsKey(id))
            {
                found[id] = await zones.ForAsync(id, cancellationToken);
            }
        }

        return id => found.TryGetValue(id, out var zone) ? zone : zones.Default;
    }
}
