using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>How many requests are in one line of the digest, and the numbers of the first few.</summary>
public sealed record DigestCount(int Count, IReadOnlyList<long> Numbers);

/// <summary>A legal staff member's daily digest: counts and request numbers only, never what a request says.</summary>
public sealed record DigestModel(DateOnly Date, DigestCount New, DigestCount InTriage, DigestCount Overdue, DigestCount WaitingOnRequester, DigestCount Completed);

/// <summary>The daily digest card sent to each legal staff member.</summary>
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
        body.AddRange(lines.Select(l => Text($"{l.Label}: {Describe(l.Count)}")));
        body.Add(Subtle("Type status followed by a request number to see one."));
        return Card(body, null, $"Legal requests on {Date(model.Date)}: " + string.Join("; ", lines.Select(l => $"{l.Label.ToLowerInvariant()} {Number(l.Count.Count)}")) + ".");
    }

    private static string Describe(DigestCount count)
    {
        if (count.Count == 0)
        {
            return "none";
        }

        var shown = count.Numbers.Take(NumbersShown).Select(n => new Core.Requests.RequestNumber(n).ToString()).ToList();
        var more = count.Count > shown.Count ? $" and {Number(count.Count - shown.Count)} more" : "";
        return $"{Number(count.Count)} ({string.Join(", ", shown)}{more})";
    }
}
