using System.Globalization;
using LegalBot.Cards.Model;
using LegalBot.Application.Workflow;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Engine;

/// <summary>
/// What a dialog or intent works with during one turn (Bot Builder's <c>DialogContext</c>): the input, the
/// dialog stack and its operations, and the replies so far. Replies are collected and sent by the host after
/// the state is saved.
/// </summary>
public sealed class LbDialogContext(LbDialogSet dialogs, TurnInput input, LbDialogState state)
{
    private readonly List<Reply> replies = [];

    public TurnInput Input { get; } = input;

    public LbDialogSet Dialogs { get; } = dialogs;

    public LbDialogState State { get; } = state;

    public List<LbDialogInstance> Stack => State.DialogStack;

    /// <summary>The dialog the next message goes to, or null when nothing is in progress.</summary>
    public LbDialogInstance? ActiveDialog => Stack.Count > 0 ? Stack[^1] : null;

    public IReadOnlyList<Reply> Replies => replies;

    public LbDialog? FindDialog(string dialogId) => Dialogs.Find(dialogId);

    /// <summary>Pushes a new instance of the dialog and begins it.</summary>
    public Task<LbDialogTurnResult> BeginDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        var dialog = Find(dialogId);
        Stack.Add(new LbDialogInstance { Id = dialogId });
        return dialog.BeginDialogAsync(this, options, cancellationToken);
    }

    /// <summary>Begins a prompt: it asks, and its parent is resumed with the recognized answer.</summary>
    public Task<LbDialogTurnResult> PromptAsync(string dialogId, LbPromptOptions options, CancellationToken cancellationToken = default) =>
        BeginDialogAsync(dialogId, options, cancellationToken);

    /// <summary>Hands the user's message to the active dialog.</summary>
    public Task<LbDialogTurnResult> ContinueDialogAsync(CancellationToken cancellationToken = default) =>
        ActiveDialog is { } active
            ? Find(active.Id).ContinueDialogAsync(this, cancellationToken)
            : Task.FromResult(new LbDialogTurnResult(LbDialogTurnStatus.Empty));

    /// <summary>Ends the active dialog and resumes its parent with <paramref name="result"/>; Complete when it was the last.</summary>
    public async Task<LbDialogTurnResult> EndDialogAsync(object? result = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(LbDialogReason.EndCalled, cancellationToken);
        return ActiveDialog is { } parent
            ? await Find(parent.Id).ResumeDialogAsync(this, LbDialogReason.EndCalled, result, cancellationToken)
            : new LbDialogTurnResult(LbDialogTurnStatus.Complete, result);
    }

    /// <summary>Ends the active dialog without resuming its parent and begins another in its place (how a loop restarts).</summary>
    public async Task<LbDialogTurnResult> ReplaceDialogAsync(string dialogId, object? options = null, CancellationToken cancellationToken = default)
    {
        await PopAsync(LbDialogReason.ReplaceCalled, cancellationToken);
        return await BeginDialogAsync(dialogId, options, cancellationToken);
    }

    /// <summary>Empties the stack; no parent is resumed.</summary>
    public async Task<LbDialogTurnResult> CancelAllDialogsAsync(CancellationToken cancellationToken = default)
    {
        if (Stack.Count == 0)
        {
            return new LbDialogTurnResult(LbDialogTurnStatus.Empty);
        }

        while (Stack.Count > 0)
        {
            await PopAsync(LbDialogReason.CancelCalled, cancellationToken);
        }

        return new LbDialogTurnResult(LbDialogTurnStatus.Cancelled);
    }

    /// <summary>Cancels the dialogs above <paramref name="parent"/>, which becomes the active one again without being resumed.</summary>
    public async Task CancelChildDialogsAsync(LbDialogInstance parent, CancellationToken cancellationToken = default)
    {
        while (Stack.Count > 0 && !ReferenceEquals(Stack[^1], parent))
        {
            await PopAsync(LbDialogReason.CancelCalled, cancellationToken);
        }
    }

    /// <summary>Asks the active dialog's pending question again (after an interruption such as help or status).</summary>
    public Task RepromptDialogAsync(string? reason = null, CancellationToken cancellationToken = default) =>
        ActiveDialog is { } active
            ? Find(active.Id).RepromptDialogAsync(this, active, reason, cancellationToken)
            : Task.CompletedTask;

    private async Task PopAsync(LbDialogReason reason, CancellationToken cancellationToken)
    {
        if (ActiveDialog is not { } active)
        {
            return;
        }

        Stack.RemoveAt(Stack.Count - 1);
        await Find(active.Id).EndDialogAsync(this, active, reason, cancellationToken);
    }

    private LbDialog Find(string dialogId) =>
        Dialogs.Find(dialogId) ?? throw new InvalidOperationException("No dialog with the id '" + dialogId + "' is registered.");

    public void Say(string text, IReadOnlyList<string>? suggestions = null) => replies.Add(new TextReply(text, suggestions));

    /// <summary>Says text that carries what people typed or their names, shown exactly as written (no Markdown).</summary>
    public void SayAsWritten(string text) => replies.Add(new TextReply(text, AsWritten: true));

    public void Show(AdaptiveCard card) => replies.Add(new CardReply(card));

    /// <summary>Offers a file on Teams' consent card; it is uploaded when the user accepts.</summary>
    public void OfferFile(FileConsentReply file) => replies.Add(file);

    /// <summary>Shows a request's card; it will be updated in place when the request changes.</summary>
    public void Show(RequestCardView view, RequestNumber about) => replies.Add(new CardReply(view.Card, about, ContentHash: view.ContentHash));

    /// <summary>
    /// Shows a request's card in place of the card the input came from (a pressed button), or as a new message
    /// when that card cannot be updated; either way it is updated in place when the request changes.
    /// </summary>
    public void Replace(RequestCardView view, RequestNumber about) => replies.Add(new CardReply(view.Card, about, Input.ReplyToId, view.ContentHash));

    public static IReadOnlyList<string>? Suggestions(FieldDefinition field) => field.Kind switch
    {
        FieldKind.Choice when field.Choices.Count <= 8 => field.Choices,
        FieldKind.YesNo => ["Yes", "No"],
        _ => null,
    };

    public static string Numbered(IEnumerable<string> choices) =>
        string.Join("\n", choices.Select((c, i) => (i + 1).ToString(CultureInfo.InvariantCulture) + ". " + c));
}
