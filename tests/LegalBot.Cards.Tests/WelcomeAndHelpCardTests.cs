using LegalBot.Cards.Builders;

namespace LegalBot.Cards.Tests;

public sealed class WelcomeAndHelpCardTests
{
    [Fact]
    public void Welcome_GreetsByName_AndOffersTheThreeStartingPoints()
    {
        var card = new CardJson(WelcomeCard.Build("Business Requester", isLegalStaff: false));

        Assert.Contains("Hi Business Requester, I'm LegalBot", card.Rendered);
        Assert.Equal(["New request", "My requests", "Help"], card.Submits.Select(a => (string)a["title"]!));
        Assert.Equal(CardActions.NewRequest, CardJson.Data(card.Submit("New request"))[CardActions.ActionKey]);
        Assert.Equal(CardActions.MyRequests, CardJson.Data(card.Submit("My requests"))[CardActions.ActionKey]);
        Assert.Equal(CardActions.Help, CardJson.Data(card.Submit("Help"))[CardActions.ActionKey]);
        Assert.DoesNotContain(card.Rendered, t => t.Contains("legal staff", StringComparison.Ordinal));
    }

    [Fact]
    public void Welcome_ForLegalStaff_MentionsAnyRequest()
    {
        var card = new CardJson(WelcomeCard.Build("Legal Counsel", isLegalStaff: true));

        Assert.Contains(card.Rendered, t => t.Contains("status of any request", StringComparison.Ordinal));
    }

    [Fact]
    public void Welcome_WithHostileName_ShowsItLiterally()
    {
        var card = new CardJson(WelcomeCard.Build(Samples.Hostile, isLegalStaff: false));

        Assert.Contains($"Hi {Samples.Hostile}, I'm LegalBot", card.Rendered);
    }

    [Fact]
    public void Welcome_WithoutName_SaysHiThere()
    {
        var card = new CardJson(WelcomeCard.Build("  ", isLegalStaff: false));

        Assert.Contains("Hi there, I'm LegalBot", card.Rendered);
    }

    [Fact]
    public void Help_ListsTheCommandsItIsGiven_InOrder()
    {
        var card = new CardJson(HelpCard.Build(Samples.HelpCommands));

        Assert.Equal(["status LR-1042", "my requests", "answer LR-1042 …", "help", "new request"], card.Facts.Select(f => f.Title));
        Assert.Contains("I need an NDA", card.Fact("new request"), StringComparison.Ordinal);
        Assert.DoesNotContain(card.Rendered, t => t.Contains("any request", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_FallbackText_NamesTheSameCommands()
    {
        var card = HelpCard.Build(Samples.HelpCommands);

        Assert.Equal("Commands: status LR-1042, my requests, answer LR-1042, help, new request.", card.FallbackText);
    }

    [Fact]
    public void Help_ForLegalStaff_AddsTheAnyRequestLine()
    {
        var card = new CardJson(HelpCard.Build(Samples.HelpCommands, isLegalStaff: true));

        Assert.Contains(card.Rendered, t => t.Contains("view any request and triage it", StringComparison.Ordinal));
    }

    [Fact]
    public void Help_ForAnAlspProfessional_AddsTheAssignmentsLine()
    {
        var card = new CardJson(HelpCard.Build(Samples.HelpCommands, isAlspProfessional: true));

        Assert.Contains(card.Rendered, t => t.Contains("accept or decline assignments", StringComparison.Ordinal));
    }
}
