using System.Text.Json;
using LegalBot.Cards;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace LegalBot.Application.Workflow;

/// <summary>What one pass over the edits made outside the bot did.</summary>
public sealed record OutsideEditPass(int TakenIn, int PutBack, int Deleted);

/// <summary>
/// Takes in the edits people make to requests outside the bot (in Microsoft Lists). A state change legal staff may
/// make from the list (<see cref="WorkflowTable.StateEdits"/>) is recorded as that workflow step, by the editor, with
/// its history line and the notifications the same step made on a card would send; anything else (an editor who is
/// not legal staff, a changed assignee, a value that is no state, a move the workflow does not allow) is put back
/// and the legal team is told why. A deleted request is reported too.
/// <para>
/// Each edit is handled once however many passes or instances read it: a step taken in carries a change id made
/// from the edit's id (applying it again writes nothing, and its notifications have keys of their own), and a
/// put-back needs the item still at the edited revision, so of two instances only one puts it back and tells.
/// Where the pass got to is kept in the local state store; a pass that fails starts again from there.
/// </para>
/// </summary>
public sealed class OutsideEditIntake(
    IOutsideEdits edits,
    IStateStore state,
    RequestChanges changes,
    INotificationStore outbox,
    NotificationPlanner planner,
    AccessPolicy access,
    INotificationSignal signal,
    TimeProvider time,
    ILogger<OutsideEditIntake> logger)
{
    /// <summary>Where the delta cursor is kept in the state store.</summary>
    public const string CursorKey = "legalbot:outside-edits:cursor";

    public async Task<OutsideEditPass> RunAsync(CancellationToken cancellationToken)
    {
        var found = await state.ReadAsync([CursorKey], cancellationToken);
        var stored = found.Count > 0 ? found[0] : null;
        var batch = await edits.ReadAsync(stored is null ? null : CursorOf(stored.Json), cancellationToken);

        int takenIn = 0, putBack = 0;
        foreach (var edit in batch.Edits)
        {
            switch (await HandleAsync(edit, cancellationToken))
            {
                case true:
                    takenIn++;
                    break;
                case false:
                    putBack++;
                    break;
            }
        }

        foreach (var deletion in batch.Deletions)
        {
            Log.RequestDeletedOutside(logger, deletion.Number);
            await TellLegalTeamAsync($"outside-delete:{deletion.Number}", deletion.Number, OutsideEditText.Deleted(deletion.Number), cancellationToken);
        }

        try
        {
            await state.WriteAsync([new StateWrite(CursorKey, JsonSerializer.Serialize(new CursorDocument(batch.Cursor)), stored?.ETag)], cancellationToken);
        }
        catch (StateConflictException)
        {
            // Another instance moved the cursor on meanwhile; what this pass handled is handled either way.
        }

        if (takenIn + putBack + batch.Deletions.Count > 0)
        {
            signal.Notify();
        }

        return new OutsideEditPass(takenIn, putBack, batch.Deletions.Count);
    }

    /// <summary>True when taken in, false when put back, null when neither was needed (the request moved on meanwhile).</summary>
    private async Task<bool?> HandleAsync(OutsideEdit edit, CancellationToken cancellationToken)
    {
        var recorded = edit.Recorded;
        var refusal = Refusal(edit, out var step);
        if (refusal is null)
        {
            var change = new RequestChange
            {
                ChangeId = $"outside:{edit.EditId}",
                Number = edit.Number,
                ExpectedVersion = recorded.Version,
                To = step!.To,
                Actor = edit.EditedBy!,
                Action = WorkflowService.ActionName(step.Action),
                Note = OutsideEditText.TakenInNote,
                At = edit.EditedAt,
            };
            var outcome = await changes.ApplyAsync(change, planner.ForChange(recorded, change, step.Action), cancellationToken);
            if (outcome is not ChangeOutcome.Applied)
            {
                return null;
            }

            Log.OutsideEditTakenIn(logger, edit.Number, recorded.State, step.To, edit.EditedBy!.AadObjectId);
            return true;
        }

        if (!await edits.RevertAsync(edit, cancellationToken))
        {
            // Edited again, or changed by the bot, since it was read: the next pass sees it as it is now.
            return null;
        }

        Log.OutsideEditPutBack(logger, edit.Number, recorded.State, refusal.Value, edit.EditedBy?.AadObjectId);
        var text = OutsideEditText.PutBack(edit.Number, edit.EditedBy, recorded.State, edit.ListState, refusal.Value);
        await TellLegalTeamAsync($"outside-putback:{edit.EditId}", edit.Number, text, cancellationToken);
        return false;
    }

    private OutsideEditRefusal? Refusal(OutsideEdit edit, out Transition? step)
    {
        step = null;
        if (edit.AssigneeChanged)
        {
            return OutsideEditRefusal.AssigneeChanged;
        }

        if (edit.ListState is not { } edited)
        {
            return OutsideEditRefusal.NotAState;
        }

        if (edit.EditedBy is not { } editor || access.RoleOf(editor.AadObjectId) != Role.LegalStaff)
        {
            return OutsideEditRefusal.NotLegalStaff;
        }

        step = WorkflowTable.StateEdits.FirstOrDefault(t => t.To == edited && t.Allows(edit.Recorded.State));
        return step is null ? OutsideEditRefusal.NotAllowed : null;
    }

    /// <summary>A text to the legal team's recipients, saved due at once; its keys make it once however often it is saved.</summary>
    private Task TellLegalTeamAsync(string key, Core.Requests.RequestNumber number, string text, CancellationToken cancellationToken) =>
        outbox.EnqueueAsync(
            [.. planner.TriageRecipients().Select(r => new Notification($"{key}:{r}", number, r, NotificationKinds.Text, text))],
            time.GetUtcNow(),
            cancellationToken);

    private static string? CursorOf(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<CursorDocument>(json)?.Cursor;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private sealed record CursorDocument(string Cursor);
}
