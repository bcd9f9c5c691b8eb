using System.Buffers.Text;
using System.Text.Json.Nodes;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Graph.Tests.Contract;

/// <summary>
/// The listing of every request on SharePoint (legal staff's search): one Graph GET per page, unfiltered and ordered
/// by the always-indexed item id, so it holds on a list past its view threshold (the backend sets it to one item and
/// fails the test on any non-indexed query or on anything the fake does not implement).
/// </summary>
public sealed class RecentListingTests : SharePointStoreTests
{
    private static readonly Person Other = new("aad-other-requester", "Other Requester", "other@contoso.example");

    private async Task<LegalRequest> FileAsync(string key, Person? requester = null)
    {
        var request = New(key) with { Requester = requester ?? Requester };
        return (await Requests.CreateAsync(request)).Request;
    }

    [Fact]
    public async Task AFullPage_IsOneGraphGet_UnfilteredAndOrderedByTheIndexedId_PastTheListViewThreshold()
    {
        var mine = await FileAsync("key-1");
        var theirs = await FileAsync("key-2", Other);
        Assert.True(Backend.RequestsList.ItemCount > Backend.Server.ListViewThreshold);

        Backend.Server.ClearRequests();
        var page = await Requests.ListRecentAsync(null, RequestRules.MaxRecentPageSize);

        Assert.Equal([theirs.Number, mine.Number], page.Items.Select(r => r.Number));
        var get = Assert.Single(Backend.Server.GraphRoundTrips);
        Assert.Equal("GET", get.Method);
        Assert.EndsWith("/items", get.Path, StringComparison.Ordinal);
        var query = Uri.UnescapeDataString(get.Query);
        Assert.DoesNotContain("$filter", query, StringComparison.Ordinal);
        Assert.Contains("$orderby=fields/ID desc", query, StringComparison.Ordinal);
        Assert.Contains($"$top={RequestRules.MaxRecentPageSize}", query, StringComparison.Ordinal);
        Assert.Empty(Backend.Server.NonIndexedQueries);
        Assert.Empty(Backend.Server.Unknown);
    }

    [Fact]
    public async Task ATokenFromAnotherListing_IsRejected_AndTheirTokensTheOtherWayToo()
    {
        for (var i = 0; i < 3; i++)
        {
            await FileAsync($"key-{i}");
        }

        var recent = (await Requests.ListRecentAsync(null, 1)).ContinuationToken!;
        var requesters = (await Requests.ListByRequesterAsync(Requester.AadObjectId, null, 1)).ContinuationToken!;

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Requests.ListRecentAsync(requesters, 10));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Requests.ListByRequesterAsync(Requester.AadObjectId, recent, 10));
    }

    [Fact]
    public async Task ATokenWhoseSkipTokenWasAltered_IsRejected_AsSharePointRefusesIt()
    {
        for (var i = 0; i < 3; i++)
        {
            await FileAsync($"key-{i}");
        }

        var token = (await Requests.ListRecentAsync(null, 1)).ContinuationToken!;
        var payload = JsonNode.Parse(Base64Url.DecodeFromChars(token.AsSpan(3)))!.AsObject();
        payload["Skip"] = "Paged=TRUE&p_ID=not-a-number";
        var altered = token[..3] + Base64Url.EncodeToString(System.Text.Encoding.UTF8.GetBytes(payload.ToJsonString()));

        Backend.Server.ClearRequests();
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Requests.ListRecentAsync(altered, 10));
        Assert.Equal(400, Assert.Single(Backend.Server.GraphRoundTrips).Status);
    }

    [Fact]
    public async Task AnItemAddedByHandThatIsNoRequest_IsLeftOut()
    {
        var filed = await FileAsync("key-1");
        Backend.Server.Seed(Backend.RequestsList, [new Dictionary<string, object?> { ["Title"] = "Added in Microsoft Lists" }]);

        var page = await Requests.ListRecentAsync(null, 10);

        Assert.Equal([filed.Number], page.Items.Select(r => r.Number));
    }
}
