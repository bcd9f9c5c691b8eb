using LegalBot.Cards.Builders;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

public sealed class NoticeCardTests
{
    private static readonly RequestNumber Number = new(1042);

    [Fact]
    public void Question_IsQuoted_WithAnAnswerBoxWhoseButtonRunsTheAnswerForThatVersion()
    {
        var card = new CardJson(NoticeCard.Build(new NoticeModel(Number, "ALSP Professional One has a question on LR-1042:", "Is the pilot limited to the EU?", WorkflowAction.Answer, 4)));

        Assert.Contains("Is the pilot limited to the EU?", card.Rendered);
        Assert.Equal(["request.answer.note"], card.Inputs.Select(i => (string)i["id"]!));
        var send = Assert.Single(card.Typed("Action.Execute"));
        Assert.Equal(CardActions.AnswerVerb, (string?)send["verb"]);
        Assert.Equal(
            new Dictionary<string, string> { ["number"] = "LR-1042", ["version"] = "4", ["source"] = CardActions.NoticeSource },
            CardJson.Data(send));
        Assert.Equal(CardActions.Workflow, CardJson.Data(Assert.Single(card.Submits))[CardActions.ActionKey]);
    }

    [Fact]
    public void MovedOn_QuotesTheQuestion_WithoutAnAnswerBox()
    {
        var card = new CardJson(NoticeCard.Build(new NoticeModel(Number, "Question on LR-1042:", "Which entity signs?", null, 4)));

        Assert.Contains("Which entity signs?", card.Rendered);
        Assert.Empty(card.Inputs);
        Assert.Empty(card.Typed("Action.Execute"));
    }

    [Fact]
    public void LongQuote_IsCutWithAnEllipsis_AndMarkdownInItStaysText()
    {
        var card = new CardJson(NoticeCard.Build(new NoticeModel(Number, "Question on LR-1042:", "**b** [x](http://evil) " + new string('q', 1000), WorkflowAction.Answer, 4)));

        var quote = card.Rendered[1];
        Assert.Equal(NoticeCard.QuoteMax, quote.Length);
        Assert.StartsWith("**b** [x](http://evil) qqq", quote, StringComparison.Ordinal);
        Assert.EndsWith("q…", quote, StringComparison.Ordinal);
        // In a RichTextBlock, where no Markdown applies: shown exactly as typed, never rendered as a link.
        Assert.Equal(quote, card.Texts[1]);
        Assert.Empty(card.Typed("TextBlock"));
    }
}
