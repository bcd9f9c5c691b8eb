using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// <c>scorecard</c> over real HTTP: legal staff see a professional's or a firm's figures, pick among several that
/// match, and are told plainly when nothing does; nobody else sees them.
/// </summary>
public sealed class ScorecardTests : HostTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Metrics:OutsideCounselRates:nda"] = "400",
        ["Metrics:Currency"] = "EUR",
    };

    private static string Fact(JsonObject card, string title) => Scenarios.Fact(card, title);

    private static IEnumerable<JsonObject> Submits(JsonObject card) => Scenarios.Elements(card).Where(n => (string?)n["type"] == "Action.Submit");

    [Fact]
    public async Task LegalStaff_SeeAProfessionalsScorecard_ByPartOfTheirName()
    {
        var staff = As(TeamsUser.LegalStaff);
        await Scenarios.CompleteNdaAsync(Channel, As(TeamsUser.Requester), staff, As(TeamsUser.Alsp));

        var card = (await staff.SayAsync("scorecard Professional ONE")).Card;

        Assert.Contains("Scorecard: ALSP Professional One", card.Json(), StringComparison.Ordinal);
        Assert.Contains("Provider Firm A · active · EUR 120 an hour", card.Json(), StringComparison.Ordinal);
        Assert.Contains("last 90 days: ", card.Json(), StringComparison.Ordinal);
        Assert.Equal("1 received · 1 accepted · 0 declined", Fact(card, "Assignments"));
        Assert.Equal("1 · 100% on time (1 of 1)", Fact(card, "Completed"));
        Assert.Equal("4", Fact(card, "Hours"));
        Assert.Equal("EUR 480 for 4 hours", Fact(card, "ALSP cost"));
        Assert.Equal("EUR 1,600 for the same hours · saved EUR 1,120", Fact(card, "Outside counsel"));
        Assert.Equal("0 open of 5 a week (0%)", Fact(card, "Open now"));
    }

    [Fact]
    public async Task AFirmsScorecard_ForAPeriod_HasALinePerProfessional()
    {
        var staff = As(TeamsUser.LegalStaff);
        await Scenarios.CompleteNdaAsync(Channel, As(TeamsUser.Requester), staff, As(TeamsUser.Alsp));

        var card = (await staff.SayAsync("scorecard provider firm a this year")).Card;

        Assert.Contains("Scorecard: Provider Firm A", card.Json(), StringComparison.Ordinal);
        Assert.Contains("this year: ", card.Json(), StringComparison.Ordinal);
        Assert.Equal("1 · 100% on time (1 of 1)", Fact(card, "Completed"));
        Assert.StartsWith("1 completed · 100% on time", Fact(card, TeamsUser.Alsp.Name), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANameMatchingSeveral_OffersThemAsButtons_ThatShowTheOnePicked()
    {
        var staff = As(TeamsUser.LegalStaff);

        var choices = (await staff.SayAsync("Scorecard  ALSP professional Last 30 Days")).Card;
        var picked = await staff.SubmitAsync(BotReplies.ActionData(choices, TeamsUser.SecondAlsp.Name));

        Assert.Contains(Scenarios.Elements(choices), n => (string?)n["text"] == "Several match \"ALSP professional\": whose scorecard?");
        Assert.Equal([TeamsUser.Alsp.Name, TeamsUser.SecondAlsp.Name], Submits(choices).Select(s => (string)s["title"]!));
        Assert.All(Submits(choices), s => Assert.Equal("last 30 days", (string?)s["data"]![CardActions.PeriodKey]));
        Assert.Contains("Scorecard: ALSP Professional Two", picked.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("last 30 days: ", picked.Card.Json(), StringComparison.Ordinal);
        Assert.Contains("No assignments were received, answered or completed in this period, and none is open.", picked.Card.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScorecardAlone_ListsTheRostersFirmsAndProfessionals()
    {
        var card = (await As(TeamsUser.LegalStaff).SayAsync("scorecard")).Card;

        Assert.Equal(
            ["Provider Firm A (firm)", "Provider Firm B (firm)", TeamsUser.Alsp.Name, TeamsUser.SecondAlsp.Name],
            Submits(card).Select(s => (string)s["title"]!));
    }

    [Fact]
    public async Task AnUnknownName_IsNamedBackAsWritten_WithHowToListThem()
    {
        var reply = await As(TeamsUser.LegalStaff).SayAsync("scorecard </script> **Bold** [x](http://evil.example) this year");

        Assert.Equal(
            "No ALSP professional or firm matches \"</script> **Bold** [x](http://evil.example)\". Type scorecard alone to list the firms and professionals on the roster.",
            Assert.Single(reply.Texts));
        Assert.Equal("plain", (string?)reply.Activities.Single()["textFormat"]);
        Assert.Empty(reply.Cards);
    }

    [Theory]
    [InlineData("requester")]
    [InlineData("alsp")]
    public async Task NobodyButLegalStaff_SeesAScorecard_TypedOrPressed(string who)
    {
        var user = As(who == "alsp" ? TeamsUser.Alsp : TeamsUser.Requester);

        var typed = await user.SayAsync("scorecard professional one");
        var pressed = await user.SubmitAsync(new JsonObject
        {
            [CardActions.ActionKey] = CardActions.Scorecard,
            [CardActions.SubjectKey] = "professional:" + TeamsUser.Alsp.AadObjectId,
            [CardActions.PeriodKey] = "",
        });

        foreach (var reply in new[] { typed, pressed })
        {
            Assert.Equal("Scorecards are for the legal team. Type **my requests** to see yours.", Assert.Single(reply.Texts));
            Assert.Empty(reply.Cards);
        }
    }
}
