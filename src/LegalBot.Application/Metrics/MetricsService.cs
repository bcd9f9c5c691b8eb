using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Metrics;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Metrics;

/// <summary>What <see cref="MetricsService.CardAsync"/> answers: the card, or why there is none.</summary>
public abstract record MetricsAnswer
{
    public sealed record Card(Cards.Model.AdaptiveCard Value) : MetricsAnswer;

    /// <summary>Only legal staff see the metrics.</summary>
    public sealed record NotLegalStaff : MetricsAnswer;

    /// <summary>The text names no period the bot knows.</summary>
    public sealed record UnknownPeriod(string Text) : MetricsAnswer;
}

/// <summary>
/// The legal-ops metrics for legal staff: the facts of the period's requests read from the store in one pass, the
/// figures computed with the team's service-level calendar and the configured rates, shown as a card.
/// </summary>
public sealed class MetricsService(
    AccessPolicy access,
    RequestTypeCatalog catalog,
    ServiceLevelClock clock,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    IRequestFacts facts)
{
    public async Task<MetricsAnswer> CardAsync(string actorAadObjectId, string periodText, CancellationToken cancellationToken)
    {
        if (access.RoleOf(actorAadObjectId) != Role.LegalStaff)
        {
            return new MetricsAnswer.NotLegalStaff();
        }

        var now = time.GetUtcNow();
        if (MetricsPeriods.Parse(periodText, now, clock.Zone) is not { } period)
        {
            return new MetricsAnswer.UnknownPeriod(periodText);
        }

        var metrics = await ComputeAsync(period, cancellationToken);
        var name = periodText.Length == 0 ? MetricsPeriods.Default : periodText;
        return new MetricsAnswer.Card(MetricsCard.Build(new MetricsModel(
            metrics,
            name,
            type => catalog.Find(type)?.Name ?? type,
            id => access.Professional(id)?.Name ?? "Former professional",
            options.Value.Currency)));
    }

    /// <summary>The figures for a period (also what the benchmark measures).</summary>
    public async Task<LegalOpsMetrics> ComputeAsync(MetricsPeriod period, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(period);
        var read = await (facts ?? throw new InvalidOperationException("This request store does not give the metrics' facts.")).FactsAsync(period.From, period.To, cancellationToken);
        return MetricsCalculator.Compute(read, period, time.GetUtcNow(), Rates(), clock.Calendar, clock.Zone);
    }

    /// <summary>The rates costs are counted at: the roster's, and outside counsel's from configuration.</summary>
    public CostRates Rates() => options.Value.Rates(access.Roster);
}
