using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Tests;

public sealed class SqliteDocumentStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static readonly Person Requester = new("aad-requester", "Business Requester");

    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Dispose();

    private string DocumentsFolder => Path.Combine(Path.GetDirectoryName(_database.FilePath)!, "documents");

    private async Task<RequestNumber> FileAsync()
    {
        var created = await _database.OpenStore().CreateAsync(new NewRequest(
            Guid.NewGuid().ToString("N"),
            new RequestDraft { TypeKey = "nda", Title = "NDA", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal },
            Requester,
            "tenant-1",
            At,
            new DateOnly(2026, 12, 4)));
        return created.Request.Number;
    }

    private SqliteDocumentStore Store() => new(_database.Open(), NullLogger<SqliteDocumentStore>.Instance);

    private static RequestDocument Document(RequestNumber number, string name, int minutes, long size) =>
        new(RequestDocument.NewId(), number, name, "pdf", size, Requester, At.AddMinutes(minutes));

    [Fact]
    public async Task Documents_AreKeptPerRequest_ByIdOnDisk_AndListedOldestFirst()
    {
        var first = await FileAsync();
        var second = await FileAsync();
        var store = Store();
        var later = Document(first, "Later.pdf", 5, 3);
        var earlier = Document(first, "Earlier.pdf", 1, 4);
        await store.AddAsync(later, new MemoryStream([1, 2, 3]));
        await store.AddAsync(earlier, new MemoryStream([4, 5, 6, 7]));
        await store.AddAsync(Document(second, "Other.pdf", 2, 1), new MemoryStream([9]));

        var reopened = Store();
        Assert.Equal([earlier, later], await reopened.ListAsync(first));
        Assert.Equal(later, await reopened.FindAsync(later.Id));
        Assert.Equal([1, 2, 3], await reopened.ReadAsync(later));
        Assert.Equal(
            new[] { earlier.Id, later.Id }.Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(DocumentsFolder, first.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Null(await reopened.FindAsync("../legalbot.db"));
        Assert.Null(await reopened.FindAsync(RequestDocument.NewId()));
        Assert.Empty(await reopened.ListAsync(new RequestNumber(999_999)));
    }

    [Fact]
    public async Task ADocumentOfNoRequest_IsRefused_AndLeavesNoFile()
    {
        var store = Store();

        await Assert.ThrowsAsync<SqliteException>(() => store.AddAsync(Document(new RequestNumber(999_999), "Orphan.pdf", 0, 1), new MemoryStream([1])));

        Assert.Empty(Directory.GetFiles(DocumentsFolder, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task AFileGoneFromTheFolder_ReadsAsNull()
    {
        var number = await FileAsync();
        var store = Store();
        var document = Document(number, "Gone.pdf", 0, 1);
        await store.AddAsync(document, new MemoryStream([1]));
        File.Delete(Path.Combine(DocumentsFolder, number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), document.Id));

        Assert.Null(await store.ReadAsync(document));
    }

    [Fact]
    public async Task AsTheLibraryIndex_ARowNamesTheLibraryItem_AndKeepsNoFile_WithoutARequestsTable()
    {
        // The Microsoft 365 mode's local file: requests live in the list, so no row references a local request.
        IDocumentIndex index = new SqliteDocumentStore(_database.Open(enforceRequestReferences: false), NullLogger<SqliteDocumentStore>.Instance);
        var document = Document(new RequestNumber(1042), "Contract.pdf", 0, 2048) with { LibraryItemId = "01ABCDEF", WebUrl = "https://contoso.sharepoint.com/sites/legal/Shared%20Documents/LR-1042/Contract.pdf" };

        await index.AddAsync(document);

        Assert.Equal([document], await index.ListAsync(new RequestNumber(1042)));
        Assert.Equal(document, await index.FindAsync(document.Id));
        Assert.False(Directory.Exists(DocumentsFolder));
        await Assert.ThrowsAsync<ArgumentException>(() => index.AddAsync(Document(new RequestNumber(1042), "NoItem.pdf", 1, 1)));
    }

    [Fact]
    public async Task AFileKeptInTheFolder_NamesNoLibraryItem_WhateverTheCallerSaid()
    {
        var number = await FileAsync();
        var store = Store();
        var document = Document(number, "Local.pdf", 0, 1) with { LibraryItemId = "01FORGED", WebUrl = "https://example.com/x" };

        await store.AddAsync(document, new MemoryStream([1]));

        Assert.Equal(document with { LibraryItemId = null, WebUrl = null }, await store.FindAsync(document.Id));
    }
}
