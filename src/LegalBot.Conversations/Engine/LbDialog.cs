namespace LegalBot.Conversations.Engine;

/// <summary>How a turn left the dialog stack (Bot Builder's <c>DialogTurnStatus</c>).</summary>
public enum LbDialogTurnStatus
{
    /// <summary>No dialog was active.</summary>
    Empty,

    /// <summary>The active dialog waits for the user's next message.</summary>
    Waiting,

    /// <summary>The last dialog on the stack ended; <see cref="LbDialogTurnResult.Result"/> is what it returned.</summary>
    Complete,

    /// <summary>The stack was cancelled.</summary>
    Cancelled,
}

/// <summary>Why a dialog is resumed or ended (Bot Builder's <c>DialogReason</c>).</summary>
public enum LbDialogReason
{
    BeginCalled,
    ContinueCalled,
    EndCalled,
    ReplaceCalled,
    CancelCalled,
}

/// <summary>What a dialog operation left behind (Bot Builder's <c>DialogTurnResult</c>).</summary>
public sealed record LbDialogTurnResult(LbDialogTurnStatus Status, object? Result = null);

/// <summary>
/// A multi-turn conversation that lives on the dialog stack (Bot Builder's <c>Dialog</c>). Dialog objects are
/// stateless singletons: what a running dialog remembers is in its <see cref="LbDialogInstance"/>, persisted
/// with the conversation.
/// </summary>
public abstract class LbDialog(string id)
{
    /// <summary>The answer of a dialog that waits for the user's next message.</summary>
    public static readonly LbDialogTurnResult EndOfTurn = new(LbDialogTurnStatus.Waiting);

    public string Id { get; } = id;

    /// <summary>Called when the dialog is pushed on the stack; its instance is already the active one.</summary>
    public abstract Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken);

    /// <summary>Called with the user's next message while this dialog is the active one.</summary>
    public virtual Task<LbDialogTurnResult> ContinueDialogAsync(LbDialogContext dc, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(null, cancellationToken);

    /// <summary>Called when a dialog this one began has ended, with what it returned.</summary>
    public virtual Task<LbDialogTurnResult> ResumeDialogAsync(LbDialogContext dc, LbDialogReason reason, object? result, CancellationToken cancellationToken) =>
        dc.EndDialogAsync(result, cancellationToken);

    /// <summary>Asks the pending question again, after an interruption (help, status) answered something else.</summary>
    /// <param name="reason">Said before the question, in the same message (not in Bot Builder's signature).</param>
    public virtual Task RepromptDialogAsync(LbDialogContext dc, LbDialogInstance instance, string? reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Called when the instance leaves the stack (ended, replaced or cancelled).</summary>
    public virtual Task EndDialogAsync(LbDialogContext dc, LbDialogInstance instance, LbDialogReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;
}

/// <summary>
/// A dialog made of other dialogs (Bot Builder's <c>ComponentDialog</c>): it registers its children with
/// <see cref="AddDialog"/> and begins them on the stack; when a child ends, the component is resumed with its
/// result. Unlike Bot Builder, the children run on the conversation's one stack (above the component) rather
/// than on an inner stack kept in the component's state.
/// </summary>
public abstract class LbComponentDialog(string id) : LbDialog(id)
{
    /// <summary>The children, found by <see cref="LbDialogSet.Find"/> through the component.</summary>
    public LbDialogSet Dialogs { get; } = new();

    /// <summary>The child begun when the component begins, if the component does not override <see cref="BeginDialogAsync"/>.</summary>
    public string? InitialDialogId { get; protected set; }

    protected LbComponentDialog AddDialog(LbDialog dialog)
    {
        Dialogs.Add(dialog);
        return this;
    }

    public override Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken) =>
        InitialDialogId is { } initial
            ? dc.BeginDialogAsync(initial, options, cancellationToken)
            : dc.EndDialogAsync(null, cancellationToken);
}

/// <summary>The dialogs a conversation can run, by id (Bot Builder's <c>DialogSet</c>).</summary>
public sealed class LbDialogSet
{
    private readonly Dictionary<string, LbDialog> dialogs = new(StringComparer.Ordinal);

    public LbDialogSet()
    {
    }

    public LbDialogSet(IEnumerable<LbDialog> dialogs)
    {
        foreach (var dialog in dialogs)
        {
            Add(dialog);
        }
    }

    public LbDialogSet Add(LbDialog dialog)
    {
        if (!dialogs.TryAdd(dialog.Id, dialog))
        {
            throw new InvalidOperationException("Two dialogs share the id '" + dialog.Id + "'.");
        }

        return this;
    }

    /// <summary>The dialog with this id, here or among the children of a component registered here.</summary>
    public LbDialog? Find(string id)
    {
        if (dialogs.TryGetValue(id, out var dialog))
        {
            return dialog;
        }

        foreach (var component in dialogs.Values.OfType<LbComponentDialog>())
        {
            if (component.Dialogs.Find(id) is { } child)
            {
                return child;
            }
        }

        return null;
    }
}
