using LegalBot.Core.Stores;

namespace LegalBot.Notifications;

/// <summary>
/// The kill-point seam for fault tests, registered only outside Production and only when
/// <c>Faults:KillAfterStep</c> names a step of <see cref="ChangeSteps"/>: on reaching that step the change stops
/// there (it never returns) and the host logs that it did, so the test can kill the process at exactly that point.
/// </summary>
public sealed class KillPointHook(string killAfter, ILogger<KillPointHook> logger) : IChangeStepHook
{
    public const string Setting = "Faults:KillAfterStep";

    public async ValueTask AfterAsync(string step, CancellationToken cancellationToken)
    {
        if (string.Equals(step, killAfter, StringComparison.Ordinal))
        {
            Log.KillPointReached(logger, step);
            await Task.Delay(Timeout.Infinite, CancellationToken.None);
        }
    }
}
