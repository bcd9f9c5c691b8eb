namespace LegalBot.Bot;

/// <summary>
/// Runs one turn at a time per conversation in this process, so a double click sees the state the first
/// click left instead of racing it.
/// </summary>
public sealed class ConversationLocks
{
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);

    public async Task<IDisposable> AcquireAsync(string conversationId, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (entries)
        {
            if (!entries.TryGetValue(conversationId, out entry!))
            {
                entry = new Entry();
                entries[conversationId] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken);
        }
        catch
        {
            Release(conversationId, entry, held: false);
            throw;
        }

        return new Lease(this, conversationId, entry);
    }

    private void Release(string conversationId, Entry entry, bool held)
    {
        if (held)
        {
            entry.Gate.Release();
        }

        lock (entries)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(conversationId);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Lease(ConversationLocks owner, string conversationId, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Release(conversationId, entry, held: true);
            }
        }
    }
}
