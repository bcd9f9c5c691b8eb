using System.Globalization;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Model;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Engine;

/// <summary>What a dialog or intent works with during one turn: the input, the state, and the replies so far.</summary>
public sealed class DialogContext(TurnInput input, DialogState state)
{
    private readonly List<Reply> replies = [];

    public TurnInput Input { get; } = input;

    public DialogState State { get; } = state;

    public IReadOnlyList<Reply> Replies => replies;

    public void Say(string text, IReadOnlyList<string>? suggestions = null) => replies.Add(new TextReply(text, suggestions));

    /// <summary>Says text that carries what people typed or their names, shown exactly as written (no Markdown).</summary>
    public void SayAsWritten(string text) => replies.Add(new TextReply(text, AsWritten: true));

    public void Show(AdaptiveCard card) => replies.Add(new CardReply(card));

    /// <summary>Shows a request's card; it will be updated in place when the request changes.</summary>
    public void Show(RequestCardView view, RequestNumber about) => replies.Add(new CardReply(view.Card, about, ContentHash: view.ContentHash));

    /// <summary>
    /// Shows a request's card in place of the card the input came from (a pressed button), or as a new message
    /// when that card cannot be updated; either way it is updated in place when the request changes.
    /// </summary>
    public void Replace(RequestCardView view, RequestNumber about) => replies.Add(new CardReply(view.Card, about, Input.ReplyToId, view.ContentHash));

    /// <summary>Asks a question and waits for the answer in a later turn.</summary>
    /// <param name="suggestions">Quick replies; by default the field's choices (or yes/no).</param>
    public void Ask(FieldDefinition field, string question, Dictionary<string, string>? synonyms = null, List<string>? suggestions = null)
    {
        State.Prompt = new PendingPrompt { Field = field, Question = question, Synonyms = synonyms ?? [], Suggestions = suggestions };
        State.Retries = 0;
        Say(question, suggestions ?? Suggestions(field));
    }

    /// <summary>Asks the pending question again (after an interruption such as help or status).</summary>
    public void Reprompt(string? reason = null)
    {
        if (State.Prompt is not { } prompt)
        {
            return;
        }

        Say(reason is null ? prompt.Question : reason + " " + prompt.Question, prompt.Suggestions ?? Suggestions(prompt.Field));
    }

    public static IReadOnlyList<string>? Suggestions(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Choice when field.Choices.Count <= 8 => field.Choices,
        FieldKind.YesNo => ["Yes", "No"],
        _ => null,
    };

    public static string Numbered(IEnumerable<string> choices) =>
        string.Join("\n", choices.Select((c, i) => (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + c));
}
