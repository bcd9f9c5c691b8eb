namespace LegalBot.Testing;

/// <summary>Checks a list of send times against sliding windows, as the channel would count them.</summary>
public static class SendWindowCheck
{
    /// <summary>
    /// Describes the first of <paramref name="windows"/> some span of whose length holds more than its limit of
    /// <paramref name="sends"/>; null when none does.
    /// </summary>
    public static string? FirstExcess(IEnumerable<DateTimeOffset> sends, IEnumerable<(TimeSpan Length, int Limit)> windows)
    {
        ArgumentNullException.ThrowIfNull(sends);
        ArgumentNullException.ThrowIfNull(windows);
        var ordered = sends.Order().ToList();
        foreach (var (length, limit) in windows)
        {
            // The densest span of this length starts at a send: count the sends in [start, start + length).
            var end = 0;
            for (var start = 0; start < ordered.Count; start++)
            {
                while (end < ordered.Count && ordered[end] < ordered[start] + length)
                {
                    end++;
                }

                if (end - start > limit)
                {
                    return $"{end - start} sends in the {length} from {ordered[start]:O} (limit {limit})";
                }
            }
        }

        return null;
    }
}
