using System.Text.Json.Nodes;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>The behaviour every <see cref="IStateStore"/> must have, run against each backend.</summary>
public abstract class StateStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    protected IStateStore Store => State;

    /// <summary>A second store object on the same data, as another process or instance would have.</summary>
    protected async Task<IStateStore> OpenAgainAsync() => (await Backend.CreateAsync(Time)).State;

    private static string Doc(string text) => new JsonObject { ["text"] = text }.ToJsonString();

    private static string TextOf(StateDocument document) => JsonNode.Parse(document.Json)!["text"]!.GetValue<string>();

    private async Task<StateDocument> ReadOneAsync(string key, IStateStore? store = null) =>
        Assert.Single(await (store ?? Store).ReadAsync([key]));

    private async Task<string> WriteOneAsync(string key, string text, string? expectedETag = null) =>
        (await Store.WriteAsync([new StateWrite(key, Doc(text), expectedETag)]))[key];

    [Fact]
    public async Task DeleteWrittenBefore_RemovesOnlyOlderDocumentsUnderThePrefix_UpToTheMax()
    {
        await Store.WriteAsync([new StateWrite("offer/a", "{}"), new StateWrite("offer/b", "{}"), new StateWrite("offer/c", "{}"), new StateWrite("other/a", "{}"), new StateWrite("offeR/x", "{}")]);
        Time.Advance(TimeSpan.FromMinutes(10));
        var cutoff = Time.GetUtcNow();
        await Store.WriteAsync([new StateWrite("offer/c", "{\"again\":true}"), new StateWrite("offer/d", "{}")]);
        Time.Advance(TimeSpan.FromMinutes(10));

        var first = await Store.DeleteWrittenBeforeAsync("offer/", cutoff, 1);
        var rest = await Store.DeleteWrittenBeforeAsync("offer/", cutoff, 100);

        Assert.Equal((1, 1), (first, rest));
        var left = await Store.ReadAsync(["offer/a", "offer/b", "offer/c", "offer/d", "other/a", "offeR/x"]);
        Assert.Equal(["offeR/x", "offer/c", "offer/d", "other/a"], left.Select(d => d.Key).Order(StringComparer.Ordinal));
        Assert.Equal(0, await Store.DeleteWrittenBeforeAsync("offer/", cutoff, 100));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.DeleteWrittenBeforeAsync("", cutoff, 100));
    }

    [Fact]
    public async Task Write_ThenRead_ReturnsTheJsonAndTheEtagTheWriteReturned()
    {
        var etag = await WriteOneAsync("msteams/conversations/a:1/users/29:1", "first");

        var document = await ReadOneAsync("msteams/conversations/a:1/users/29:1", await OpenAgainAsync());

        Assert.Equal("msteams/conversations/a:1/users/29:1", document.Key);
        Assert.Equal("first", TextOf(document));
        Assert.Equal(etag, document.ETag);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.NotEqual(StateWrite.AnyETag, etag);
    }

    [Fact]
    public async Task Read_ReturnsOnlyTheKeysFound()
    {
        await WriteOneAsync("present", "here");

        var documents = await Store.ReadAsync(["missing", "present", "also-missing"]);

        Assert.Equal("present", Assert.Single(documents).Key);
        Assert.Empty(await Store.ReadAsync(["missing"]));
        Assert.Empty(await Store.ReadAsync([]));
    }

    [Fact]
    public async Task Write_ManyKeys_ReturnsANewEtagForEach()
    {
        var etags = await Store.WriteAsync([new StateWrite("a", Doc("a")), new StateWrite("b", Doc("b"))]);

        var documents = (await Store.ReadAsync(["a", "b"])).ToDictionary(d => d.Key);
        Assert.Equal(etags["a"], documents["a"].ETag);
        Assert.Equal(etags["b"], documents["b"].ETag);
        Assert.NotEqual(etags["a"], etags["b"]);
    }

    [Fact]
    public async Task Write_WithTheCurrentEtag_Lands_AndChangesTheEtag()
    {
        var first = await WriteOneAsync("k", "v1");

        var second = await WriteOneAsync("k", "v2", first);

        var document = await ReadOneAsync("k");
        Assert.Equal("v2", TextOf(document));
        Assert.Equal(second, document.ETag);
        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Write_WithAStaleEtag_ThrowsConflictNamingTheKey_AndWritesNothingOfTheBatch()
    {
        var stale = await WriteOneAsync("k", "v1");
        var current = await WriteOneAsync("k", "v2", stale);

        var conflict = await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(
        [
            new StateWrite("before", Doc("written before the conflict in the batch")),
            new StateWrite("k", Doc("lost update"), stale),
            new StateWrite("after", Doc("written after it")),
        ]));

        Assert.Equal("k", conflict.Key);
        Assert.Equal(stale, conflict.ExpectedETag);
        Assert.Equal(current, conflict.CurrentETag);
        Assert.Empty(await Store.ReadAsync(["before", "after"]));
        var kept = await ReadOneAsync("k");
        Assert.Equal("v2", TextOf(kept));
        Assert.Equal(current, kept.ETag);
    }

    [Fact]
    public async Task Write_ConflictLaterInTheBatch_KeepsEarlierDocumentsAsTheyWere()
    {
        var aETag = await WriteOneAsync("a", "a1");
        var stale = await WriteOneAsync("b", "b1");
        await WriteOneAsync("b", "b2");

        await Assert.ThrowsAsync<StateConflictException>(() => Store.WriteAsync(
            [new StateWrite("a", Doc("a2"), aETag), new StateWrite("b", Doc("b3"), stale)]));

        var a = await ReadOneAsync("a");
        Assert.Equal("a1", TextOf(a));
        Assert.Equal(aETag, a.ETag);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(StateWrite.AnyETag)]
    public async Task Write_WithoutACondition_LastWriteWins(string? expected)
    {
        await WriteOneAsync("k", "v1");
        await WriteOneAsync("k", "v2");

        await WriteOneAsync("k", "v3", expected);

        Assert.Equal("v3", TextOf(await ReadOneAsync("k")));
    }

    [Fact]
    public async Task Write_ExpectingAnEtag_UnderAKeyWithNoDocument_Lands()
    {
        var etag = await WriteOneAsync("new", "created", "an-etag-from-elsewhere");

        Assert.Equal(etag, (await ReadOneAsync("new")).ETag);
    }

    [Fact]
    public async Task Write_TheSameKeyTwiceInABatch_IsRefused_AndWritesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(
            [new StateWrite("other", Doc("x")), new StateWrite("k", Doc("1")), new StateWrite("k", Doc("2"))]));

        Assert.Empty(await Store.ReadAsync(["other", "k"]));
    }

    [Fact]
    public async Task Write_EmptyOrTooLongKey_IsRefused_AndWritesNothing()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync([new StateWrite("ok", Doc("x")), new StateWrite("", Doc("y"))]));
        await Assert.ThrowsAsync<ArgumentException>(() => Store.WriteAsync(
            [new StateWrite("ok", Doc("x")), new StateWrite(new string('k', IStateStore.MaxKeyLength + 1), Doc("y"))]));

        Assert.Empty(await Store.ReadAsync(["ok"]));
    }

    [Fact]
    public async Task Delete_RemovesTheKeys_IgnoresUnknownOnes_AndKeepsTheRest()
    {
        await Store.WriteAsync([new StateWrite("a", Doc("a")), new StateWrite("b", Doc("b")), new StateWrite("c", Doc("c"))]);

        await Store.DeleteAsync(["a", "never-written", "c"]);

        Assert.Equal(["b"], (await Store.ReadAsync(["a", "b", "c"])).Select(d => d.Key));
    }

    [Fact]
    public async Task Write_AfterDelete_CreatesTheDocumentAgain_WithAFreshEtag()
    {
        var old = await WriteOneAsync("k", "v1");
        await Store.DeleteAsync(["k"]);

        var fresh = await WriteOneAsync("k", "v2");

        Assert.NotEqual(old, fresh);
        Assert.Equal("v2", TextOf(await ReadOneAsync("k")));
    }

    [Fact]
    public async Task ConcurrentWriters_WithTheSameEtag_ExactlyOneWins()
    {
        const int Writers = 8;
        var etag = await WriteOneAsync("k", "v0");
        var stores = new List<IStateStore>();
        for (var i = 0; i < Writers; i++)
        {
            stores.Add(await OpenAgainAsync());
        }

        var attempts = stores.Select((store, i) => Task.Run(async () =>
        {
            try
            {
                await store.WriteAsync([new StateWrite("k", Doc("writer " + i), etag)]);
                return i;
            }
            catch (StateConflictException)
            {
                return -1;
            }
        }));
        var results = await Task.WhenAll(attempts);

        var winner = Assert.Single(results, r => r >= 0);
        Assert.Equal(Writers - 1, results.Count(r => r < 0));
        Assert.Equal("writer " + winner, TextOf(await ReadOneAsync("k")));
    }

    [Fact]
    public async Task Keys_WithAnyCharacters_AreKeptExactly_AndNotConfusedWithEachOther()
    {
        string[] keys =
        [
            "msteams/conversations/a:1Xq8Kz-_Lmn0pQrSt;messageid=1732540000000/users/29:1abc",
            "msteams/users/29:1abc'; DROP TABLE bot_state; --",
            "ключ/键/🔑 \"quoted\" 'single' \\ back\\slash",
            "wild%card_",
            "wildXcardY",
            "Case",
            "case",
            "trailing ",
            "trailing",
            new string('k', IStateStore.MaxKeyLength),
        ];

        var etags = await Store.WriteAsync(keys.Select((k, i) => new StateWrite(k, Doc("value " + i))).ToList());
        var documents = (await (await OpenAgainAsync()).ReadAsync(keys)).ToDictionary(d => d.Key, StringComparer.Ordinal);

        Assert.Equal(keys.Length, documents.Count);
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal("value " + i, TextOf(documents[keys[i]]));
            Assert.Equal(etags[keys[i]], documents[keys[i]].ETag);
        }

        await Store.DeleteAsync(["wild%card_", "case"]);
        Assert.Equal(keys.Length - 2, (await Store.ReadAsync(keys)).Count);
        Assert.Single(await Store.ReadAsync(["wildXcardY"]));
        Assert.Single(await Store.ReadAsync(["Case"]));
    }

    [Fact]
    public async Task Json_IsKeptAsWritten_WithUnicodeEscapesAndLargeDocuments()
    {
        var answers = new JsonObject();
        for (var i = 0; i < 2_000; i++)
        {
            answers["answer" + i] = "NDA « Müller » 🚀 \"quoted\" \\ line\nbreak " + new string('x', 500) + i;
        }

        var json = new JsonObject { ["answers"] = answers }.ToJsonString();
        Assert.True(json.Length > 1_000_000);

        await Store.WriteAsync([new StateWrite("big", json)]);

        Assert.Equal(json, (await ReadOneAsync("big", await OpenAgainAsync())).Json);
    }
}
