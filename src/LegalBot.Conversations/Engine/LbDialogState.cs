using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Engine;

/// <summary>
/// The conversation's dialog stack (Bot Builder's <c>DialogState</c>), persisted by the host through Bot Builder's
/// ConversationState after every turn, so a restart in the middle of a conversation resumes where it was. Plain
/// data only: it is written by Newtonsoft.Json in the host and by System.Text.Json in tests.
/// </summary>
public sealed class LbDialogState
{
    /// <summary>The running dialogs, the active one last.</summary>
    public List<LbDialogInstance> DialogStack { get; set; } = [];

    /// <summary>The request the next file sent in this chat goes to (<c>attach LR-1042</c>), until one is kept there.</summary>
    public string? AttachTo { get; set; }

    /// <summary>
    /// The state before the dialog stack: one flat dialog with a step and a pending prompt. Read only so that a
    /// conversation saved by an earlier version is converted on its first turn (<c>IntakeStateMigration</c>);
    /// never written again.
    /// </summary>
    public string? DialogId { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public string? Step { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public LegacyPrompt? Prompt { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public int Retries { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public string? DraftId { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public string? TypeKey { get; set; }

    /// <inheritdoc cref="DialogId"/>
    public Dictionary<string, string>? Values { get; set; }

    /// <summary>True while the state still has the earlier shape.</summary>
    public bool HasLegacyShape() => DialogId is not null || Step is not null || Prompt is not null || DraftId is not null || TypeKey is not null || Values is { Count: > 0 };

    /// <summary>Forgets the earlier shape once converted.</summary>
    public void ClearLegacyShape()
    {
        DialogId = null;
        Step = null;
        Prompt = null;
        Retries = 0;
        DraftId = null;
        TypeKey = null;
        Values = null;
    }
}

/// <summary>One running dialog on the stack (Bot Builder's <c>DialogInstance</c>): its id and what it remembers.</summary>
public sealed class LbDialogInstance
{
    public string Id { get; set; } = "";

    /// <summary>The dialog's own memory. Strings only, so both JSON serializers read it back the same.</summary>
    public Dictionary<string, string> State { get; set; } = [];
}

/// <summary>The pending question of the state's earlier shape, kept to read it.</summary>
public sealed class LegacyPrompt
{
    public FieldDefinition Field { get; set; } = new();

    public string Question { get; set; } = "";

    public Dictionary<string, string> Synonyms { get; set; } = [];

    public List<string>? Suggestions { get; set; }
}
