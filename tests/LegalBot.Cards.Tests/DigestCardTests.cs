using LegalBot.Cards.Builders;

namespace LegalBot.Cards.Tests;

public sealed class DigestCardTests
{
    /// <summary>Seven new (five listed), none in triage, one overdue, none waiting, two completed.</summary>
    private static readonly DigestModel Sample = new(
        new DateOnly(2026, 12, 8),
        new DigestCount(7, [1, 2, 3, 4, 5, 6, 7]),
        new DigestCount(0, []),
        new DigestCount(1, [1042]),
        new DigestCount(0, []),
        new DigestCount(2, [1043, 1044]));

    [Fact]
    public void Digest_ListsEachCountWithTheFirstNumbers_AndHowManyMore()
    {
        var json = CardSerializer.Serialize(DigestCard.Build(Sample));

        Assert.Contains("Legal requests on 8 Dec 2026", json, StringComparison.Ordinal);
        Assert.Contains("New since yesterday: 7 (LR-1, LR-2, LR-3, LR-4, LR-5 and 2 more)", json, StringComparison.Ordinal);
        Assert.Contains("In triage: none", json, StringComparison.Ordinal);
        Assert.Contains("Overdue: 1 (LR-1042)", json, StringComparison.Ordinal);
        Assert.Contains("Completed since yesterday: 2 (LR-1043, LR-1044)", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Digest_OffersEachListedRequestAsAButtonOpeningItsCard_AndTheMetrics()
    {
        var card = new CardJson(DigestCard.Build(Sample));

        Assert.Equal(
            ["LR-1", "LR-2", "LR-3", "LR-4", "LR-5", "LR-1042", "LR-1043", "LR-1044", "Metrics (last 30 days)"],
            card.Submits.Select(a => (string)a["title"]!));
        Assert.Equal(3, card.Typed("ActionSet").Count());
        Assert.Equal(new Dictionary<string, string> { ["action"] = CardActions.Status, ["id"] = "LR-1042" }, CardJson.Data(card.Submit("LR-1042")));
        Assert.Equal(new Dictionary<string, string> { ["action"] = CardActions.Metrics }, CardJson.Data(card.Submit("Metrics (last 30 days)")));
    }
}
