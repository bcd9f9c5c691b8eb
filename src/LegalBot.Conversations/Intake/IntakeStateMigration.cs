using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intake;

/// <summary>
/// Converts a conversation saved before the dialog stack (one flat dialog: DialogId, Step, Prompt, Retries,
/// DraftId, TypeKey, Values) into the stack that continues it: the intake with its draft, and above it the prompt
/// that was waiting, with its question, synonyms, quick replies and the refusals so far. Runs on the first turn
/// after the upgrade; the next save writes the new shape only.
/// </summary>
public static class IntakeStateMigration
{
    /// <summary>True when the state had the earlier shape and was converted.</summary>
    public static bool Upgrade(LbDialogState state, int maxRetries)
    {
        if (!state.HasLegacyShape())
        {
            return false;
        }

        if (state.DialogId == IntakeDialog.DialogId && state.DialogStack.Count == 0)
        {
            var prompt = state.Prompt;
            var step = state.Step switch
            {
                "fields" when prompt is not null => IntakeDialog.FieldStep(prompt.Field.Name, edit: false),
                "editField" when prompt is not null => IntakeDialog.FieldStep(prompt.Field.Name, edit: true),
                "type" or "pickField" or "confirm" => state.Step,
                _ => null,
            };
            state.DialogStack.Add(IntakeDialog.Instance(state.DraftId ?? Guid.NewGuid().ToString("N"), state.TypeKey, state.Values ?? [], step));
            if (prompt is not null && step is not null)
            {
                var options = IntakeDialog.PromptOptions(prompt.Field, prompt.Question, prompt.Synonyms, prompt.Suggestions, maxRetries);
                state.DialogStack.Add(LbPromptState.Instance(IntakeDialog.PromptIdFor(prompt.Field.Kind), options, state.Retries));
            }
        }

        // Any other earlier dialog id is one this version does not have: nothing to continue.
        state.ClearLegacyShape();
        return true;
    }
}
