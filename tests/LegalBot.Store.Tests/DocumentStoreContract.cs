using System.Data.Common;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>
/// What every <see cref="IDocumentStore"/> promises (files kept per request, listed oldest first, read back by another
/// instance, only for a request the store holds) and, in the Microsoft 365 mode's local store, what its
/// <see cref="IDocumentIndex"/> promises (rows naming a library item, for requests kept elsewhere).
/// </summary>
public abstract class DocumentStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    protected static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    protected static readonly Person Requester = new("aad-requester", "Business Requester");

    /// <summary>A document store over this test's data; each call stands for another instance (the same data).</summary>
    protected abstract Task<IDocumentStore> OpenDocumentsAsync();

    /// <summary>
    /// The document index of the Microsoft 365 mode's local store over this test's data: its requests live in the
    /// lists, so no row refers to a request kept here.
    /// </summary>
    protected abstract Task<IDocumentIndex> OpenLocalIndexAsync();

    /// <summary>Files a request (the store keeps documents only for requests it holds); its number.</summary>
    protected async Task<RequestNumber> FileAsync()
    {
        var created = await Requests.CreateAsync(new NewRequest(
            Guid.NewGuid().ToString("N"),
            new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal },
            Requester,
            "tenant-1",
            At,
            new DateOnly(2026, 12, 4)));
        return created.Request.Number;
    }

    protected static RequestDocument Document(RequestNumber number, string name, int minutes, long size) =>
        new(RequestDocument.NewId(), number, name, "pdf", size, Requester, At.AddMinutes(minutes));

    [Fact]
    public async Task Documents_AreKeptPerRequest_ListedOldestFirst_AndReadByAnotherInstance()
    {
        var first = await FileAsync();
        var second = await FileAsync();
        var store = await OpenDocumentsAsync();
        var later = Document(first, "Later.pdf", 5, 3);
        var earlier = Document(first, "Earlier.pdf", 1, 4);

        // Its time to the tick, whatever offset it was written with; ties keep the id order.
        var sameTime = Document(first, "Same time.pdf", 0, 1) with { AddedAt = At.AddTicks(7).ToOffset(TimeSpan.FromHours(2)) };
        var sameTimeToo = sameTime with { Id = RequestDocument.NewId(), Name = "Same time too.pdf" };
        await store.AddAsync(later, new MemoryStream([1, 2, 3]));
        await store.AddAsync(earlier, new MemoryStream([4, 5, 6, 7]));
        await store.AddAsync(sameTime, new MemoryStream([8]));
        await store.AddAsync(sameTimeToo, new MemoryStream([8]));
        await store.AddAsync(Document(second, "Other.pdf", 2, 1), new MemoryStream([9]));

        var other = await OpenDocumentsAsync();
        var listed = await other.ListAsync(first);
        Assert.Equal([.. new[] { sameTime, sameTimeToo }.OrderBy(d => d.Id, StringComparer.Ordinal), earlier, later], listed);
        Assert.Equal(At.AddTicks(7).UtcTicks, listed[0].AddedAt.UtcTicks);
        Assert.Equal(later, await other.FindAsync(later.Id));
        Assert.Equal([1, 2, 3], await other.ReadAsync(later));
        Assert.Equal([4, 5, 6, 7], await other.ReadAsync(earlier));
        Assert.Single(await other.ListAsync(second));
        Assert.Null(await other.FindAsync("../legalbot.db"));
        Assert.Null(await other.FindAsync(RequestDocument.NewId()));
        Assert.Empty(await other.ListAsync(new RequestNumber(999_999)));
    }

    [Fact]
    public async Task TheContent_IsReadFromItsCurrentPositionToItsEnd_SeekableOrNot()
    {
        var number = await FileAsync();
        var store = await OpenDocumentsAsync();
        var seekable = new MemoryStream([0, 0, 1, 2, 3]) { Position = 2 };
        var fromFile = Document(number, "From file.pdf", 0, 3);
        var fromNetwork = Document(number, "From network.pdf", 1, 70_000);
        var large = Enumerable.Range(0, 70_000).Select(i => (byte)(i % 251)).ToArray();

        await store.AddAsync(fromFile, seekable);
        await store.AddAsync(fromNetwork, new ForwardOnlyStream(large));

        Assert.Equal([1, 2, 3], await store.ReadAsync(fromFile));
        Assert.Equal(large, await store.ReadAsync(fromNetwork));
    }

    [Fact]
    public async Task ADocumentOfNoRequest_IsRefused_AndNothingIsListed()
    {
        var store = await OpenDocumentsAsync();
        var orphan = Document(new RequestNumber(999_999), "Orphan.pdf", 0, 1);

        await Assert.ThrowsAnyAsync<DbException>(() => store.AddAsync(orphan, new MemoryStream([1])));

        Assert.Empty(await store.ListAsync(orphan.Number));
        Assert.Null(await store.FindAsync(orphan.Id));
        Assert.Null(await store.ReadAsync(orphan));
    }

    [Fact]
    public async Task AFileKeptByTheStore_NamesNoLibraryItem_WhateverTheCallerSaid()
    {
        var number = await FileAsync();
        var store = await OpenDocumentsAsync();
        var document = Document(number, "Local.pdf", 0, 1) with { LibraryItemId = "01FORGED", WebUrl = "https://example.com/x" };

        await store.AddAsync(document, new MemoryStream([1]));

        Assert.Equal(document with { LibraryItemId = null, WebUrl = null }, await store.FindAsync(document.Id));
        Assert.Equal([1], await store.ReadAsync(document));
    }

    [Fact]
    public async Task ADocumentWithAnIdThisStoreDoesNotIssue_IsRefused()
    {
        var number = await FileAsync();
        var store = await OpenDocumentsAsync();

        await Assert.ThrowsAsync<ArgumentException>(
            () => store.AddAsync(Document(number, "Forged.pdf", 0, 1) with { Id = "../../legalbot.db" }, new MemoryStream([1])));

        Assert.Empty(await store.ListAsync(number));
    }

    [Fact]
    public async Task AsTheLibraryIndex_ARowNamesTheLibraryItem_ForARequestKeptElsewhere()
    {
        var index = await OpenLocalIndexAsync();
        var document = Document(new RequestNumber(1042), "Contract.pdf", 0, 2048) with
        {
            LibraryItemId = "01ABCDEF",
            WebUrl = "https://contoso.sharepoint.com/sites/legal/Shared%20Documents/LR-1042/Contract.pdf",
        };
        var later = Document(new RequestNumber(1042), "Redline.docx", 3, 4096) with { FileType = "docx", LibraryItemId = "01BCDEFA" };

        await index.AddAsync(later);
        await index.AddAsync(document);

        var other = await OpenLocalIndexAsync();
        Assert.Equal([document, later], await other.ListAsync(new RequestNumber(1042)));
        Assert.Equal(document, await other.FindAsync(document.Id));
        Assert.Empty(await other.ListAsync(new RequestNumber(1043)));
        Assert.Null(await other.FindAsync("not-an-id"));
    }

    [Fact]
    public async Task AsTheLibraryIndex_ARowWithoutALibraryItemOrAWellFormedId_IsRefused()
    {
        var index = await OpenLocalIndexAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => index.AddAsync(Document(new RequestNumber(1042), "NoItem.pdf", 1, 1)));
        await Assert.ThrowsAsync<ArgumentException>(() => index.AddAsync(Document(new RequestNumber(1042), "Empty.pdf", 1, 1) with { LibraryItemId = "" }));
        await Assert.ThrowsAsync<ArgumentException>(
            () => index.AddAsync(Document(new RequestNumber(1042), "Forged.pdf", 1, 1) with { Id = "forged", LibraryItemId = "01ABCDEF" }));

        Assert.Empty(await index.ListAsync(new RequestNumber(1042)));
    }

    /// <summary>A stream that can only be read forward, in small pieces, as a network download is.</summary>
    private sealed class ForwardOnlyStream(byte[] bytes) : Stream
    {
        private int position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var taken = Math.Min(Math.Min(count, 1000), bytes.Length - position);
            Array.Copy(bytes, position, buffer, offset, taken);
            position += taken;
            return taken;
        }

        public override void Flush() => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
