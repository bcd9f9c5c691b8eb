namespace LegalBot.Conversations.Engine;

/// <summary>A multi-turn conversation whose progress lives in <see cref="DialogState"/>.</summary>
public interface IDialog
{
    string Id { get; }

    /// <summary>Called with the recognized, normalized answer to the pending prompt.</summary>
    Task OnAnswerAsync(DialogContext dc, PendingPrompt prompt, string? value, CancellationToken cancellationToken);

    /// <summary>Called with a card submission addressed to this dialog.</summary>
    Task OnCardAsync(DialogContext dc, string action, IReadOnlyDictionary<string, string> value, CancellationToken cancellationToken);

    /// <summary>The user gave up answering (too many retries) or asked to start over.</summary>
    Task RestartAsync(DialogContext dc, CancellationToken cancellationToken);
}
