using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>One request as its requester (or legal staff) sees it.</summary>
public static class RequestDetailsCard
{
    public const string Unassigned = RequestSummary.Unassigned;

    /// <summary>The description is cut after this many characters, with an ellipsis.</summary>
    public const int DescriptionShown = RequestSummary.DescriptionShown;

    private const int TextBudgetBytes = 10_000;

    /// <param name="typeName">The catalog name of the request's type.</param>
    /// <param name="banner">A line above the request, such as "Request filed".</param>
    /// <param name="extraFacts">The type's own answers, labelled by the caller (who knows the catalog).</param>
    /// <param name="zone">The reader's time zone; UTC when not given.</param>
    public static AdaptiveCard Build(
        LegalRequest request,
        string typeName,
        string? banner = null,
        IReadOnlyList<(string Label, string Value)>? extraFacts = null,
        TimeZoneInfo? zone = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var budget = new TextBudget(TextBudgetBytes);
        var body = new List<CardElement>();
        if (RequestSummary.Banner(banner, budget) is { } line)
        {
            body.Add(line);
        }

        var summary = RequestSummary.Body(request, typeName, extraFacts, budget, zone ?? TimeZoneInfo.Utc);
        body.AddRange(summary.Elements);

        return Card(
            body,
            [Submit("My requests", CardActions.Data(CardActions.MyRequests))],
            summary.FallbackText);
    }
}
