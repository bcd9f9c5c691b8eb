using LegalBot.Testing;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;

namespace LegalBot.Store.Graph.Tests;

/// <summary>List item reads and writes through the real Graph client against SharePoint's rules, as the store will make them.</summary>
[Collection(GraphServerCollection.Name)]
public sealed class ListItemTests(LoopbackCertificate tls)
{
    private const string HonorNonIndexed = "HonorNonIndexedQueriesWarningMayFailRandomly";

    [Fact]
    public async Task FilterValue_WithAnApostrophe_RoundTrips()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        await AddRequestAsync(bed, lists, "LR-1001", "O'Brien");
        await AddRequestAsync(bed, lists, "LR-1002", "OBrien");

        var found = await FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.RequesterId, "O'Brien"));

        var item = Assert.Single(found);
        Assert.Equal("LR-1001", item.Fields!.AdditionalData[ListSchema.Requests.RequestNumber]);
        Assert.Empty(bed.Server.NonIndexedQueries);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task FilterValue_ThatTriesToWidenTheQuery_MatchesNothing()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        await AddRequestAsync(bed, lists, "LR-1001", "a1");
        await AddRequestAsync(bed, lists, "LR-1002", "b2");

        var found = await FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.RequesterId, "x' or fields/Title ne 'y"));

        Assert.Empty(found);
        Assert.Empty(bed.Server.NonIndexedQueries);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Patch_WithTheCurrentETag_Succeeds_AndWithAStaleOne_Gets412()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        var created = await AddRequestAsync(bed, lists, "LR-1001", "a1");
        var fields = bed.Client.Sites[bed.Site.Id].Lists[lists.RequestsListId].Items[created.Id].Fields;
        Assert.Matches("^\"\\{[0-9A-F-]{36}\\},1\"$", created.ETag);

        var updated = await fields.PatchAsync(Fields(new() { [ListSchema.Requests.State] = "Assigned" }), r => r.Headers.Add("If-Match", created.ETag!));
        var stale = await Assert.ThrowsAsync<ODataError>(() =>
            fields.PatchAsync(Fields(new() { [ListSchema.Requests.State] = "Rejected" }), r => r.Headers.Add("If-Match", created.ETag!)));

        Assert.Equal("Assigned", updated!.AdditionalData[ListSchema.Requests.State]);
        Assert.EndsWith(",2\"", (string)updated.AdditionalData["@odata.etag"], StringComparison.Ordinal);
        Assert.Equal(412, stale.ResponseStatusCode);
        Assert.Equal("resourceModified", stale.Error!.Code);
        var item = await bed.Client.Sites[bed.Site.Id].Lists[lists.RequestsListId].Items[created.Id].GetAsync(r => r.QueryParameters.Expand = ["fields($select=RequestState)"]);
        Assert.Equal("Assigned", item!.Fields!.AdditionalData[ListSchema.Requests.State]);
    }

    [Fact]
    public async Task FilterOnANonIndexedColumn_BelowTheThreshold_IsRefusedWithoutThePreferHeader()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        await AddRequestAsync(bed, lists, "LR-1001", "a1");

        var refused = await Assert.ThrowsAsync<ODataError>(() => FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.Counterparty, "Contoso")));
        var allowed = await FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.Counterparty, "Contoso"), HonorNonIndexed);

        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.Equal("invalidRequest", refused.Error!.Code);
        Assert.StartsWith("Field 'Counterparty' cannot be referenced in filter or orderby as it is not indexed.", refused.Error.Message, StringComparison.Ordinal);
        Assert.Single(allowed);
        Assert.Equal(["Legal Requests: Counterparty", "Legal Requests: Counterparty"], bed.Server.NonIndexedQueries);
    }

    [Fact]
    public async Task FilterOnANonIndexedColumn_PastTheThreshold_FailsEvenWithThePreferHeader_WhileIndexedOnesWork()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        bed.Server.ListViewThreshold = 3;
        var list = bed.Site.FindList(lists.RequestsListId)!;
        bed.Server.Seed(list, Enumerable.Range(1, 4).Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            [ListSchema.Requests.RequestNumber] = $"LR-{1000 + n}",
            [ListSchema.Requests.RequesterId] = $"user-{n}",
            [ListSchema.Requests.Counterparty] = "Contoso",
        }));

        var refused = await Assert.ThrowsAsync<ODataError>(() => FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.Counterparty, "Contoso"), HonorNonIndexed));
        var indexed = await FindAsync(bed, lists, ODataFilter.Eq(ListSchema.Requests.RequesterId, "user-2"));

        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.Equal("notSupported", refused.Error!.Code);
        Assert.Equal("tooManyResources", refused.Error.InnerError!.AdditionalData["code"]);
        Assert.Equal("LR-1002", Assert.Single(indexed).Fields!.AdditionalData[ListSchema.Requests.RequestNumber]);
    }

    [Fact]
    public async Task NextLinkPaging_ThroughTheSdk_ReadsEveryItemOnce()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        bed.Server.Seed(bed.Site.FindList(lists.RequestsListId)!, Enumerable.Range(1, 5).Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            [ListSchema.Requests.RequestNumber] = $"LR-{1000 + n}",
            [ListSchema.Requests.State] = "New",
        }));
        bed.Server.ClearRequests();
        var items = bed.Client.Sites[bed.Site.Id].Lists[lists.RequestsListId].Items;

        var numbers = new List<string>();
        var page = await items.GetAsync(r =>
        {
            r.QueryParameters.Filter = ODataFilter.Eq(ListSchema.Requests.State, "New");
            r.QueryParameters.Expand = [$"fields($select={ListSchema.Requests.RequestNumber})"];
            r.QueryParameters.Top = 2;
        });
        while (page is not null)
        {
            numbers.AddRange(page.Value!.Select(i => (string)i.Fields!.AdditionalData[ListSchema.Requests.RequestNumber]));
            page = page.OdataNextLink is { } next ? await items.WithUrl(next).GetAsync() : null;
        }

        Assert.Equal(["LR-1001", "LR-1002", "LR-1003", "LR-1004", "LR-1005"], numbers);
        Assert.Equal(3, bed.Server.GraphRoundTrips.Count);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task ItemsAndHistory_WrittenTogetherInOneSdkBatch_TakeOneRoundTrip()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var lists = await bed.Provisioner().EnsureListsAsync();
        bed.Server.ClearRequests();
        var site = bed.Client.Sites[bed.Site.Id];
        var batch = new BatchRequestContentCollection(bed.Client);
        var request = await batch.AddBatchRequestStepAsync(site.Lists[lists.RequestsListId].Items.ToPostRequestInformation(new ListItem
        {
            Fields = Fields(new() { [ListSchema.Requests.RequestNumber] = "LR-1001", [ListSchema.Requests.State] = "New" }),
        }));
        var history = await batch.AddBatchRequestStepAsync(site.Lists[lists.HistoryListId].Items.ToPostRequestInformation(new ListItem
        {
            Fields = Fields(new() { [ListSchema.History.RequestNumber] = "LR-1001", [ListSchema.History.ToState] = "New", [ListSchema.History.RequestVersion] = 1 }),
        }));

        var responses = await bed.Client.Batch.PostAsync(batch);

        var statuses = await responses.GetResponsesStatusCodesAsync();
        Assert.Equal(System.Net.HttpStatusCode.Created, statuses[request]);
        Assert.Equal(System.Net.HttpStatusCode.Created, statuses[history]);
        var created = await responses.GetResponseByIdAsync<ListItem>(history);
        Assert.Equal("LR-1001", created.Fields!.AdditionalData[ListSchema.History.RequestNumber]);
        Assert.Single(bed.Server.GraphRoundTrips);
        Assert.Equal(1, bed.Site.FindList(lists.RequestsListId)!.ItemCount);
        Assert.Equal(1, bed.Site.FindList(lists.HistoryListId)!.ItemCount);
        Assert.Empty(bed.Server.Unknown);
    }

    private static FieldValueSet Fields(Dictionary<string, object> values) => new() { AdditionalData = values };

    private static async Task<ListItem> AddRequestAsync(GraphTestBed bed, ProvisionedLists lists, string number, string requesterId) =>
        (await bed.Client.Sites[bed.Site.Id].Lists[lists.RequestsListId].Items.PostAsync(new ListItem
        {
            Fields = Fields(new()
            {
                [ListSchema.Requests.Title] = "NDA review",
                [ListSchema.Requests.RequestNumber] = number,
                [ListSchema.Requests.RequesterId] = requesterId,
                [ListSchema.Requests.State] = "New",
                [ListSchema.Requests.Counterparty] = "Contoso",
                [ListSchema.Requests.RequestVersion] = 1,
            }),
        }))!;

    private static async Task<List<ListItem>> FindAsync(GraphTestBed bed, ProvisionedLists lists, string filter, string? prefer = null)
    {
        var page = await bed.Client.Sites[bed.Site.Id].Lists[lists.RequestsListId].Items.GetAsync(r =>
        {
            r.QueryParameters.Filter = filter;
            r.QueryParameters.Expand = [$"fields($select={ListSchema.Requests.RequestNumber},{ListSchema.Requests.RequesterId})"];
            if (prefer is not null)
            {
                r.Headers.Add("Prefer", prefer);
            }
        });
        return page!.Value!;
    }
}
