using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>How many requests are in one line of the digest, and the numbers of the first few.</summary>
public sealed record DigestCount(int Count, IReadOnlyList<long> Numbers);

/// <summary>A legal staff member's daily digest: counts and request numbers only, never what a request says.</summary>
public sealed record DigestModel(DateOnly Date, DigestCount New, DigestCount InTriage, DigestCount Overdue, DigestCount WaitingOnRequester, DigestCount Completed);

/// <summary>
/// The daily digest card sent to each legal staff member: each line's listed requests as buttons that open the
/// request's card (the bot looks the request up for whoever presses, as for <c>status</c>), and the metrics.
/// </summary>
public static class DigestCard
{
    /// <summary>At most this many request numbers are listed per line.</summary>
    public const int NumbersShown = 5;

    public static AdaptiveCard Build(DigestModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        (string Label, DigestCount Count)[] lines =
        [
            ("New since yesterday", model.New),
            ("In triage", model.InTriage),
            ("Overdue", model.Overdue),
            ("Waiting on the requester", model.WaitingOnRequester),
            ("Completed since yesterday", model.Completed),
        ];
        var body = new List<CardElement> { Heading($"Legal requests on {Date(model.Date)}") };
        foreach (var (label, count) in lines)
        {
            body.Add(Text($"{label}: {Describe(count)}"));
            var shown = Shown(count);
            if (shown.Count > 0)
            {
                body.Add(new ActionSet([.. shown.Select(n => (CardAction)Submit(n, CardActions.Data(CardActions.Status, (CardActions.IdKey, n))))]) { Spacing = Spacing.Small });
            }
        }

        body.Add(Subtle("Press a number to open its card, or type status followed by a request number."));
        CardAction[] actions = [Submit("Metrics (last 30 days)", CardActions.Data(CardActions.Metrics))];
        return Card(body, actions, $"Legal requests on {Date(model.Date)}: " + string.Join("; ", lines.Select(l => $"{l.Label.ToLowerInvariant()} {Number(l.Count.Count)}")) + ".");
    }

    /// <summary>The numbers a line lists, as people read them (LR-1042), at most <see cref="NumbersShown"/>.</summary>
    private static List<string> Shown(DigestCount count) =>
        [.. count.Numbers.Take(Math.Min(count.Count, NumbersShown)).Select(n => new Core.Requests.RequestNumber(n).ToString())];

    private static string Describe(DigestCount count)
    {
        if (count.Count == 0)
        {
            return "none";
        }

        var shown = Shown(count);
        var more = count.Count > shown.Count ? $" and {Number(count.Count - shown.Count)} more" : "";
        return $"{Number(count.Count)} ({string.Join(", ", shown)}{more})";
    }
}
