using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intents;
using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Tests;

/// <summary>What a typed message or a pressed button means, before any dialog runs.</summary>
public sealed class IntentRecognizerTests
{
    private readonly IntentRecognizer recognizer = new(new RequestTypeCatalog(Conversation.Catalog()));

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
    [InlineData("help", IntentKind.Help)]
    [InlineData("  HELP!  ", IntentKind.Help)]
    [InlineData("?", IntentKind.Help)]
    [InlineData("cancel", IntentKind.Cancel)]
    [InlineData("never mind", IntentKind.Cancel)]
    [InlineData("start over", IntentKind.StartOver)]
    [InlineData("my requests", IntentKind.MyRequests)]
    [InlineData("my assignments", IntentKind.MyAssignments)]
    [InlineData("new request", IntentKind.NewRequest)]
    [InlineData("hello", IntentKind.Greeting)]
    [InlineData("request", IntentKind.NewRequest)]
    [InlineData("status", IntentKind.Status)]
    [InlineData("", IntentKind.None)]
    [InlineData(null, IntentKind.None)]
    [InlineData("what's the weather", IntentKind.None)]
    public void Commands_AreRecognized_WhateverTheCaseSpacingAndPunctuation(string? text, IntentKind expected) =>
        Assert.Equal(expected, Typed(text).Kind);

    [Theory]
    [InlineData("status LR-1042")]
    [InlineData("Status of LR 1042")]
    [InlineData("where is lr1042?")]
    [InlineData("LR-1042")]
    [InlineData("#1042")]
    public void StatusWithANumber_CarriesTheNumber(string text)
    {
        var intent = Typed(text);

        Assert.Equal(IntentKind.Status, intent.Kind);
        Assert.Equal("LR-1042", intent.Number?.ToString());
    }

    [Fact]
    public void History_CarriesTheNumber()
    {
        var intent = Typed("history of LR-1042");

        Assert.Equal(IntentKind.History, intent.Kind);
        Assert.Equal("LR-1042", intent.Number?.ToString());
    }

    [Fact]
    public void Answer_KeepsTheAnswerExactlyAsTyped()
    {
        var intent = Typed("answer LR-1042: The **counterparty** is Acme (UK) Ltd.\nSecond line");

        Assert.Equal(IntentKind.Answer, intent.Kind);
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

        Assert.Equal(IntentKind.NewRequest, intent.Kind);
        Assert.Equal(typeKey, intent.Type?.Key);
    }

    [Fact]
    public void AnOpenerWithoutAType_StartsARequestWithoutOne()
    {
        var intent = Typed("I need some legal help with something");

        Assert.Equal(IntentKind.NewRequest, intent.Kind);
        Assert.Null(intent.Type);
    }

    [Theory]
    [InlineData("I need an NDA for Acme")]
    [InlineData("hello")]
    [InlineData("LR-1042")]
    [InlineData("status")]
    public void WhileAQuestionIsPending_OnlyInterruptingCommandsCount_SoAnswersStayAnswers(string text) =>
        Assert.Equal(IntentKind.None, Typed(text, questionPending: true).Kind);

    [Theory]
    [InlineData("help", IntentKind.Help)]
    [InlineData("cancel", IntentKind.Cancel)]
    [InlineData("start over", IntentKind.StartOver)]
    [InlineData("my requests", IntentKind.MyRequests)]
    [InlineData("status LR-1042", IntentKind.Status)]
    [InlineData("history LR-1042", IntentKind.History)]
    public void WhileAQuestionIsPending_InterruptingCommandsStillWork(string text, IntentKind expected) =>
        Assert.Equal(expected, Typed(text, questionPending: true).Kind);

    [Fact]
    public void AVeryLongMessage_IsNotAnOpener()
    {
        var text = "I need " + new string('x', 5000);

        Assert.Equal(IntentKind.NewRequest, Typed(text).Kind);
        Assert.Equal(IntentKind.None, Typed(new string('x', 5000) + " nda").Kind);
    }

    [Fact]
    public void Buttons_MapByTheirAction()
    {
        Assert.Equal(IntentKind.Help, Pressed(new() { [CardActions.ActionKey] = CardActions.Help }).Kind);
        Assert.Equal(IntentKind.WorkflowButton, Pressed(new() { [CardActions.ActionKey] = CardActions.Workflow }).Kind);
        Assert.Equal(IntentKind.None, Pressed(new() { [CardActions.ActionKey] = "unknown-action" }).Kind);
    }

    [Fact]
    public void AStatusButton_CarriesItsNumber_AndAGarbledOneAsksForIt()
    {
        var good = Pressed(new() { [CardActions.ActionKey] = CardActions.Status, [CardActions.IdKey] = "LR-1042" });
        var garbled = Pressed(new() { [CardActions.ActionKey] = CardActions.Status, [CardActions.IdKey] = "'; drop table" });

        Assert.Equal(("LR-1042", IntentKind.Status), (good.Number?.ToString(), good.Kind));
        Assert.Equal(IntentKind.Status, garbled.Kind);
        Assert.Null(garbled.Number);
    }

    [Theory]
    [InlineData("10", 10)]
    [InlineData("-5", 0)]
    [InlineData("abc", 0)]
    [InlineData("99999999", 1_000_000)]
    public void APageButton_ReadsItsSkip_Bounded(string skip, int expected) =>
        Assert.Equal(expected, Pressed(new() { [CardActions.ActionKey] = CardActions.RequestsPage, [CardActions.SkipKey] = skip }).Skip);
}
