using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>The listing of every request (<see cref="IRequestStore.ListRecentAsync"/>), which legal staff's search reads.</summary>
public abstract partial class RequestStoreContract<TBackend>
{
    /// <summary>Every request, following the listing's continuation tokens page by page.</summary>
    private async Task<List<LegalRequest>> ListAllRecentAsync(int take)
    {
        var all = new List<LegalRequest>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await Store.ListRecentAsync(token, take);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            Assert.True(++pages <= 1_000, "The listing never ended.");
        }
        while (token is not null);

        return all;
    }

    [Fact]
    public async Task ListRecent_ListsEveryonesRequests_NewestFirst_PageByPage()
    {
        var created = new List<LegalRequest>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateAsync(i % 2 == 0 ? Requester : SecondRequester));
        }

        var newestFirst = created.Select(r => r.Number).Reverse().ToList();

        var first = await Store.ListRecentAsync(null, 3);
        var second = await Store.ListRecentAsync(first.ContinuationToken, 3);
        var last = await Store.ListRecentAsync(second.ContinuationToken, 3);

        Assert.Equal(newestFirst.Take(3), first.Items.Select(r => r.Number));
        Assert.Equal(newestFirst.Skip(3).Take(3), second.Items.Select(r => r.Number));
        Assert.Equal(newestFirst.Skip(6), last.Items.Select(r => r.Number));
        Assert.True(first.HasMore);
        Assert.True(second.HasMore);
        Assert.Null(last.ContinuationToken);
        Assert.Equal(
            created.Select(r => (r.Number, r.Requester.AadObjectId, r.Details.Title, r.Details.Counterparty, r.State, r.Version)).Reverse(),
            first.Items.Concat(second.Items).Concat(last.Items).Select(r => (r.Number, r.Requester.AadObjectId, r.Details.Title, r.Details.Counterparty, r.State, r.Version)));
    }

    [Fact]
    public async Task ListRecent_OfAnEmptyStore_IsOneEmptyLastPage()
    {
        var page = await Store.ListRecentAsync(null, 10);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task ListRecent_RequestsFiledWhilePaging_NeitherRepeatNorHideRows()
    {
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync(i % 2 == 0 ? Requester : SecondRequester);
        }

        var first = await Store.ListRecentAsync(null, 2);
        var filedMeanwhile = await CreateAsync(SecondRequester);
        var rest = await Store.ListRecentAsync(first.ContinuationToken, 2);

        Assert.Equal(4, first.Items.Concat(rest.Items).Select(r => r.Number).Distinct().Count());
        Assert.DoesNotContain(filedMeanwhile.Number, rest.Items.Select(r => r.Number));
        Assert.Null(rest.ContinuationToken);
        Assert.Equal(filedMeanwhile.Number, (await Store.ListRecentAsync(null, 2)).Items[0].Number);
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
        Assert.Equal(total, (await ListAllRecentAsync(RequestRules.MaxRecentPageSize)).Select(r => r.Number).Distinct().Count());
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("s1.zz")]
    [InlineData("s1.-5")]
    [InlineData("p1.-5")]
    [InlineData("https://graph.microsoft.com/v1.0/sites/x/lists/y/items?$skiptoken=1")]
    public async Task ListRecent_WithATokenItDidNotIssue_IsRejected(string token)
    {
        await CreateAsync();

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Store.ListRecentAsync(token, 10));
    }

    [Fact]
    public async Task ListRecent_WithAnAlteredToken_IsRejected()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync();
        }

        var token = (await Store.ListRecentAsync(null, 1)).ContinuationToken!;

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Store.ListRecentAsync(token + "!", 10));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Store.ListRecentAsync("x" + token, 10));
        Assert.Equal(2, (await Store.ListRecentAsync(token, 10)).Items.Count);
    }
}
