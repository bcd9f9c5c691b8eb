using LegalBot.Cards.Builders;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Cards.Tests;

/// <summary>Scorecard cards over generated requests: a professional, a firm (up to the largest), someone without work, and the choices.</summary>
internal static class ScorecardSamples
{
    public static readonly MetricsPeriod Last90Days = new(MetricsSamples.Now.AddDays(-90), MetricsSamples.Now, new DateOnly(2026, 9, 2), new DateOnly(2026, 11, 30));

    public static ProfessionalSubject Professional(int i, string? name = null, string? firm = "Contoso Legal") =>
        new($"alsp-{i}", name ?? $"Professional {i}", firm, Active: i % 4 != 3, Former: false, WeeklyCapacity: 5, HourlyRate: 110m);

    public static FirmSubject Firm(int members, Func<int, string>? name = null, string firm = "Contoso Legal") =>
        new(firm, [.. Enumerable.Range(0, members).Select(i => Professional(i, name?.Invoke(i), firm))]);

    /// <summary>Requests assigned, accepted, declined and completed by <paramref name="professionals"/> professionals.</summary>
    public static List<RequestFacts> Facts(int requests, int professionals)
    {
        var random = new Random(requests + professionals);
        var now = MetricsSamples.Now;
        var facts = new List<RequestFacts>();
        for (var i = 0; i < requests; i++)
        {
            var filed = now.AddMinutes(-random.Next(60, 100 * 24 * 60));
            var who = $"alsp-{random.Next(professionals)}";
            var state = new[] { RequestState.Assigned, RequestState.InProgress, RequestState.Completed, RequestState.Completed, RequestState.InTriage }[random.Next(5)];
            var done = state == RequestState.Completed ? filed.AddHours(random.Next(8, 400)) : (DateTimeOffset?)null;
            var assignment = new Assignment(who, "Professional", filed.AddHours(2))
            {
                AcceptedAt = state is RequestState.InProgress or RequestState.Completed ? filed.AddHours(5) : null,
                DeclinedAt = state == RequestState.InTriage ? filed.AddHours(4) : null,
            };
            facts.Add(new RequestFacts(
                new RequestNumber(1001 + i), "nda", state, filed, DateOnly.FromDateTime(filed.UtcDateTime).AddDays(5),
                filed.AddHours(2), filed.AddHours(2), null, null, done > now ? now.AddHours(-1) : done,
                state == RequestState.InTriage ? null : who, done is null ? null : random.Next(1, 30), done is null ? null : random.Next(1, 6), [])
            {
                Assignments = [assignment],
            });
        }

        return facts;
    }

    private static CostRates Rates(int professionals) => new(
        Enumerable.Range(0, professionals).ToDictionary(p => $"alsp-{p}", _ => 110m),
        new Dictionary<string, decimal>(),
        450m);

    public static ScorecardModel ForProfessional(int requests, ProfessionalSubject? professional = null, string period = "last 90 days")
    {
        professional ??= Professional(0);
        var figures = ScorecardCalculator.Compute(Facts(requests, 3), professional.Ids, Last90Days, MetricsSamples.Now, Rates(3), BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);
        return new ScorecardModel(professional, figures, [], Last90Days, period, "USD");
    }

    public static ScorecardModel ForFirm(int requests, FirmSubject firm, string period = "last 90 days")
    {
        var figures = ScorecardCalculator.ComputeFirm(Facts(requests, firm.Members.Count), firm, Last90Days, MetricsSamples.Now, Rates(firm.Members.Count), BusinessCalendar.WeekdaysOnly, TimeZoneInfo.Utc);
        return new ScorecardModel(firm, figures.Total, figures.Members, Last90Days, period, "USD");
    }

    public static ScorecardChoicesModel Choices(int count, Func<int, string>? name = null, string title = "Several match \"pro\": whose scorecard?") =>
        new(title, [Firm(2), .. Enumerable.Range(0, count - 1).Select(i => Professional(i, name?.Invoke(i)))], "this year");
}
