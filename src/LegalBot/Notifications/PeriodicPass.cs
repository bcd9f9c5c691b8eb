namespace LegalBot.Notifications;

/// <summary>
/// A background service that makes a pass at start and then every <see cref="Interval"/> on the injected clock. A pass
/// that fails is reported through <see cref="Failed"/> and tried again next interval; stopping ends the wait.
/// </summary>
public abstract class PeriodicPass(TimeProvider time) : BackgroundService
{
    protected abstract TimeSpan Interval { get; }

    protected abstract Task PassAsync(CancellationToken cancellationToken);

    protected abstract void Failed(Exception exception);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await PassAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                Failed(ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
