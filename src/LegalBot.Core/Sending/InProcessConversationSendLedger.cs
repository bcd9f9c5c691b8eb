namespace LegalBot.Core.Sending;

/// <summary>
/// The ledger of a single instance (the SQLite and SharePoint deployments): each conversation's sends of the last
/// hour in memory.
/// </summary>
public sealed class InProcessConversationSendLedger : IConversationSendLedger
{
    private readonly Dictionary<string, Conversation> conversations = new(StringComparer.Ordinal);
    private readonly Dictionary<long, (Conversation Conversation, DateTimeOffset At)> reserved = [];
    private readonly Lock gate = new();
    private long nextId;
    private DateTimeOffset lastSweep = DateTimeOffset.MinValue;

    public Task<SendReservation> ReserveAsync(string conversationId, DateTimeOffset now, IReadOnlyList<SendWindow> windows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        ArgumentNullException.ThrowIfNull(windows);
        lock (gate)
        {
            Sweep(now);
            var conversation = For(conversationId);
            conversation.Prune(now);
            if (conversation.RetryAt(now, windows) is { } retryAt)
            {
                return Task.FromResult(SendReservation.WaitUntil(retryAt));
            }

            var id = ++nextId;
            conversation.Add(now);
            reserved[id] = (conversation, now);
            return Task.FromResult(SendReservation.Grant(id));
        }
    }

    public void Complete(SendReservation reservation, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reservation);
        lock (gate)
        {
            if (reservation.Id is { } id && reserved.Remove(id, out var entry))
            {
                entry.Conversation.Move(entry.At, at);
            }
        }
    }

    public Task RecordAsync(string conversationId, DateTimeOffset at, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(conversationId);
        lock (gate)
        {
            var conversation = For(conversationId);
            for (var i = 0; i < count; i++)
            {
                conversation.Add(at);
            }
        }

        return Task.CompletedTask;
    }

    private Conversation For(string conversationId)
    {
        if (!conversations.TryGetValue(conversationId, out var conversation))
        {
            conversation = new Conversation();
            conversations[conversationId] = conversation;
        }

        return conversation;
    }

    /// <summary>Forgets conversations with nothing in the last hour, at most once an hour (their sends no longer count).</summary>
    private void Sweep(DateTimeOffset now)
    {
        if (now - lastSweep < SendWindow.Horizon)
        {
            return;
        }

        lastSweep = now;
        foreach (var (key, conversation) in conversations)
        {
            conversation.Prune(now);
            if (conversation.IsEmpty)
            {
                conversations.Remove(key);
            }
        }

        // A reservation never completed (its send abandoned) stops mattering once it is an hour old.
        foreach (var (id, entry) in reserved)
        {
            if (entry.At <= now - SendWindow.Horizon)
            {
                reserved.Remove(id);
            }
        }
    }

    /// <summary>One conversation's sends, oldest first.</summary>
    private sealed class Conversation
    {
        private readonly List<DateTimeOffset> sends = [];

        public bool IsEmpty => sends.Count == 0;

        public void Add(DateTimeOffset at) => sends.Insert(UpperBound(at), at);

        public void Move(DateTimeOffset from, DateTimeOffset to)
        {
            var index = sends.IndexOf(from);
            if (index >= 0)
            {
                sends.RemoveAt(index);
                Add(to);
            }
        }

        public void Prune(DateTimeOffset now) => sends.RemoveRange(0, UpperBound(now - SendWindow.Horizon));

        public DateTimeOffset? RetryAt(DateTimeOffset now, IReadOnlyList<SendWindow> windows)
        {
            DateTimeOffset? retryAt = null;
            foreach (var window in windows)
            {
                // The sends in (now - length, now]; when full, the first of them that must leave sets the time.
                var first = UpperBound(now - window.Length);
                var count = sends.Count - first;
                if (count >= window.Limit)
                {
                    var leaves = sends[first + count - window.Limit] + window.Length;
                    retryAt = retryAt is { } earlier && earlier > leaves ? earlier : leaves;
                }
            }

            return retryAt;
        }

        /// <summary>The index of the first send after <paramref name="at"/>.</summary>
        private int UpperBound(DateTimeOffset at)
        {
            int low = 0, high = sends.Count;
            while (low < high)
            {
                var middle = (low + high) / 2;
                if (sends[middle] <= at)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }
    }
}
