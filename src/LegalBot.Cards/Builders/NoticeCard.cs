using LegalBot.Cards.Model;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Line">What happened, in the bot's words (names in it already plain text).</param>
/// <param name="Quote">What someone wrote (a question, a request for information), shown as typed.</param>
/// <param name="Answer">
/// The workflow action that answers it (<see cref="WorkflowAction.Answer"/>, <see cref="WorkflowAction.ProvideInfo"/>);
/// null when the notice can no longer be answered (the request moved on).
/// </param>
/// <param name="Version">The request version the question belongs to.</param>
public sealed record NoticeModel(RequestNumber Number, string Line, string Quote, WorkflowAction? Answer, int Version);

/// <summary>
/// A notification that quotes what was written, so it reads on its own however far up the chat the request's card
/// is, with an answer box whose button runs the same workflow action as the request card's (authorized on the
/// server from the sender, like every button).
/// </summary>
public static class NoticeCard
{
    /// <summary>Quotes are cut after this many characters, with an ellipsis.</summary>
    public const int QuoteMax = 300;

    public static AdaptiveCard Build(NoticeModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var quote = CardText.Clip(model.Quote, QuoteMax);
        var body = new List<CardElement>
        {
            Text(model.Line),
            Quoted(quote),
        };
        IReadOnlyList<CardAction>? actions = null;
        if (model.Answer is { } action)
        {
            body.Add(new TextInput(CardActions.InputId(action, CardActions.NoteField))
            {
                Label = "Your answer",
                IsMultiline = true,
                MaxLength = RequestWorkCard.NoteMaxLength,
                IsRequired = true,
                ErrorMessage = "Please write your answer.",
            });
            var data = new Dictionary<string, string>(CardActions.RequestData(model.Number, model.Version), StringComparer.Ordinal)
            {
                [CardActions.SourceKey] = CardActions.NoticeSource,
            };
            actions = [Execute("Send answer", CardActions.Verb(action), data, ActionStyle.Positive)];
        }

        var how = model.Answer is null ? "" : $" To answer by typing: answer {model.Number} followed by your answer.";
        return Card(body, actions, $"{model.Line} {quote}{how}");
    }

    /// <summary>What a notice shows once its recipient answered from it.</summary>
    public static AdaptiveCard Answered(RequestNumber number, string answer) =>
        Card([Text($"Your answer on {number} was sent; the request card shows it too."), Quoted(CardText.Clip(answer, QuoteMax))], null, $"Your answer on {number} was sent.");

    private static Container Quoted(string text) =>
        new([Text(text)]) { Style = ContainerStyle.Emphasis };
}
