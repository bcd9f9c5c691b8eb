using System.Globalization;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Faults;

/// <summary>
/// What the channel got against what the outbox owes, judged the same way whichever database holds the outbox:
/// what a killed host posted without recording it (the one documented window in which a message may go again), and
/// whether every owed notification arrived, once.
/// </summary>
public static class Deliveries
{
    private static readonly TeamsUser[] People = [TeamsUser.Requester, TeamsUser.OtherRequester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp, TeamsUser.SecondAlsp];

    /// <summary>
    /// The pending notifications the channel already took but whose rows do not record the post (no activity id,
    /// no posted card): after a kill, another host sends them again.
    /// </summary>
    /// <param name="cards">Each (request number, recipient) with a posted card on record.</param>
    public static IReadOnlyList<OutboxRow> TakenUnrecorded(FakeChannel channel, IReadOnlyList<OutboxRow> outbox, IReadOnlySet<(long Number, string Recipient)> cards)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(cards);
        var taken = new List<OutboxRow>();
        foreach (var row in outbox.Where(r => r.Status == "pending" && r.ActivityId is null && r.Recipient != LegalBot.Core.Stores.Notification.TriageChannel))
        {
            var chat = channel.Proactive("a:personal-" + row.Recipient);

            // The same text may have been owed and recorded before (an earlier assignment): only a surplus counts.
            var recorded = outbox.Count(r => r.Recipient == row.Recipient && r.Text == row.Text && (r.Status == "delivered" || r.ActivityId is not null));
            var posted = row.Kind switch
            {
                "text" => chat.Count(a => (string?)a["text"] == row.Text) > recorded,
                "card" => !cards.Contains((row.Number, row.Recipient)) && chat.Any(a => Scenarios.RequestIdsIn(a).Contains(RequestIdOf(row.Number))),
                _ => false,
            };
            if (posted)
            {
                taken.Add(row);
            }
        }

        return taken;
    }

    /// <summary>
    /// Every notification owed reached its recipient: nothing is pending or failed, each delivered text is in
    /// its recipient's chat, each request card was posted once per chat (later versions are updates in place), and
    /// the chats hold no text the outbox does not owe. Returns the notifications that arrived more than once, having
    /// failed the test on any outside <paramref name="unrecordedAtCrash"/> (the documented window).
    /// </summary>
    public static (int Delivered, IReadOnlyList<string> Duplicated) AssertOwedDelivered(FakeChannel channel, IReadOnlyList<OutboxRow> rows, IReadOnlyCollection<string> unrecordedAtCrash)
    {
        ArgumentNullException.ThrowIfNull(channel);
        ArgumentNullException.ThrowIfNull(rows);
        Assert.Empty(rows.Where(r => r.Status != "delivered").Select(r => $"{r.Key} {r.Status}"));
        var duplicated = new List<string>();
        foreach (var owed in rows.Where(r => r.Recipient != LegalBot.Core.Stores.Notification.TriageChannel).GroupBy(r => (r.Recipient, r.Kind, r.Number, r.Text)))
        {
            var row = owed.First();
            var conversation = "a:personal-" + row.Recipient;

            // The same text may be owed several times (each assignment); a request's card is posted once per chat.
            var (expected, count) = row.Kind switch
            {
                "text" => (owed.Count(), channel.Proactive(conversation).Count(a => (string?)a["text"] == row.Text)),
                "card" => (1, channel.Posted(conversation).Count(a => Scenarios.RequestIdsIn(a).Contains(RequestIdOf(row.Number)))),
                _ => (0, 0),
            };
            Assert.True(count >= expected, $"{Describe(row)} is owed {expected} times but arrived {count} times.");
            if (count > expected)
            {
                duplicated.Add(Describe(row));
            }
        }

        // A message arrives twice only when the host died after the channel took it and before it was recorded.
        Assert.Empty(duplicated.Except(unrecordedAtCrash));
        var stray = channel.Conversations
            .SelectMany(c => channel.Proactive(c).Select(a => (string?)a["text"]).OfType<string>())
            .Where(t => !rows.Any(r => r.Text == t));
        Assert.Empty(stray);
        return (rows.Count, duplicated);
    }

    public static string RequestIdOf(long number) => "LR-" + number.ToString(CultureInfo.InvariantCulture);

    public static string Describe(OutboxRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return $"{row.Kind} about {RequestIdOf(row.Number)} to {People.FirstOrDefault(p => p.AadObjectId == row.Recipient)?.Name ?? row.Recipient}"
            + (row.Text is null ? "" : $" ('{row.Text}')");
    }
}
