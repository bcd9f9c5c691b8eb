using LegalBot.Core.Access;
using LegalBot.Core.Metrics;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Metrics;

/// <summary>The <c>Metrics</c> section: what outside counsel would have charged, to count what the ALSPs saved.</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>Highest hourly rate accepted; anything above is a typo in configuration.</summary>
    public const decimal MaxRate = 10_000m;

    /// <summary>Outside counsel's hourly rate by request type key; types not listed use <see cref="DefaultOutsideCounselRate"/>.</summary>
    public Dictionary<string, decimal> OutsideCounselRates { get; set; } = new(StringComparer.Ordinal);

    public decimal DefaultOutsideCounselRate { get; set; } = 450m;

    /// <summary>The ISO 4217 code costs are shown in (the roster's rates and these are in it).</summary>
    public string Currency { get; set; } = "USD";

    /// <summary>The rates costs are counted at: each professional's on the roster, and these.</summary>
    public CostRates Rates(IEnumerable<AlspProfessional> roster) => new(
        roster.ToDictionary(p => p.AadObjectId.Trim(), p => p.HourlyRate, StringComparer.OrdinalIgnoreCase),
        OutsideCounselRates,
        DefaultOutsideCounselRate);
}

/// <summary>Fails at start naming each <c>Metrics</c> key that cannot be right.</summary>
public sealed class MetricsOptionsValidator : IValidateOptions<MetricsOptions>
{
    public ValidateOptionsResult Validate(string? name, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (type, rate) in options.OutsideCounselRates)
        {
            if (rate is < 0 or > MetricsOptions.MaxRate)
            {
                failures.Add($"{MetricsOptions.Section}:OutsideCounselRates:{type} must be between 0 and {MetricsOptions.MaxRate:0} per hour.");
            }
        }

        if (options.DefaultOutsideCounselRate is < 0 or > MetricsOptions.MaxRate)
        {
            failures.Add($"{MetricsOptions.Section}:DefaultOutsideCounselRate must be between 0 and {MetricsOptions.MaxRate:0} per hour.");
        }

        if (options.Currency is not { Length: 3 } code || !code.All(char.IsAsciiLetterUpper))
        {
            failures.Add($"{MetricsOptions.Section}:Currency must be an ISO 4217 code such as USD or EUR.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
