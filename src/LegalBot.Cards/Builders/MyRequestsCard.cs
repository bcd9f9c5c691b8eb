using System.Globalization;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Page">One page of the requester's requests, newest first.</param>
/// <param name="TypeName">Maps a type key to its display name (the key itself for unknown types).</param>
/// <param name="Assignments">An ALSP professional's open assignments rather than a requester's own requests.</param>
/// <param name="TimeZone">The reader's time zone, for the dates requests were filed; UTC when not given.</param>
/// <param name="Position">How many rows came before this page (0 for the first page), for the heading.</param>
public sealed record MyRequestsModel(RequestPage Page, Func<string, string> TypeName, bool Assignments = false, TimeZoneInfo? TimeZone = null, int Position = 0)
{
    /// <summary>Where each open request stands against its due date, by number; rows without one show none.</summary>
    public IReadOnlyDictionary<RequestNumber, ServiceLevel> ServiceLevels { get; init; } = new Dictionary<RequestNumber, ServiceLevel>();
}

/// <summary>
/// The requester's requests, one tappable row each, paged forward by the store's continuation token ("Next page")
/// and back to the start ("First page"): stores page by opaque tokens, so there is no total and no "previous".
/// </summary>
public static class MyRequestsCard
{
    /// <summary>Rows shown per card at most, whatever the page size; ask the store for this many.</summary>
    public const int MaxRows = 10;

    private const int TextBudgetBytes = 6_000;
    private const int TypeNameMax = 60;

    /// <summary>The largest row position a heading shows; positions come back from card data.</summary>
    public const int MaxPosition = 1_000_000;

    public static AdaptiveCard Build(MyRequestsModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var page = model.Page;
        var first = model.Position == 0;
        var shown = page.Items.Take(MaxRows).ToList();
        var body = new List<CardElement>();
        var actions = new List<CardAction>();

        if (shown.Count == 0)
        {
            body.Add(Heading(first
                ? (model.Assignments ? "You have no open assignments" : "You have no requests yet")
                : (model.Assignments ? "There are no more assignments" : "There are no more requests")));
            if (first && !model.Assignments)
            {
                body.Add(Text("When you file a request, you can follow it here."));
            }
        }
        else
        {
            var from = Math.Clamp(model.Position, 0, MaxPosition) + 1;
            var to = from + shown.Count - 1;
            body.Add(Heading($"{(model.Assignments ? "Your open assignments" : "Your requests")} ({Number(from)}–{Number(to)})"));
            var budget = new TextBudget(TextBudgetBytes);
            body.AddRange(shown.Select(r => Row(r, model.TypeName, budget, model.TimeZone ?? TimeZoneInfo.Utc, model.ServiceLevels.GetValueOrDefault(r.Number))));
            body.Add(Subtle("Select a request to see its details."));
        }

        if (!first)
        {
            actions.Add(Submit("First page", PageData(null, 0, model.Assignments)));
        }

        // The token points past the page's last item: with rows left unshown it would skip them.
        if (shown.Count > 0 && shown.Count == page.Items.Count && page.ContinuationToken is { Length: <= CardActions.MaxPageTokenLength } next)
        {
            actions.Add(Submit("Next page", PageData(next, Math.Clamp(model.Position, 0, MaxPosition) + shown.Count, model.Assignments)));
        }

        if (!model.Assignments)
        {
            actions.Add(Submit("New request", CardActions.Data(CardActions.NewRequest), shown.Count == 0 && first ? ActionStyle.Positive : null));
        }

        var fallback = shown.Count == 0
            ? (model.Assignments ? "You have no open assignments." : "You have no requests to show. Type \"new request\" to file one.")
            : $"{(model.Assignments ? "Your open assignments" : "Your requests")}: {string.Join(", ", shown.Select(r => r.Number.ToString()))}. Type \"status\" and a number to see one.";
        return Card(body, actions, fallback);
    }

    private static Container Row(LegalRequest request, Func<string, string> typeName, TextBudget budget, TimeZoneInfo zone, ServiceLevel? level)
    {
        var number = request.Number.ToString();
        var title = budget.Text(request.Details.Title, RequestTypeCatalog.TitleMaxLength);
        var type = typeName(request.Details.TypeKey);
        type = CardText.Clip(string.IsNullOrWhiteSpace(type) ? request.Details.TypeKey : type, TypeNameMax);
        return new Container(
        [
            new ColumnSet(
            [
                new Column([Line(number, TextWeight.Bolder)]) { Width = Column.Auto },
                new Column(
                [
                    Text(title),
                    Line(type, subtle: true) with { Spacing = Spacing.None },
                ])
                {
                    Width = Column.Stretch,
                },
                new Column(
                [
                    Text(request.State.Describe()),
                    Line("Filed " + TimeText.Date(request.CreatedAt, zone), subtle: true) with { Spacing = Spacing.None },
                    .. level is null
                        ? Array.Empty<CardElement>()
                        : [Line(ServiceLevelText.Brief(level), color: ServiceLevelText.IsLate(level) ? TextColor.Attention : null, subtle: ServiceLevelText.IsLate(level) ? null : true) with { Spacing = Spacing.None }],
                ])
                {
                    Width = Column.Auto,
                },
            ]),
        ])
        {
            Separator = true,
            SelectAction = Submit($"Show {number}", CardActions.Data(CardActions.Status, (CardActions.IdKey, number))),
        };
    }

    private static IReadOnlyDictionary<string, string> PageData(string? token, int position, bool assignments)
    {
        var action = assignments ? CardActions.AssignmentsPage : CardActions.RequestsPage;
        return token is null
            ? CardActions.Data(action)
            : CardActions.Data(action, (CardActions.PageKey, token), (CardActions.PositionKey, position.ToString(CultureInfo.InvariantCulture)));
    }
}
