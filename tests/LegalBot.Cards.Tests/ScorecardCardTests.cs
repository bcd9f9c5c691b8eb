using LegalBot.Cards.Builders;
using LegalBot.Core.Metrics;

namespace LegalBot.Cards.Tests;

public sealed class ScorecardCardTests
{
    private static CardJson Card(ScorecardModel model) => new(ScorecardCard.Build(model));

    [Fact]
    public void AProfessionalsCard_ShowsTheirFigures()
    {
        var model = ScorecardSamples.ForProfessional(300);
        var f = model.Figures;

        var card = Card(model);

        Assert.Equal("Scorecard: Professional 0", card.Texts[0]);
        Assert.Equal("Contoso Legal · active · USD 110 an hour", card.Texts[1]);
        Assert.Equal($"{f.Received} received · {f.Accepted} accepted · {f.Declined} declined", card.Fact("Assignments"));
        Assert.Equal($"{f.Completed} · {Math.Round(f.OnTimeRate!.Value * 100):0}% on time ({f.OnTime} of {f.Completed})", card.Fact("Completed"));
        Assert.Equal(MetricsCard.SpreadText(f.TurnaroundDays, MetricsCard.Days), card.Fact("Turnaround"));
        Assert.Equal(MetricsCard.SpreadText(f.AcceptHours, MetricsCard.Hours), card.Fact("Time to accept"));
        Assert.Equal($"{MetricsCard.Money(f.Cost.Alsp, "USD")} for {f.Cost.Hours:#,0.##} hours", card.Fact("ALSP cost"));
        Assert.Equal($"{MetricsCard.Money(f.Cost.OutsideCounsel, "USD")} for the same hours · saved {MetricsCard.Money(f.Cost.Saved, "USD")}", card.Fact("Outside counsel"));
        Assert.StartsWith($"{f.OpenLoad} open of 5 a week", card.Fact("Open now"), StringComparison.Ordinal);
        Assert.True(f.Received > 0 && f.Declined > 0 && f.Completed > 0 && f.OpenLoad > 0);
        Assert.Empty(card.Submits);
    }

    [Fact]
    public void AFirmsCard_AddsOneLinePerProfessional_AndCountsTheRest()
    {
        var firm = ScorecardSamples.Firm(ScorecardCard.MaxMembers + 4);

        var card = Card(ScorecardSamples.ForFirm(2000, firm));

        Assert.Equal($"Provider firm · {firm.Members.Count} professionals on the roster, {firm.Members.Count(m => m.Active)} active", card.Texts[1]);
        Assert.Equal($"{firm.WeeklyCapacity}", card.Fact("Open now")!.Split(" of ")[1].Split(' ')[0]);
        Assert.Equal(ScorecardCard.MaxMembers, card.Facts.Count(f => f.Title.StartsWith("Professional ", StringComparison.Ordinal)));
        Assert.NotNull(card.Fact("Professional 3 (inactive)"));
        Assert.Contains("and 4 more; type scorecard and a name to see one.", card.Texts);
    }

    [Fact]
    public void AFormerProfessional_IsSaidToBeSo_WithHoursNotCosted()
    {
        var former = new ProfessionalSubject("gone", "Grace Hopper", null, Active: false, Former: true, null, null);
        var model = ScorecardSamples.ForProfessional(300) with { Subject = former };

        var card = Card(model);

        Assert.Equal("Former professional: no longer on the roster; hours are not costed", card.Texts[1]);
        Assert.Equal($"{model.Figures.OpenLoad} open", card.Fact("Open now"));
    }

    [Fact]
    public void NoWork_SaysSo()
    {
        var card = Card(ScorecardSamples.ForProfessional(0));

        Assert.Contains("No assignments were received, answered or completed in this period, and none is open.", card.Texts);
        Assert.Null(card.Fact("Completed"));
    }

    [Fact]
    public void TheChoices_AreButtonsCarryingTheSubjectAndPeriod_InRowsTheHostsShow()
    {
        var model = ScorecardSamples.Choices(ScorecardChoicesCard.MaxChoices + 3);

        var card = new CardJson(ScorecardChoicesCard.Build(model));

        Assert.Equal(ScorecardChoicesCard.MaxChoices, card.Submits.Count);
        Assert.Equal("Contoso Legal (firm)", (string?)card.Submits[0]["title"]);
        Assert.Equal(CardActions.Scorecard, (string?)card.Submits[0]["data"]![CardActions.ActionKey]);
        Assert.Equal("firm:Contoso Legal", (string?)card.Submits[0]["data"]![CardActions.SubjectKey]);
        Assert.Equal("professional:alsp-0", (string?)card.Submits[1]["data"]![CardActions.SubjectKey]);
        Assert.All(card.Submits, s => Assert.Equal("this year", (string?)s["data"]![CardActions.PeriodKey]));
        Assert.All(card.Typed("ActionSet"), set => Assert.True(set["actions"]!.AsArray().Count <= 5));
        Assert.Contains("and 3 more: type scorecard and more of the name.", card.Texts);
    }
}
