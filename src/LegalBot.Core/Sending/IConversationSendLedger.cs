namespace LegalBot.Core.Sending;

/// <summary>
/// What the bot sent to each conversation in the last hour, shared by every instance that sends to the same chats,
/// so Teams' per-conversation windows (<see cref="SendWindow.Teams"/>) hold across instances, not only within one.
/// Every send reserves its place first, a turn's replies included; replies that could not wait for a place (the user
/// is waiting on them) are recorded once sent.
/// </summary>
public interface IConversationSendLedger
{
    /// <summary>
    /// Takes a place for one send to <paramref name="conversationId"/> at <paramref name="now"/> when every window
    /// has room, atomically with every other instance's reservations for that conversation; otherwise says when to
    /// ask again.
    /// </summary>
    Task<SendReservation> ReserveAsync(string conversationId, DateTimeOffset now, IReadOnlyList<SendWindow> windows, CancellationToken cancellationToken);

    /// <summary>
    /// The reserved send completed at <paramref name="at"/>: from then on it counts from its completion (the channel
    /// counts a send when it arrives, somewhere between the two). A shared store writes it
    /// at once, off the caller's path (or with the next call when that fails); until it lands the send counts from
    /// its reservation.
    /// </summary>
    void Complete(SendReservation reservation, DateTimeOffset at);

    /// <summary>Counts <paramref name="count"/> messages already sent to the conversation at <paramref name="at"/> without a reservation.</summary>
    Task RecordAsync(string conversationId, DateTimeOffset at, int count, CancellationToken cancellationToken);
}
