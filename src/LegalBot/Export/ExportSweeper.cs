using LegalBot.Application.Export;
using LegalBot.Notifications;
using Microsoft.Extensions.Options;

namespace LegalBot.Export;

/// <summary>
/// Removes expired export offers from bot state (<see cref="ExportService.SweepAsync"/>): at start, then every
/// <see cref="ExportOptions.ConsentLifetime"/> (at most hourly). An offer nobody answers would otherwise stay for good.
/// A failed sweep is logged and tried again next interval.
/// </summary>
public sealed class ExportSweeper(ExportService exports, IOptions<ExportOptions> options, TimeProvider time, ILogger<ExportSweeper> logger) : PeriodicPass(time)
{
    protected override TimeSpan Interval => options.Value.ConsentLifetime < TimeSpan.FromHours(1) ? options.Value.ConsentLifetime : TimeSpan.FromHours(1);

    protected override Task PassAsync(CancellationToken cancellationToken) => exports.SweepAsync(cancellationToken);

    protected override void Failed(Exception exception) => Log.ExportSweepFailed(logger, exception);
}
