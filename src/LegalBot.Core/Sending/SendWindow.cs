namespace LegalBot.Core.Sending;

/// <summary>At most <paramref name="Limit"/> messages to one conversation in any <paramref name="Length"/>.</summary>
public sealed record SendWindow(TimeSpan Length, int Limit)
{
    /// <summary>
    /// Teams' documented limits for one bot in one conversation: 7 per second, 8 per 2 seconds, 60 per 30 seconds
    /// and 1,800 per hour. The lengths are fixed; the limits may be set lower, never higher.
    /// </summary>
    public static IReadOnlyList<SendWindow> Teams { get; } =
    [
        new(TimeSpan.FromSeconds(1), 7),
        new(TimeSpan.FromSeconds(2), 8),
        new(TimeSpan.FromSeconds(30), 60),
        new(TimeSpan.FromHours(1), 1800),
    ];

    /// <summary>The longest window: sends older than this no longer count anywhere.</summary>
    public static TimeSpan Horizon { get; } = TimeSpan.FromHours(1);
}

/// <summary>
/// The answer to a reservation: granted (<see cref="Id"/> names the send in the ledger), or refused until
/// <see cref="RetryAt"/>, when the oldest send that keeps a window full leaves it.
/// </summary>
public sealed record SendReservation(long? Id, DateTimeOffset? RetryAt)
{
    public bool Granted => RetryAt is null;

    public static SendReservation Grant(long id) => new(id, null);

    public static SendReservation WaitUntil(DateTimeOffset retryAt) => new(null, retryAt);
}
