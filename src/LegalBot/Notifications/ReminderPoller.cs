using LegalBot.Application.Reminders;
using Microsoft.Extensions.Options;

namespace LegalBot.Notifications;

/// <summary>
/// Every <see cref="ReminderOptions.PollInterval"/> (at start too) has <see cref="ReminderService"/> queue the
/// reminders, escalations and digests owed now; the dispatcher delivers them. A pass that fails (the store locked or
/// unreachable) is logged and tried again next interval; nothing is lost, since the next pass plans the same keys.
/// </summary>
public sealed class ReminderPoller(
    ReminderService reminders,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderPoller> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reminders.Available)
        {
            Log.RemindersOff(logger);
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await reminders.RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Log.RemindersFailed(logger, ex);
            }

            try
            {
                await Task.Delay(options.Value.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
