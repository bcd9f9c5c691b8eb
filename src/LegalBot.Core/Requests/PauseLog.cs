using System.Globalization;
using System.Text;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Requests;

/// <summary>
/// A request's stretches of waiting on its requester, oldest first, the last one open while it still waits: what
/// <see cref="ServiceLevels.DueDate"/> moves the target date by. Compared by content. Stores keep it as
/// <see cref="Format"/> writes it.
/// </summary>
public sealed class PauseLog : IEquatable<PauseLog>
{
    public static readonly PauseLog None = new([]);

    public PauseLog(IEnumerable<Pause> pauses)
    {
        ArgumentNullException.ThrowIfNull(pauses);
        Items = [.. pauses];
    }

    public IReadOnlyList<Pause> Items { get; }

    /// <summary>The log after a change from <paramref name="from"/> to <paramref name="to"/> at <paramref name="at"/>: a pause opens or closes when the change enters or leaves the waiting states.</summary>
    public PauseLog After(RequestState from, RequestState to, DateTimeOffset at)
    {
        if (to.IsPaused() && !from.IsPaused())
        {
            return new PauseLog([.. Items, new Pause(at, null)]);
        }

        if (from.IsPaused() && !to.IsPaused() && Items.Count > 0 && Items[^1].End is null)
        {
            return new PauseLog([.. Items.Take(Items.Count - 1), Items[^1] with { End = at }]);
        }

        return this;
    }

    /// <summary>
    /// One line per pause, "start end" (round-trip times with their offsets, "-" while open), joined by ";"; empty
    /// for none.
    /// </summary>
    public string Format()
    {
        var text = new StringBuilder();
        foreach (var pause in Items)
        {
            if (text.Length > 0)
            {
                text.Append(';');
            }

            text.Append(pause.Start.ToString("O", CultureInfo.InvariantCulture)).Append(' ')
                .Append(pause.End is { } end ? end.ToString("O", CultureInfo.InvariantCulture) : "-");
        }

        return text.ToString();
    }

    /// <summary>Reads what <see cref="Format"/> wrote; null for null or anything else (then the history has the pauses).</summary>
    public static PauseLog? Parse(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var pauses = new List<Pause>();
        foreach (var line in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split(' ');
            if (parts.Length != 2 || !TryTime(parts[0], out var start))
            {
                return null;
            }

            DateTimeOffset? end = null;
            if (parts[1] != "-")
            {
                if (!TryTime(parts[1], out var ended))
                {
                    return null;
                }

                end = ended;
            }

            pauses.Add(new Pause(start, end));
        }

        return new PauseLog(pauses);
    }

    public bool Equals(PauseLog? other) => other is not null && Items.SequenceEqual(other.Items, PauseComparer.Instance);

    public override bool Equals(object? obj) => Equals(obj as PauseLog);

    public override int GetHashCode() => Items.Count;

    public override string ToString() => Format();

    private static bool TryTime(string text, out DateTimeOffset at) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out at);

    /// <summary>Equal when the same instants with the same offsets.</summary>
    private sealed class PauseComparer : IEqualityComparer<Pause>
    {
        public static readonly PauseComparer Instance = new();

        public bool Equals(Pause? x, Pause? y) =>
            x is not null && y is not null && x.Start.EqualsExact(y.Start)
            && (x.End is { } a ? y.End is { } b && a.EqualsExact(b) : y.End is null);

        public int GetHashCode(Pause obj) => obj.Start.GetHashCode();
    }
}
