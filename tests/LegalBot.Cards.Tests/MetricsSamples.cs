using LegalBot.Cards.Builders;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Cards.Tests;

/// <summary>Metrics cards over generated requests: a typical month, a year (by month), nothing at all, and the most a card lists.</summary>
internal static class MetricsSamples
{
    public static readonly DateTimeOffset Now = new(2026, 11, 30, 17, 0, 0, TimeSpan.Zero);

    public static readonly MetricsPeriod Last30Days = new(Now.AddDays(-30), Now, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 30));

    public static readonly MetricsPeriod ThisYear = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), Now, new DateOnly(2026, 1, 1), new DateOnly(2026, 11, 30));

    public static LegalOpsMetrics Compute(MetricsPeriod period, int requests, int professionals = 3, int types = 3, int spanDays = 60)
    {
        var random = new Random(requests + professionals + types);
        var facts = new List<RequestFacts>();
        for (var i = 0; i < requests; i++)
        {
            var filed = Now.AddMinutes(-random.Next(60, spanDays * 24 * 60));
            var state = Enum.GetValues<RequestState>()[random.Next(10)];
            var who = $"alsp-{random.Next(professionals)}";
            var done = state == RequestState.Completed ? filed.AddHours(random.Next(2, 400)) : (DateTimeOffset?)null;
            facts.Add(new RequestFacts(
                new RequestNumber(1001 + i), $"type-{random.Next(types)}", state, filed, DateOnly.FromDateTime(filed.UtcDateTime).AddDays(5),
                filed.AddHours(3), filed.AddHours(3), filed.AddHours(5), who, done > Now ? Now.AddHours(-1) : done,
                who, done is null ? null : random.Next(1, 30), done is null ? null : random.Next(1, 6), []));
        }

        var rates = new CostRates(
            Enumerable.Range(0, professionals).ToDictionary(p => $"alsp-{p}", _ => 110m),
            new Dictionary<string, decimal>(),
            450m);
        return MetricsCalculator.Compute(facts, period, Now, rates, BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);
    }

    public static MetricsModel Model(LegalOpsMetrics metrics, string period = "last 30 days", Func<string, string>? names = null) =>
        new(metrics, period, key => names?.Invoke(key) ?? $"Type {key}", id => names?.Invoke(id) ?? $"Professional {id}", "USD");
}
