using System.Text.Json;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Graph;

/// <summary>
/// What the metrics' facts are read from, as the two lists hold it, kept in memory and brought up to date from each
/// list's delta feed (<see cref="GraphRequestStore.FactsAsync"/>): per request item the columns the facts carry, and per
/// history item only the lines <see cref="RequestFactsLines"/> names (triage, assignments and their answers, and the
/// lines entering or leaving a paused state). No titles, descriptions or notes are kept.
/// </summary>
internal sealed class RequestFactsMirror
{
    private static readonly HashSet<string> StepActions = [.. RequestFactsLines.StepActions];
    private static readonly HashSet<string> AssignActions = [.. RequestFactsLines.AssignActions];
    private static readonly HashSet<RequestState> PausedStates = [.. RequestFactsLines.PausedStates.Select(Enum.Parse<RequestState>)];
    private static readonly HashSet<RequestState> OpenStates = [.. RequestFactsLines.OpenStates.Select(Enum.Parse<RequestState>)];

    private readonly Lock gate = new();

    /// <summary>Request items by request number: the facts without their lines, and the line the item's last change may still owe.</summary>
    private readonly Dictionary<long, RequestRow> requests = [];

    /// <summary>The kept lines by history item id, and by request number then item id (the order they were written in).</summary>
    private readonly Dictionary<long, Line> lines = [];
    private readonly Dictionary<long, SortedList<long, Line>> linesOf = [];

    /// <summary>The highest version any history line of a request reaches (kept or not): a request's later line is still owed.</summary>
    private readonly Dictionary<long, int> linedUpTo = [];

    /// <summary>The delta token the requests list is read on from; null before the first read.</summary>
    public string? RequestsToken { get; private set; }

    /// <summary>The delta token the history list is read on from; null before the first read.</summary>
    public string? HistoryToken { get; private set; }

    /// <summary>How many requests and kept history lines the mirror holds (for the benchmark and tests).</summary>
    public (int Requests, int Lines) Size
    {
        get
        {
            lock (gate)
            {
                return (requests.Count, lines.Count);
            }
        }
    }

    /// <summary>Takes in both lists' changes, read one after the other (the history first: see <see cref="GraphRequestStore.FactsAsync"/>).</summary>
    public void Apply(DeltaChanges<Line?> history, DeltaChanges<RequestRow?> requestItems)
    {
        lock (gate)
        {
            if (history.Restarted || HistoryToken is null)
            {
                lines.Clear();
                linesOf.Clear();
                linedUpTo.Clear();
            }

            foreach (var itemId in history.Deleted)
            {
                RemoveLine(itemId);
            }

            foreach (var (itemId, line) in history.Changed)
            {
                RemoveLine(itemId);
                if (line is not null)
                {
                    AddLine(line);
                }
            }

            if (requestItems.Restarted || RequestsToken is null)
            {
                requests.Clear();
            }

            foreach (var itemId in requestItems.Deleted)
            {
                requests.Remove(RequestItems.NumberOf(itemId).Value);
            }

            foreach (var (itemId, row) in requestItems.Changed)
            {
                var number = RequestItems.NumberOf(itemId).Value;
                if (row is not null)
                {
                    requests[number] = row;
                }
                else
                {
                    // An item someone added by hand is no request (the store reads none either).
                    requests.Remove(number);
                }
            }

            HistoryToken = history.Token;
            RequestsToken = requestItems.Token;
        }
    }

    /// <summary>
    /// Every request filed in [<paramref name="from"/>, <paramref name="to"/>), completed in it, assigned in it, or
    /// open now, with its steps and pauses read from its lines in the order they were written (a change's line counted
    /// once, and the line an item still owes after them), as <see cref="IRequestFacts.FactsAsync"/> promises.
    /// </summary>
    public IReadOnlyList<RequestFacts> Facts(DateTimeOffset from, DateTimeOffset to)
    {
        lock (gate)
        {
            var found = new List<RequestFacts>();
            foreach (var (number, (facts, owed)) in requests)
            {
                linesOf.TryGetValue(number, out var kept);
                if (!OpenStates.Contains(facts.State)
                    && !In(facts.FiledAt, from, to)
                    && !(facts.CompletedAt is { } completed && In(completed, from, to))
                    && !AssignedIn(kept, owed, from, to))
                {
                    continue;
                }

                var requestLines = LinesOf(number, kept, owed);

                var steps = new RequestSteps();
                foreach (var line in requestLines.Where(l => StepActions.Contains(l.Action)))
                {
                    steps.Add(line.Action, line.At, line.ActorId, line.AssigneeId, line.AssigneeName);
                }

                var pauses = requestLines.Where(l => PausedStates.Contains(l.To) || l.From is { } f && PausedStates.Contains(f)).Select(l => (l.At, l.To));
                found.Add(steps.ApplyTo(facts) with { Pauses = ServiceLevels.PausesOf(pauses) });
            }

            return found;
        }
    }

    private static bool In(DateTimeOffset at, DateTimeOffset from, DateTimeOffset to) => at >= from && at < to;

    /// <summary>Whether a line assigned the request in the period (read before the request is taken, so without building its lines).</summary>
    private static bool AssignedIn(SortedList<long, Line>? kept, Line? owed, DateTimeOffset from, DateTimeOffset to) =>
        kept is not null && kept.Values.Any(l => AssignActions.Contains(l.Action) && In(l.At, from, to))
        || owed is not null && AssignActions.Contains(owed.Action) && In(owed.At, from, to);

    /// <summary>A request's kept lines oldest first, each change once (the first written), then the line its item still owes.</summary>
    private List<Line> LinesOf(long number, SortedList<long, Line>? kept, Line? owed)
    {
        var found = new List<Line>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        if (kept is not null)
        {
            found.AddRange(kept.Values.Where(l => l.ChangeId is null || seen.Add(l.ChangeId)));
        }

        if (owed is not null && owed.Version > linedUpTo.GetValueOrDefault(number) && (owed.ChangeId is null || !seen.Contains(owed.ChangeId)))
        {
            found.Add(owed);
        }

        return found;
    }

    private void AddLine(Line line)
    {
        linedUpTo[line.Number] = Math.Max(linedUpTo.GetValueOrDefault(line.Number), line.Version);
        if (!IsKept(line))
        {
            return;
        }

        lines[line.ItemId] = line;
        if (!linesOf.TryGetValue(line.Number, out var kept))
        {
            linesOf[line.Number] = kept = [];
        }

        kept[line.ItemId] = line;
    }

    private void RemoveLine(long itemId)
    {
        if (lines.Remove(itemId, out var line) && linesOf.TryGetValue(line.Number, out var kept))
        {
            kept.Remove(itemId);
            if (kept.Count == 0)
            {
                linesOf.Remove(line.Number);
            }
        }
    }

    private static bool IsKept(Line line) =>
        StepActions.Contains(line.Action) || PausedStates.Contains(line.To) || line.From is { } from && PausedStates.Contains(from);

    /// <summary>A request item as the facts read it; null for an item someone added by hand that is no request.</summary>
    public static RequestRow? ReadRequest(long itemId, JsonElement item)
    {
        if (!item.TryGetProperty("fields", out var fields) || RequestItems.Text(fields, ListSchema.Requests.SubmissionKey) is null)
        {
            return null;
        }

        var request = RequestItems.ReadRequest(item);
        var facts = new RequestFacts(
            request.Number,
            request.Details.TypeKey,
            request.State,
            request.CreatedAt,
            request.TargetDate,
            null,
            null,
            null,
            null,
            request.CompletedAt,
            request.AssignedTo?.AadObjectId,
            request.HoursSpent,
            request.Rating,
            []);
        var owed = RequestItems.PendingLineOf(item) is { } pending && ReadLine(0, JsonSerializer.SerializeToElement(pending)) is { } line && line.Number == request.Number.Value
            ? line
            : null;
        return new RequestRow(facts, owed);
    }

    /// <summary>A history item as a line; null for one that names no request (added by hand).</summary>
    public static Line? ReadLine(long itemId, JsonElement item)
    {
        var entry = RequestItems.ReadHistory(item);
        if (entry.Number == default)
        {
            return null;
        }

        return new Line(
            itemId,
            entry.Number.Value,
            RequestItems.LineVersion(item),
            RequestItems.LineChangeId(item),
            entry.Action,
            entry.At,
            entry.Actor.AadObjectId,
            entry.Assignee?.AadObjectId,
            entry.Assignee?.Name,
            entry.FromState,
            entry.ToState);
    }

    /// <summary>A request item as the facts keep it: its facts without their lines, and the line its last change may still owe.</summary>
    public sealed record RequestRow(RequestFacts Facts, Line? Owed);

    /// <summary>One history line as the facts read it: no note, no e-mail addresses.</summary>
    public sealed record Line(
        long ItemId,
        long Number,
        int Version,
        string? ChangeId,
        string Action,
        DateTimeOffset At,
        string ActorId,
        string? AssigneeId,
        string? AssigneeName,
        RequestState? From,
        RequestState To);
}
