using LegalBot.Application.Workflow;
using LegalBot.Store.Graph;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// In Microsoft 365 mode, looks for edits people made to requests in Microsoft Lists every
/// <see cref="GraphStoreOptions.EditPollInterval"/> (at start too) and has <see cref="OutsideEditIntake"/> take them
/// in or put them back. A pass that fails (Graph throttled or unreachable) is logged and tried again next interval.
/// </summary>
public sealed class OutsideEditPoller(
    OutsideEditIntake intake,
    IOptions<GraphStoreOptions> options,
    TimeProvider time,
    ILogger<OutsideEditPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var pass = await intake.RunAsync(stoppingToken);
                if (pass.TakenIn + pass.PutBack + pass.Deleted > 0)
                {
                    Log.OutsideEditsHandled(logger, pass.TakenIn, pass.PutBack, pass.Deleted);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.OutsideEditsFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.EditPollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
