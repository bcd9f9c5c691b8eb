using LegalBot.Application.Reminders;
using LegalBot.Telemetry;
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
    BotTelemetry telemetry,
    TimeProvider time,
    ILogger<ReminderPoller> logger) : PeriodicPass(time)
{
    protected override TimeSpan Interval => options.Value.PollInterval;

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!reminders.Available)
        {
            Log.RemindersOff(logger);
            return Task.CompletedTask;
        }

        return base.ExecuteAsync(stoppingToken);
    }

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var pass = await reminders.RunAsync(cancellationToken);
        telemetry.RemindersPassed(pass.Queued);
    }

    protected override void Failed(Exception exception) => Log.RemindersFailed(logger, exception);
}
