using LegalBot.Core.Requests;

namespace LegalBot.Core.Stores;

/// <summary>
/// A request changed where the bot did not change it: in the store's own user interface (an item edited in
/// Microsoft Lists), by someone with access to it. The bot decides whether to take the edit in as a workflow step
/// or to put the request back and tell the legal team.
/// </summary>
/// <param name="EditId">
/// Names this edit of this request: reading the same edit again (another pass, another instance) gives the same id,
/// and a later edit of the same request a new one.
/// </param>
/// <param name="Recorded">
/// The request as the bot last wrote it: its state and assignee as the workflow knows them, its version, and every
/// other value as the store holds it now.
/// </param>
/// <param name="ListState">The state the store shows now; null when it holds a value that is no state at all.</param>
/// <param name="AssigneeChanged">Whether the assignee was changed too (assignment is a workflow step of its own).</param>
/// <param name="EditedBy">Who made the edit, when the store says so (null for an app or an unknown editor).</param>
/// <param name="Revision">The store's revision of the request as read (opaque), which a revert must still find.</param>
public sealed record OutsideEdit(
    string EditId,
    LegalRequest Recorded,
    RequestState? ListState,
    bool AssigneeChanged,
    Person? EditedBy,
    DateTimeOffset EditedAt,
    string Revision)
{
    public RequestNumber Number => Recorded.Number;
}

/// <summary>A request removed outside the bot (an item deleted in Microsoft Lists).</summary>
public sealed record OutsideDeletion(RequestNumber Number);

/// <summary>What changed since a cursor, and where to read from next time.</summary>
/// <param name="Cursor">Opaque; pass it to the next <see cref="IOutsideEdits.ReadAsync"/>.</param>
public sealed record OutsideEditBatch(IReadOnlyList<OutsideEdit> Edits, IReadOnlyList<OutsideDeletion> Deletions, string Cursor);

/// <summary>
/// Finds the edits made to requests outside the bot, for a store people can also edit directly (the SharePoint
/// list). Edits the bot made itself are never reported. A store without such a user interface does not implement
/// this.
/// </summary>
public interface IOutsideEdits
{
    /// <summary>
    /// The requests edited outside the bot since <paramref name="cursor"/>; with no cursor (or one the store can no
    /// longer read), every request that differs from what the bot recorded, however long ago it was edited.
    /// Reading the same edits twice is harmless: each keeps its <see cref="OutsideEdit.EditId"/>.
    /// </summary>
    Task<OutsideEditBatch> ReadAsync(string? cursor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Puts the recorded state and assignee back on the request, only if it has not changed again since the edit
    /// was read. True when it was put back; false when it had changed again or is gone (read the edits again).
    /// </summary>
    Task<bool> RevertAsync(OutsideEdit edit, CancellationToken cancellationToken = default);
}
