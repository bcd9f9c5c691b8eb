using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Elements">The heading, the facts and the description.</param>
/// <param name="FallbackText">Shown where the card is not: "LR-1042: Supplier NDA (Submitted)".</param>
internal sealed record RequestSummaryParts(IReadOnlyList<CardElement> Elements, string FallbackText);

/// <summary>What every card about one request shows: its heading, its facts and its description.</summary>
internal static class RequestSummary
{
    public const string Unassigned = "Legal team (triage)";

    /// <summary>The description is cut after this many characters, with an ellipsis.</summary>
    public const int DescriptionShown = 1500;

    private const int NameMax = 100;
    private const int FactMax = 500;
    private const int TypeNameMax = 100;

    /// <summary>A line above the request, such as "Request filed"; nothing when blank.</summary>
    public static Container? Banner(string? banner, TextBudget budget) =>
        string.IsNullOrWhiteSpace(banner)
            ? null
            : new Container([Line(budget.Text(banner, NameMax), TextWeight.Bolder, color: TextColor.Good)])
            {
                Style = ContainerStyle.Good,
            };

    /// <summary>The heading, the facts (then <paramref name="moreFacts"/>, then the type's own answers) and the description.</summary>
    /// <param name="extraFacts">The type's own answers, labelled by the caller (who knows the catalog).</param>
    /// <param name="zone">The reader's time zone, for the dates of moments (filed).</param>
    /// <param name="moreFacts">Facts the card adds after the common ones.</param>
    /// <param name="serviceLevel">Where an open request stands against its due date; the target date is shown when not given.</param>
    public static RequestSummaryParts Body(
        LegalRequest request,
        string typeName,
        IReadOnlyList<(string Label, string Value)>? extraFacts,
        TextBudget budget,
        TimeZoneInfo zone,
        IEnumerable<Fact>? moreFacts = null,
        ServiceLevel? serviceLevel = null)
    {
        var details = request.Details;
        var title = budget.Text(details.Title, RequestTypeCatalog.TitleMaxLength);
        var description = budget.Text(details.Description, DescriptionShown);

        var facts = new List<Fact>
        {
            new("Type", budget.Text(typeName, TypeNameMax)),
            new("State", request.State.Describe()),
            new("Priority", details.Priority.ToString()),
            new("Business unit", budget.Text(details.BusinessUnit, FactMax)),
        };
        if (!string.IsNullOrWhiteSpace(details.Counterparty))
        {
            facts.Add(new("Counterparty", budget.Text(details.Counterparty, RequestTypeCatalog.CounterpartyMaxLength)));
        }

        facts.Add(new("Filed", TimeText.Date(request.CreatedAt, zone)));
        if (details.RequestedDueDate is { } due)
        {
            facts.Add(new("Requested due date", RequestedDateText.Fact(request, due)));
        }

        facts.Add(serviceLevel is null ? new("Target date", Date(request.TargetDate)) : new("Due", ServiceLevelText.Describe(serviceLevel)));
        facts.Add(new("Requester", budget.Text(request.Requester.Name, NameMax)));
        facts.Add(new("With", request.AssignedTo is { } assignee ? budget.Text(assignee.Name, NameMax) : Unassigned));
        facts.AddRange(moreFacts ?? []);
        foreach (var (label, value) in extraFacts ?? [])
        {
            facts.Add(new(label, budget.Text(value, FactMax)));
        }

        return new(
            [
                Heading($"{request.Number} · {title}"),
                Facts(facts),
                Text(description) with { Separator = true },
            ],
            $"{request.Number}: {title} ({request.State.Describe()})");
    }
}
