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
    ILogger<OutsideEditPoller> logger) : PeriodicPass(time)
{
    protected override TimeSpan Interval => options.Value.EditPollInterval;

    protected override async Task PassAsync(CancellationToken cancellationToken)
    {
        var pass = await intake.RunAsync(cancellationToken);
        if (pass.TakenIn + pass.PutBack + pass.Deleted > 0)
        {
            Log.OutsideEditsHandled(logger, pass.TakenIn, pass.PutBack, pass.Deleted);
        }
    }

    protected override void Failed(Exception exception) => Log.OutsideEditsFailed(logger, exception);
}
