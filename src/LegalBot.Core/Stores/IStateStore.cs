namespace LegalBot.Core.Stores;

/// <summary>
/// Conversation and user state between turns (the bot's dialog progress), kept as JSON documents under string
/// keys, each with an etag for optimistic concurrency. The store never looks inside the JSON.
/// </summary>
/// <remarks>
/// <para>
/// An etag is an opaque, non-empty string the store gives a document on every write; it is never <c>"*"</c>
/// and changes with each write. A write that expects an etag (<see cref="StateWrite.ExpectedETag"/>) lands only
/// while the stored document still has it: of two writers holding the same etag, exactly one wins.
/// </para>
/// <para>
/// A batch of writes, and a batch of deletes, is atomic: all of it is saved or, when any item fails (a
/// conflict, a bad key), none of it. Keys are compared ordinally, are not empty, and are at most
/// <see cref="MaxKeyLength"/> characters; a store whose index cannot hold that many bytes keys its rows by a
/// hash of the key.
/// </para>
/// </remarks>
public interface IStateStore
{
    /// <summary>
    /// The longest key, in UTF-16 code units. Keys embed channel conversation and user ids, which have no
    /// documented bound (Teams ids are a few hundred characters at most), so this is generous.
    /// </summary>
    public const int MaxKeyLength = 4096;

    /// <summary>
    /// The documents stored under <paramref name="keys"/>, one per key found, in no particular order; a key with
    /// no document is simply absent from the result (not an error, not an empty document).
    /// </summary>
    /// <exception cref="ArgumentException">A key is empty or longer than <see cref="MaxKeyLength"/>.</exception>
    Task<IReadOnlyList<StateDocument>> ReadAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves every write (creating or replacing the document under its key) or none of them, and returns the
    /// new etag of each document by key.
    /// </summary>
    /// <exception cref="StateConflictException">
    /// A write expected an etag the stored document no longer has; nothing of the batch was saved.
    /// </exception>
    /// <exception cref="ArgumentException">
    /// A key is empty, longer than <see cref="MaxKeyLength"/> or appears twice in the batch; nothing was saved.
    /// </exception>
    Task<IReadOnlyDictionary<string, string>> WriteAsync(IReadOnlyCollection<StateWrite> writes, CancellationToken cancellationToken = default);

    /// <summary>Removes the documents under <paramref name="keys"/>, all or none; keys with no document are ignored.</summary>
    /// <exception cref="ArgumentException">A key is empty or longer than <see cref="MaxKeyLength"/>; nothing was removed.</exception>
    Task DeleteAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes at most <paramref name="max"/> documents whose key starts with <paramref name="keyPrefix"/> (ordinally)
    /// and whose last write was before <paramref name="writtenBefore"/> (the store's clock), and says how many: the
    /// sweep of documents that expire, such as unanswered export offers.
    /// </summary>
    /// <exception cref="ArgumentException">The prefix is empty.</exception>
    Task<int> DeleteWrittenBeforeAsync(string keyPrefix, DateTimeOffset writtenBefore, int max, CancellationToken cancellationToken = default);
}

/// <summary>A stored state document.</summary>
/// <param name="Json">The JSON text as written.</param>
/// <param name="ETag">The etag of its last write.</param>
public sealed record StateDocument(string Key, string Json, string ETag);

/// <summary>A document to save under <paramref name="Key"/>.</summary>
/// <param name="Json">JSON text; the store keeps it as given.</param>
/// <param name="ExpectedETag">
/// The etag the stored document must still have for this write to land. <see langword="null"/> or
/// <see cref="AnyETag"/> writes unconditionally (last write wins). It is compared only with a stored document:
/// under a key with no document the write lands whatever it expects, as Bot Builder's storages do.
/// </param>
public sealed record StateWrite(string Key, string Json, string? ExpectedETag = null)
{
    /// <summary>The expected etag that matches any stored document.</summary>
    public const string AnyETag = "*";

    /// <summary>Whether the write lands only while the stored document has <see cref="ExpectedETag"/>.</summary>
    public bool IsConditional => ExpectedETag is not null && ExpectedETag != AnyETag;
}

/// <summary>The checks every <see cref="IStateStore"/> makes on a batch's keys before it touches anything.</summary>
public static class StateKeys
{
    /// <summary>Throws <see cref="ArgumentException"/> for a null, empty or too long key, or (when <paramref name="distinct"/>) a repeated one.</summary>
    public static void ThrowIfInvalid(IEnumerable<string> keys, string paramName, bool distinct = false)
    {
        ArgumentNullException.ThrowIfNull(keys, paramName);
        var seen = distinct ? new HashSet<string>(StringComparer.Ordinal) : null;
        foreach (var key in keys)
        {
            if (string.IsNullOrEmpty(key))
            {
                throw new ArgumentException("A state key is null or empty.", paramName);
            }

            if (key.Length > IStateStore.MaxKeyLength)
            {
                throw new ArgumentException(
                    "A state key is longer than " + IStateStore.MaxKeyLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters.",
                    paramName);
            }

            if (seen is not null && !seen.Add(key))
            {
                throw new ArgumentException("A state key appears twice in one batch.", paramName);
            }
        }
    }
}
