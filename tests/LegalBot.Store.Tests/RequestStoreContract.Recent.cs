using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>
/// The listing of every request (<see cref="IRequestStore.ListRecentAsync"/>), which legal staff's search reads; its
/// paging is checked with the requester's listing's in <c>List_…</c>.
/// </summary>
public abstract partial class RequestStoreContract<TBackend>
{
    [Fact]
    public async Task ListRecent_ListsEveryonesRequests_NewestFirst_AsTheyAreNow()
    {
        var first = await CreateAsync(Requester);
        var second = await CreateAsync(SecondRequester);
        var third = await CreateAsync(Requester);
        var moved = await MoveAsync(second, "triage", RequestState.InTriage, new Person("aad-counsel", "Legal Counsel"));

        var page = await Store.ListRecentAsync(null, 10);

        Assert.Equal(
            new[] { third, moved, first }.Select(r => (r.Number, r.Requester.AadObjectId, r.Details.Title, r.Details.Counterparty, r.State, r.Version)),
            page.Items.Select(r => (r.Number, r.Requester.AadObjectId, r.Details.Title, r.Details.Counterparty, r.State, r.Version)));
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListRecent_OfAnEmptyStore_IsOneEmptyLastPage()
    {
        var page = await Store.ListRecentAsync(null, 10);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListRecent_ClampsTakeToOneThroughTheRecentPageSize()
    {
        const int total = RequestRules.MaxRecentPageSize + 1;
        for (var i = 0; i < total; i += 10)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(10, total - i)).Select(n => Store.CreateAsync(NewRequest(requester: n % 2 == 0 ? Requester : SecondRequester))));
        }

        var one = await Store.ListRecentAsync(null, 0);
        var alsoOne = await Store.ListRecentAsync(null, -5);
        var full = await Store.ListRecentAsync(null, int.MaxValue);
        var rest = await Store.ListRecentAsync(full.ContinuationToken, int.MaxValue);

        Assert.Single(one.Items);
        Assert.Single(alsoOne.Items);
        Assert.Equal(RequestRules.MaxRecentPageSize, full.Items.Count);
        Assert.True(full.HasMore);
        Assert.Single(rest.Items);
        Assert.Null(rest.ContinuationToken);
        Assert.Equal(total, (await FollowAsync(token => Store.ListRecentAsync(token, RequestRules.MaxRecentPageSize))).Select(r => r.Number).Distinct().Count());
    }
}
