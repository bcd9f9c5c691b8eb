using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Metrics;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Metrics;

/// <summary>What <see cref="ScorecardService"/> answers: a card (a scorecard, or whom to choose from), or why there is none.</summary>
public abstract record ScorecardAnswer
{
    public sealed record Card(Cards.Model.AdaptiveCard Value) : ScorecardAnswer;

    /// <summary>Only legal staff see scorecards.</summary>
    public sealed record NotLegalStaff : ScorecardAnswer;

    /// <summary>Nobody on the roster, nor any former professional, is called <see cref="Query"/>.</summary>
    public sealed record NoMatch(string Query) : ScorecardAnswer;
}

/// <summary>
/// ALSP scorecards for legal staff: <c>scorecard</c> and a professional's or firm's name (whole or in part), optionally
/// followed by a period in the words the metrics take; <see cref="DefaultPeriod"/> when none is given. A name that
/// matches several, or none given, answers with the choices; the figures are computed from the store's facts.
/// </summary>
public sealed class ScorecardService(
    AccessPolicy access,
    ServiceLevelClock clock,
    IOptions<MetricsOptions> options,
    TimeProvider time,
    IRequestFacts facts)
{
    /// <summary>A quarter's work: long enough to judge someone by, short enough to be current.</summary>
    public const string DefaultPeriod = "last 90 days";

    /// <summary>The longest period phrase, in words ("last 90 days", "year to date").</summary>
    private const int PeriodWords = 3;

    /// <summary>
    /// <paramref name="text"/> is what followed <c>scorecard</c>, as typed: a name or firm, then perhaps a period
    /// ("Contoso Legal this year"); empty lists the roster.
    /// </summary>
    public async Task<ScorecardAnswer> ForTextAsync(string actorAadObjectId, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (access.RoleOf(actorAadObjectId) != Role.LegalStaff)
        {
            return new ScorecardAnswer.NotLegalStaff();
        }

        var (query, periodText, period) = Split(text);
        var read = await facts.FactsAsync(period.From, period.To, cancellationToken);
        var directory = ScorecardDirectory.Of(access.Roster, read);
        if (query.Length == 0)
        {
            return Choices("Whose scorecard? Firms and professionals on the roster:", [.. directory.Firms, .. directory.Professionals.Where(p => !p.Former)], periodText);
        }

        return directory.Match(query) switch
        {
            [] => new ScorecardAnswer.NoMatch(query),
            [var only] => Scorecard(only, read, period, periodText),
            var several => Choices($"Several match \"{query}\": whose scorecard?", several, periodText),
        };
    }

    /// <summary>A choice button: <paramref name="subjectKey"/> names the subject exactly, <paramref name="periodText"/> the period as typed.</summary>
    public async Task<ScorecardAnswer> ForChoiceAsync(string actorAadObjectId, string subjectKey, string periodText, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(subjectKey);
        ArgumentNullException.ThrowIfNull(periodText);
        if (access.RoleOf(actorAadObjectId) != Role.LegalStaff)
        {
            return new ScorecardAnswer.NotLegalStaff();
        }

        var (named, period) = Period(ScorecardDirectory.Normalize(periodText));
        var read = await facts.FactsAsync(period.From, period.To, cancellationToken);
        return ScorecardDirectory.Of(access.Roster, read).ByKey(subjectKey) is { } subject
            ? Scorecard(subject, read, period, named)
            : new ScorecardAnswer.NoMatch(subjectKey[(subjectKey.IndexOf(':', StringComparison.Ordinal) + 1)..]);
    }

    /// <summary>The name and the period: the longest run of final words that names a period, else the default.</summary>
    private (string Query, string PeriodText, MetricsPeriod Period) Split(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        for (var take = Math.Min(PeriodWords, words.Length); take >= 1; take--)
        {
            var tail = ScorecardDirectory.Normalize(string.Join(' ', words[^take..]));
            if (MetricsPeriods.Parse(tail, time.GetUtcNow(), clock.Zone) is { } period)
            {
                return (string.Join(' ', words[..^take]), tail, period);
            }
        }

        var (named, fallback) = Period("");
        return (string.Join(' ', words), named, fallback);
    }

    /// <summary>The period a button carries; the default when it names none (a button is never refused for it).</summary>
    private (string Named, MetricsPeriod Period) Period(string text)
    {
        var now = time.GetUtcNow();
        return text.Length > 0 && MetricsPeriods.Parse(text, now, clock.Zone) is { } period
            ? (text, period)
            : (DefaultPeriod, MetricsPeriods.Parse(DefaultPeriod, now, clock.Zone)!);
    }

    private ScorecardAnswer.Card Scorecard(ScorecardSubject subject, IReadOnlyList<RequestFacts> read, MetricsPeriod period, string periodText)
    {
        var now = time.GetUtcNow();
        var rates = options.Value.Rates(access.Roster);
        ScorecardModel model;
        if (subject is FirmSubject firm)
        {
            var figures = ScorecardCalculator.ComputeFirm(read, firm, period, now, rates, clock.Calendar, clock.Zone);
            model = new ScorecardModel(firm, figures.Total, figures.Members, period, periodText, options.Value.Currency);
        }
        else
        {
            var professional = (ProfessionalSubject)subject;
            var figures = ScorecardCalculator.Compute(read, professional.Ids, period, now, rates, clock.Calendar, clock.Zone);
            model = new ScorecardModel(professional, figures, [], period, periodText, options.Value.Currency);
        }

        return new ScorecardAnswer.Card(ScorecardCard.Build(model));
    }

    private static ScorecardAnswer.Card Choices(string title, IReadOnlyList<ScorecardSubject> subjects, string periodText) =>
        new(ScorecardChoicesCard.Build(new ScorecardChoicesModel(title, subjects, periodText == DefaultPeriod ? "" : periodText)));
}
