using System.Text.Json;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Tests;

/// <summary>
/// Conversations saved by the version before the dialog stack (one flat dialog with a step and a pending prompt)
/// continue after the upgrade. The fixtures are rows of the bot state table written by that version, halfway
/// through intake: at the business unit question, at the confirmation, and at "which field to change" after one
/// refused answer.
/// </summary>
public sealed class StateMigrationTests
{
    /// <summary>The saved "dialog" property of a fixture row, as the engine receives it.</summary>
    private static string Saved(string fixture)
    {
        using var row = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        return row.RootElement.GetProperty("dialog").GetRawText();
    }

    [Fact]
    public async Task AConversationAtAFieldQuestion_AnswersIt_AndFilesWithTheSavedDraft()
    {
        var c = new Conversation(savedState: Saved("legacy-state-business-unit.json"));
        NewRequest? filed = null;
        c.AcceptCreate(n => filed = n);

        var next = await c.SayAsync("Sales");

        Assert.Contains("Counterparty", next.LastText);
        Assert.Equal(["intake", IntakeDialog.PromptIdFor(LegalBot.Core.Catalog.FieldKind.Text)], c.State.DialogStack.Select(i => i.Id));
        Assert.False(c.State.HasLegacyShape());
        await c.SayAsync("Globex Ltd");
        var summary = await c.SayAsync("Mutual");
        Assert.Contains("Shall I submit it?", summary.LastText);
        Assert.Contains("Supplier NDA", summary.CardJson());
        var done = await c.SayAsync("yes");

        Assert.Contains("LR-1042", done.Texts[0]);
        Assert.NotNull(filed);
        Assert.Equal("a574b410dccb40ce8093840f262a67a0", filed.SubmissionKey);
        Assert.Equal("Supplier NDA", filed.Details.Title);
        Assert.Equal("We share our roadmap with a supplier before the pilot.", filed.Details.Description);
        Assert.Equal("Sales", filed.Details.BusinessUnit);
        Assert.Equal("Globex Ltd", filed.Details.Counterparty);
        Assert.Equal("Mutual", filed.Details.Fields["direction"]);
        Assert.False(c.IsActive);
    }

    [Fact]
    public async Task AConversationAtTheQuestionItWasAsked_RefusesAWrongAnswerWithTheSameQuestion()
    {
        var c = new Conversation(savedState: Saved("legacy-state-business-unit.json"));

        var wrong = await c.SayAsync("Astronomy");

        Assert.Contains("Business unit must be one of", wrong.LastText);
        Assert.EndsWith("8. Executive", wrong.LastText);
        Assert.Equal("businessUnit", c.PendingField!.Name);
    }

    [Fact]
    public async Task AConversationAtTheConfirmation_TakesTheSavedSynonym_AndFiles()
    {
        var c = new Conversation(savedState: Saved("legacy-state-confirm.json"));
        NewRequest? filed = null;
        c.AcceptCreate(n => filed = n);

        var done = await c.SayAsync("submit");

        Assert.Contains("Your request is filed as **LR-1042**", done.Texts[0]);
        Assert.Equal("a574b410dccb40ce8093840f262a67a0", filed!.SubmissionKey);
        Assert.Equal("Globex Ltd", filed.Details.Counterparty);
    }

    [Fact]
    public async Task AConversationAtTheConfirmation_StillAcceptsItsCardButtons()
    {
        var c = new Conversation(savedState: Saved("legacy-state-confirm.json"));
        NewRequest? filed = null;
        c.AcceptCreate(n => filed = n);

        var done = await c.SubmitAsync(new Dictionary<string, string>
        {
            [LegalBot.Cards.CardActions.ActionKey] = LegalBot.Cards.CardActions.IntakeConfirm,
            [LegalBot.Cards.CardActions.DraftIdKey] = "a574b410dccb40ce8093840f262a67a0",
        });

        Assert.Contains("LR-1042", done.Texts[0]);
        Assert.Equal("a574b410dccb40ce8093840f262a67a0", filed!.SubmissionKey);
    }

    [Fact]
    public async Task TheRefusalsSoFar_CarryOver_SoTheRetryLimitStillHolds()
    {
        var c = new Conversation(maxRetries: 2, savedState: Saved("legacy-state-pick-field-after-a-retry.json"));

        var stopped = await c.SayAsync("skip");

        Assert.Contains("I've stopped here so you're not stuck; nothing was saved.", stopped.LastText);
        Assert.False(c.IsActive);
        c.Store.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task APickFieldQuestion_ContinuesIntoEditingThatField()
    {
        var c = new Conversation(savedState: Saved("legacy-state-pick-field-after-a-retry.json"));

        await c.SayAsync("Counterparty");
        var summary = await c.SayAsync("Initech");

        Assert.Contains("Initech", summary.CardJson());
        Assert.Contains("Shall I submit it?", summary.LastText);
        Assert.Equal("Supplier NDA", c.Values["title"]);
    }

    [Fact]
    public async Task AnIdleSavedState_StaysIdle()
    {
        var c = new Conversation(savedState: """{"DialogId":null,"Step":null,"Prompt":null,"Retries":0,"DraftId":null,"TypeKey":null,"Values":{},"IsActive":false}""");

        var turn = await c.SayAsync("cancel");

        Assert.Contains("nothing to cancel", turn.LastText);
        Assert.False(c.State.HasLegacyShape());
    }

    [Fact]
    public void Upgrade_LeavesTheNewShapeAlone()
    {
        var state = new LbDialogState();
        state.DialogStack.Add(new LbDialogInstance { Id = "intake" });

        Assert.False(IntakeStateMigration.Upgrade(state, 3));
        Assert.Single(state.DialogStack);
    }
}
