using LegalBot.Application.Workflow;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Settles notifications a crash left staged between the steps of <see cref="RequestChanges"/>: at start and
/// every <see cref="DispatcherOptions.ReconcileInterval"/>, those staged longer than
/// <see cref="DispatcherOptions.StagedGracePeriod"/> ago are released if their change landed, or dropped.
/// </summary>
public sealed class StagedChangeReconciler(
    RequestChanges changes,
    INotificationSignal signal,
    IOptions<DispatcherOptions> options,
    TimeProvider time,
    ILogger<StagedChangeReconciler> logger) : PeriodicPass(time)
{
    protected override TimeSpan Interval => options.Value.ReconcileInterval;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var result = await changes.ReconcileAsync(options.Value.StagedGracePeriod, cancellationToken);
        if (result.Released + result.Dropped > 0)
        {
            Log.StagedSettled(logger, result.Released, result.Dropped);
        }

        if (result.Released > 0)
        {
            signal.Notify();
        }
    }

    protected override void Failed(Exception exception) => Log.ReconcileFailed(logger, exception);
}
