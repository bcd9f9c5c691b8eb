using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intents;

namespace LegalBot.Conversations.Tests;

/// <summary>What a typed message or a pressed button means, before any dialog runs.</summary>
public sealed class IntentRecognizerTests
{
    private readonly IntentRecognizer recognizer = new Conversation().Get<IntentRecognizer>();

    private Intent Typed(string? text, bool questionPending = false) => recognizer.Recognize(Input(text, null), questionPending);

    private Intent Pressed(Dictionary<string, string> value) => recognizer.Recognize(Input(null, value), questionPending: false);

    private static TurnInput Input(string? text, Dictionary<string, string>? value) => new()
    {
        User = Conversation.User,
        ConversationId = "a:chat",
        Text = text,
        Value = value,
        Today = Conversation.Today,
        Now = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero),
    };

    [Theory]
    [InlineData("help", typeof(HelpIntent))]
    [InlineData("  HELP!  ", typeof(HelpIntent))]
    [InlineData("?", typeof(HelpIntent))]
    [InlineData("cancel", typeof(CancelIntent))]
    [InlineData("never mind", typeof(CancelIntent))]
    [InlineData("start over", typeof(StartOverIntent))]
    [InlineData("my requests", typeof(MyRequestsIntent))]
    [InlineData("my assignments", typeof(MyAssignmentsIntent))]
    [InlineData("new request", typeof(NewRequestIntent))]
    [InlineData("hello", typeof(GreetingIntent))]
    [InlineData("request", typeof(NewRequestIntent))]
    [InlineData("status", typeof(StatusIntent))]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("what's the weather", null)]
    public void Commands_AreRecognized_WhateverTheCaseSpacingAndPunctuation(string? text, Type? expected) =>
        Assert.Equal(expected, Typed(text).Handler?.GetType());

    [Theory]
    [InlineData("status LR-1042")]
    [InlineData("Status of LR 1042")]
    [InlineData("where is lr1042?")]
    [InlineData("LR-1042")]
    [InlineData("#1042")]
    public void StatusWithANumber_CarriesTheNumber(string text)
    {
        var intent = Typed(text);

        Assert.Equal(typeof(StatusIntent), intent.Handler?.GetType());
        Assert.Equal("LR-1042", intent.Number?.ToString());
    }

    [Fact]
    public void History_CarriesTheNumber()
    {
        var intent = Typed("history of LR-1042");

        Assert.Equal(typeof(HistoryIntent), intent.Handler?.GetType());
        Assert.Equal("LR-1042", intent.Number?.ToString());
    }

    [Fact]
    public void Answer_KeepsTheAnswerExactlyAsTyped()
    {
        var intent = Typed("answer LR-1042: The **counterparty** is Acme (UK) Ltd.\nSecond line");

        Assert.Equal(typeof(WorkflowIntent), intent.Handler?.GetType());
        Assert.Equal("LR-1042", intent.Number?.ToString());
        Assert.Equal("The **counterparty** is Acme (UK) Ltd.\nSecond line", intent.Text);
    }

    [Theory]
    [InlineData("I need an NDA for Acme", "nda")]
    [InlineData("can you look at a deal", "deal")]
    [InlineData("non-disclosure please", "nda")]
    public void Openers_NamingAType_StartThatType(string text, string typeKey)
    {
        var intent = Typed(text);

        Assert.Equal(typeof(NewRequestIntent), intent.Handler?.GetType());
        Assert.Equal(typeKey, intent.Type?.Key);
    }

    [Fact]
    public void AnOpenerWithoutAType_StartsARequestWithoutOne()
    {
        var intent = Typed("I need some legal help with something");

        Assert.Equal(typeof(NewRequestIntent), intent.Handler?.GetType());
        Assert.Null(intent.Type);
    }

    [Theory]
    [InlineData("I need an NDA for Acme")]
    [InlineData("hello")]
    [InlineData("LR-1042")]
    [InlineData("status")]
    public void WhileAQuestionIsPending_OnlyInterruptingCommandsCount_SoAnswersStayAnswers(string text) =>
        Assert.Null(Typed(text, questionPending: true).Handler);

    [Theory]
    [InlineData("help", typeof(HelpIntent))]
    [InlineData("cancel", typeof(CancelIntent))]
    [InlineData("start over", typeof(StartOverIntent))]
    [InlineData("my requests", typeof(MyRequestsIntent))]
    [InlineData("status LR-1042", typeof(StatusIntent))]
    [InlineData("history LR-1042", typeof(HistoryIntent))]
    public void WhileAQuestionIsPending_InterruptingCommandsStillWork(string text, Type? expected) =>
        Assert.Equal(expected, Typed(text, questionPending: true).Handler?.GetType());

    [Fact]
    public void AVeryLongMessage_IsNotAnOpener()
    {
        var text = "I need " + new string('x', 5000);

        Assert.Equal(typeof(NewRequestIntent), Typed(text).Handler?.GetType());
        Assert.Null(Typed(new string('x', 5000) + " nda").Handler);
    }

    [Fact]
    public void Buttons_MapByTheirAction()
    {
        Assert.Equal(typeof(HelpIntent), Pressed(new() { [CardActions.ActionKey] = CardActions.Help }).Handler?.GetType());
        Assert.Equal(typeof(WorkflowIntent), Pressed(new() { [CardActions.ActionKey] = CardActions.Workflow }).Handler?.GetType());
        Assert.Null(Pressed(new() { [CardActions.ActionKey] = "unknown-action" }).Handler);
    }

    [Theory]
    [InlineData("scorecard", "")]
    [InlineData("Scorecard  Contoso Legal  this year!", "Contoso Legal  this year")]
    [InlineData("SCORECARD Jane.", "Jane")]
    public void AScorecard_CarriesWhatFollowedItAsTyped(string text, string expected)
    {
        var intent = Typed(text);

        Assert.Equal(typeof(ScorecardIntent), intent.Handler?.GetType());
        Assert.Equal(expected, intent.Text);
        Assert.Null(intent.Subject);
        Assert.Null(Typed("scorecards").Handler);
    }

    [Fact]
    public void AScorecardButton_CarriesItsSubjectAndPeriod()
    {
        var intent = Pressed(new() { [CardActions.ActionKey] = CardActions.Scorecard, [CardActions.SubjectKey] = "firm:Contoso Legal", [CardActions.PeriodKey] = "this year" });
        var bare = Pressed(new() { [CardActions.ActionKey] = CardActions.Scorecard });

        Assert.Equal((typeof(ScorecardIntent), "firm:Contoso Legal", "this year"), (intent.Handler?.GetType(), intent.Subject, intent.Text));
        Assert.Equal(("", ""), (bare.Subject, bare.Text));
    }

    [Fact]
    public void AStatusButton_CarriesItsNumber_AndAGarbledOneAsksForIt()
    {
        var good = Pressed(new() { [CardActions.ActionKey] = CardActions.Status, [CardActions.IdKey] = "LR-1042" });
        var garbled = Pressed(new() { [CardActions.ActionKey] = CardActions.Status, [CardActions.IdKey] = "'; drop table" });

        Assert.Equal(("LR-1042", typeof(StatusIntent)), (good.Number?.ToString(), good.Handler?.GetType()));
        Assert.Equal(typeof(StatusIntent), garbled.Handler?.GetType());
        Assert.Null(garbled.Number);
    }

    [Theory]
    [InlineData("s1.3f2", "10", "s1.3f2", 10)]
    [InlineData("s1.3f2", "-5", "s1.3f2", 0)]
    [InlineData("s1.3f2", "abc", "s1.3f2", 0)]
    [InlineData("s1.3f2", "99999999", "s1.3f2", 1_000_000)]
    [InlineData("", "10", null, 0)]
    [InlineData(null, "10", null, 0)]
    public void APageButton_ReadsItsTokenAndPosition_Bounded(string? token, string from, string? expectedToken, int expectedPosition)
    {
        var value = new Dictionary<string, string> { [CardActions.ActionKey] = CardActions.RequestsPage, [CardActions.PositionKey] = from };
        if (token is not null)
        {
            value[CardActions.PageKey] = token;
        }

        Assert.Equal(new PagePosition(expectedToken, expectedPosition), Pressed(value).Page);
    }

    [Fact]
    public void APageButton_WithAnOversizedToken_GivesTheFirstPage() =>
        Assert.Equal(
            PagePosition.First,
            Pressed(new() { [CardActions.ActionKey] = CardActions.RequestsPage, [CardActions.PageKey] = new string('a', CardActions.MaxPageTokenLength + 1) }).Page);
}
