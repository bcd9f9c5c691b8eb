using LegalBot.Cards.Builders;
using LegalBot.Core.Stores;

namespace LegalBot.Cards.Tests;

public sealed class MyRequestsCardTests
{
    private static CardJson Build(RequestPage page) => new(MyRequestsCard.Build(new MyRequestsModel(page, Samples.TypeName)));

    [Fact]
    public void Empty_SaysSo_AndOffersANewRequest()
    {
        var card = Build(Samples.Page(0, 0, 0));

        Assert.Equal("You have no requests yet", card.Texts[0]);
        Assert.Equal(["New request"], card.Submits.Select(a => (string)a["title"]!));
        Assert.Equal(CardActions.NewRequest, CardJson.Data(card.Submit("New request"))[CardActions.ActionKey]);
    }

    [Fact]
    public void Rows_ShowNumberTitleStateAndDate_AndOpenTheRequest()
    {
        var card = Build(Samples.Page(3, 3, 0));

        Assert.Equal("Your requests (1–3)", card.Texts[0]);
        var rows = card.Root["body"]!.AsArray().Where(e => (string?)e!["type"] == "Container").ToList();
        Assert.Equal(3, rows.Count);
        var texts = rows[0]!["items"]!.ToJsonString();
        Assert.Contains("\"LR-2000\"", texts, StringComparison.Ordinal);
        Assert.Contains("\"Request 1\"", texts, StringComparison.Ordinal);
        Assert.Contains("\"NDA\"", texts, StringComparison.Ordinal);
        Assert.Contains("\"Submitted\"", texts, StringComparison.Ordinal);
        Assert.Contains("\"Filed 20 Nov 2026\"", texts, StringComparison.Ordinal);
        var select = rows[0]!["selectAction"]!.AsObject();
        Assert.Equal("Action.Submit", (string?)select["type"]);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "status", ["id"] = "LR-2000" }, CardJson.Data(select));
        Assert.DoesNotContain(card.Submits, a => (string?)a["title"] is "Next page" or "First page");
    }

    [Fact]
    public void Rows_ShowWhereEachOpenRequestStandsAgainstItsDueDate_OverdueInTheAttentionColour()
    {
        var card = new CardJson(MyRequestsCard.Build(CardGallery.RequestsWithDueStatus()));

        var rows = card.Root["body"]!.AsArray().Where(e => (string?)e!["type"] == "Container").Select(Lines).ToList();
        Assert.Contains(("Due 4 Dec · in 2 business days", null), rows[0]);
        Assert.Contains(("Overdue by 1 business day", "attention"), rows[1]);
        Assert.Contains(("On hold (waiting on the requester)", null), rows[2]);
        Assert.DoesNotContain(rows[3], l => l.Text.StartsWith("Due", StringComparison.Ordinal) || l.Text.StartsWith("Overdue", StringComparison.Ordinal) || l.Text.StartsWith("On hold", StringComparison.Ordinal));
    }

    /// <summary>A row's text lines with their colours, in order.</summary>
    private static List<(string Text, string? Color)> Lines(System.Text.Json.Nodes.JsonNode? row)
    {
        var lines = new List<(string, string?)>();
        void Walk(System.Text.Json.Nodes.JsonNode? node)
        {
            if (node is System.Text.Json.Nodes.JsonObject o)
            {
                if ((string?)o["type"] == "RichTextBlock")
                {
                    lines.Add((CardJson.TextOf(o), CardJson.ColorOf(o)?.ToLowerInvariant()));
                }

                foreach (var (_, child) in o)
                {
                    Walk(child);
                }
            }
            else if (node is System.Text.Json.Nodes.JsonArray a)
            {
                foreach (var child in a)
                {
                    Walk(child);
                }
            }
        }

        Walk(row);
        return lines;
    }

    [Fact]
    public void FirstPage_OfMany_OffersOnlyNext_CarryingTheStoresToken()
    {
        var card = Build(Samples.Page(10, 25, 0));

        Assert.Equal("Your requests (1–10)", card.Texts[0]);
        Assert.Equal(
            new Dictionary<string, string> { ["action"] = "requests.page", ["page"] = "token-after-10", ["from"] = "10" },
            CardJson.Data(card.Submit("Next page")));
        Assert.DoesNotContain(card.Submits, a => (string?)a["title"] == "First page");
    }

    [Fact]
    public void MiddlePage_OffersFirstAndNext()
    {
        var card = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(10, 25, 10), Samples.TypeName, Position: 10)));

        Assert.Equal("Your requests (11–20)", card.Texts[0]);
        Assert.Equal(new Dictionary<string, string> { ["action"] = "requests.page" }, CardJson.Data(card.Submit("First page")));
        Assert.Equal("20", CardJson.Data(card.Submit("Next page"))[CardActions.PositionKey]);
    }

    [Fact]
    public void LastPage_OffersOnlyFirst()
    {
        var card = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(5, 25, 20), Samples.TypeName, Position: 20)));

        Assert.Equal("Your requests (21–25)", card.Texts[0]);
        Assert.Contains(card.Submits, a => (string?)a["title"] == "First page");
        Assert.DoesNotContain(card.Submits, a => (string?)a["title"] == "Next page");
    }

    [Fact]
    public void EmptyPageAfterAToken_SaysThereAreNoMore_AndOffersTheFirstPage()
    {
        var card = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 25, 30), Samples.TypeName, Position: 30)));

        Assert.Equal("There are no more requests", card.Texts[0]);
        Assert.Equal(["First page", "New request"], card.Submits.Select(a => (string)a["title"]!));
    }

    [Fact]
    public void OversizedPage_ShowsMaxRows_AndNoNextPage_ItsTokenPointsPastRowsNotShown()
    {
        var card = Build(Samples.Page(30, 100, 0));

        Assert.Equal($"Your requests (1–{MyRequestsCard.MaxRows})", card.Texts[0]);
        Assert.DoesNotContain(card.Submits, a => (string?)a["title"] == "Next page");
    }

    [Fact]
    public void AnOutlandishPosition_FromAlteredCardData_IsBounded()
    {
        var card = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(2, 5, 0), Samples.TypeName, Position: int.MaxValue)));

        Assert.Equal("Your requests (1000001–1000002)", card.Texts[0]);
    }

    [Fact]
    public void HostileTitle_IsShownLiterally()
    {
        var page = new RequestPage([Samples.Request(title: Samples.Hostile)], null);

        var card = Build(page);

        Assert.Contains(Samples.Hostile, card.Rendered);
    }

    [Fact]
    public void Assignments_FallbackText_NamesAssignments()
    {
        var card = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(2, 2, 0), Samples.TypeName, Assignments: true)));
        var empty = new CardJson(MyRequestsCard.Build(new MyRequestsModel(Samples.Page(0, 0, 0), Samples.TypeName, Assignments: true)));

        Assert.StartsWith("Your open assignments: LR-2000, ", (string)card.Root["fallbackText"]!, StringComparison.Ordinal);
        Assert.Equal("You have no open assignments.", (string)empty.Root["fallbackText"]!);
    }
}
