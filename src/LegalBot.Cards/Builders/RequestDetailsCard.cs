using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>One request as its requester (or legal staff) sees it.</summary>
public static class RequestDetailsCard
{
    public const string Unassigned = "Legal team (triage)";

    /// <summary>The description is cut after this many characters; the card shows ten lines of it anyway.</summary>
    public const int DescriptionShown = 1500;

    private const int TextBudgetBytes = 10_000;
    private const int NameMax = 100;
    private const int FactMax = 500;

    /// <param name="typeName">The catalog name of the request's type.</param>
    /// <param name="banner">A line above the request, such as "Request filed".</param>
    /// <param name="extraFacts">The type's own answers, labelled by the caller (who knows the catalog).</param>
    public static AdaptiveCard Build(
        LegalRequest request,
        string typeName,
        string? banner = null,
        IReadOnlyList<(string Label, string Value)>? extraFacts = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var details = request.Details;
        var budget = new TextBudget(TextBudgetBytes);
        var number = request.Number.ToString();
        var title = budget.Plain(details.Title, RequestTypeCatalog.TitleMaxLength);
        var description = budget.Plain(details.Description, DescriptionShown);

        var body = new List<CardElement>();
        if (!string.IsNullOrWhiteSpace(banner))
        {
            body.Add(new Container([new TextBlock(CardText.Plain(CardText.Clip(banner, NameMax))) { Weight = TextWeight.Bolder, Color = TextColor.Good, Wrap = true }])
            {
                Style = ContainerStyle.Good,
            });
        }

        body.Add(Heading($"{number} · {title}"));

        var facts = new List<Fact>
        {
            new("Type", CardText.Plain(typeName)),
            new("State", request.State.Describe()),
            new("Priority", details.Priority.ToString()),
            new("Business unit", budget.Plain(details.BusinessUnit, FactMax)),
        };
        if (!string.IsNullOrWhiteSpace(details.Counterparty))
        {
            facts.Add(new("Counterparty", budget.Plain(details.Counterparty, RequestTypeCatalog.CounterpartyMaxLength)));
        }

        facts.Add(new("Filed", Date(request.CreatedAt)));
        if (details.RequestedDueDate is { } due)
        {
            facts.Add(new("Requested due date", Date(due)));
        }

        facts.Add(new("Target date", Date(request.TargetDate)));
        facts.Add(new("Requester", budget.Plain(request.Requester.Name, NameMax)));
        facts.Add(new("With", request.AssignedTo is { } assignee ? budget.Plain(assignee.Name, NameMax) : Unassigned));
        foreach (var (label, value) in extraFacts ?? [])
        {
            facts.Add(new(CardText.Plain(label), budget.Plain(value, FactMax)));
        }

        body.Add(new FactSet(facts));
        body.Add(new TextBlock(description)
        {
            Wrap = true,
            MaxLines = 10,
            Separator = true,
        });

        return Card(
            body,
            [Submit("My requests", CardActions.Data(CardActions.MyRequests))],
            $"{number}: {title} ({request.State.Describe()})");
    }
}
