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
    ILogger<StagedChangeReconciler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var result = await changes.ReconcileAsync(options.Value.StagedGracePeriod, stoppingToken);
                if (result.Released + result.Dropped > 0)
                {
                    Log.StagedSettled(logger, result.Released, result.Dropped);
                }

                if (result.Released > 0)
                {
                    signal.Notify();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.ReconcileFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.ReconcileInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
