using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Engine;

/// <summary>
/// One incoming turn, as the host read it from the channel's activity. The sender comes from the
/// activity itself (its AAD object id), never from card data.
/// </summary>
public sealed record TurnInput
{
    public required Person User { get; init; }

    /// <summary>The name Teams gave the sender, for greetings; null when it gave none (<see cref="User"/> then names them "Someone").</summary>
    public string? SenderName { get; init; }

    public required string ConversationId { get; init; }

    public string? TenantId { get; init; }

    /// <summary>A 1:1 chat with the bot (not a team channel or group chat).</summary>
    public bool IsPersonal { get; init; } = true;

    /// <summary>Files sent with the message (Teams' file flow in the 1:1 chat); empty when none.</summary>
    public IReadOnlyList<Application.Documents.IncomingFile> Files { get; init; } = [];

    /// <summary>What the user typed; null for a card submission.</summary>
    public string? Text { get; init; }

    /// <summary>
    /// The message this activity answers, as the channel gives it: for a card button (Action.Submit) Teams gives
    /// the id of the card's message, which the bot may then update in place. Never trusted for authorization.
    /// </summary>
    public string? ReplyToId { get; init; }

    /// <summary>A card submission's data merged with its inputs (top-level string values only).</summary>
    public IReadOnlyDictionary<string, string>? Value { get; init; }

    /// <summary>The user's local date (from the activity's local timestamp when the channel gives one).</summary>
    public required DateOnly Today { get; init; }

    public required DateTimeOffset Now { get; init; }

    /// <summary>Looks up the sender's profile (email) from the channel; called only when a request is filed.</summary>
    public Func<CancellationToken, Task<Person>>? ResolveUser { get; init; }

    public string? Action => Value is not null && Value.TryGetValue(Cards.CardActions.ActionKey, out var action) ? action : null;
}
