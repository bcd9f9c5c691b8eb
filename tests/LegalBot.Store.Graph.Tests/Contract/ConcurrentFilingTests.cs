namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// Two callers finishing one filing at the same moment: the filer writes its "created" line right after numbering the
/// item, and a repeated submission that read the item between the two finds it numbered without its line and writes
/// the line too. SharePoint cannot refuse the second, so the store reads lines of one change id as one line.
/// </summary>
public sealed class ConcurrentFilingTests : SharePointStoreTests
{
    [Fact]
    public async Task ACreatedLineWrittenTwice_ByTheFilerAndARepeatedSubmission_ReadsAsOneLine_AndLaterLinesFollow()
    {
        var filed = (await Requests.CreateAsync(New("key-1"))).Request;
        var history = Backend.Site.FindList(Backend.Options.HistoryList) ?? throw new InvalidOperationException("No history list.");
        var created = Assert.Single(Enumerable.Range(1, history.ItemCount), id => history.Item(id)["ChangeId"] == "key-1");

        Backend.Server.PostCopy(history, created);
        var applied = await Requests.ApplyAsync(Triage(filed, "change-1"));
        var lines = await Requests.GetHistoryAsync(filed.Number);

        Assert.Equal(3, history.ItemCount);
        Assert.IsType<LegalBot.Core.Stores.ChangeOutcome.Applied>(applied);
        Assert.Equal(["created", "triage"], lines.Select(l => l.Action));
    }
}
