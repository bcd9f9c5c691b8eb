using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Engine;

/// <summary>
/// The conversation's dialog state, persisted by the host through Bot Builder's ConversationState after
/// every turn, so a restart in the middle of a conversation resumes where it was. Plain data only.
/// </summary>
public sealed class DialogState
{
    /// <summary>The active dialog's id, or null when nothing is in progress.</summary>
    public string? DialogId { get; set; }

    public string? Step { get; set; }

    public PendingPrompt? Prompt { get; set; }

    /// <summary>How many answers in a row the pending prompt has refused.</summary>
    public int Retries { get; set; }

    /// <summary>Identifies one filing attempt; also the idempotency key when it is saved.</summary>
    public string? DraftId { get; set; }

    public string? TypeKey { get; set; }

    public Dictionary<string, string> Values { get; set; } = [];

    public bool IsActive => DialogId is not null;

    public void Clear()
    {
        DialogId = null;
        Step = null;
        Prompt = null;
        Retries = 0;
        DraftId = null;
        TypeKey = null;
        Values = [];
    }
}

/// <summary>A question waiting for an answer: the field it fills (kind, limits, choices) and how it was asked.</summary>
public sealed class PendingPrompt
{
    public FieldDefinition Field { get; set; } = new();

    public string Question { get; set; } = "";

    /// <summary>Words accepted as a given value (lowercase word → value), e.g. "edit" → "false".</summary>
    public Dictionary<string, string> Synonyms { get; set; } = [];

    /// <summary>Quick replies offered with the question, when they differ from the field's own.</summary>
    public List<string>? Suggestions { get; set; }
}
