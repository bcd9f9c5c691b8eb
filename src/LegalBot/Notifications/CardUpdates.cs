using LegalBot.Bot;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Notifications;

/// <summary>
/// Keeps the updates of each posted card in order and free of repeats. One update of a card runs at a time in
/// this process, whether it is a turn answering a press on the card or the dispatcher bringing it up to date, and
/// the card's recorded <see cref="PostedCard.ContentHash"/> is read inside that hold: an update that would show
/// what the card already shows is not sent. Updates waiting for the same card thus coalesce: the first renders
/// the latest state, the others find nothing left to change.
/// </summary>
public sealed class CardUpdates(INotificationStore store, ILogger<CardUpdates> logger)
{
    /// <summary>How long a turn waits for the dispatcher to finish with the pressed card before answering anyway.</summary>
    public static readonly TimeSpan TurnWait = TimeSpan.FromSeconds(2);

    private readonly ConversationLocks locks = new();

    /// <summary>Holds one card (a message in a chat) until the result is disposed.</summary>
    public Task<IDisposable> HoldAsync(string conversationKey, string activityId, CancellationToken cancellationToken) =>
        locks.AcquireAsync(conversationKey + "\n" + activityId, cancellationToken);

    /// <summary>
    /// Holds the card a turn answers, waiting at most <see cref="TurnWait"/> (a notification stuck behind a 429
    /// must not stall the answer); null when it could not be held in time.
    /// </summary>
    public async Task<IDisposable?> TryHoldForTurnAsync(string conversationKey, string activityId, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TurnWait);
        try
        {
            return await HoldAsync(conversationKey, activityId, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>The card as recorded now (with what it shows); null when it is not, or no longer, kept.</summary>
    public async Task<PostedCard?> FindAsync(RequestNumber number, string conversationKey, string activityId, CancellationToken cancellationToken) =>
        (await store.CardsAsync(number, cancellationToken)).FirstOrDefault(c =>
            string.Equals(c.ConversationKey, conversationKey, StringComparison.OrdinalIgnoreCase) && c.ActivityId == activityId);

    /// <summary>
    /// Records what a card shows after it was updated. The update is in the chat whatever happens here, so a store
    /// failure is logged and not passed on: at worst the next update of the card is sent although it changes nothing.
    /// </summary>
    public async Task ShownAsync(PostedCard card, string contentHash)
    {
        try
        {
            await store.SaveCardContentAsync(card, contentHash, CancellationToken.None);
        }
        catch (Exception ex)
        {
            Log.CardContentNotRecorded(logger, ex, card.Number);
        }
    }
}
