using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace LegalBot.Store.Tests;

/// <summary>The contract on the embedded store, then what only it does: the files on disk beside the database.</summary>
public sealed class SqliteDocumentStoreTests : DocumentStoreContract<SqliteBackend>
{
    private TempDatabase Database => Backend.Database;

    private string DocumentsFolder => Path.Combine(Path.GetDirectoryName(Database.FilePath)!, "documents");

    private SqliteDocumentStore Store() => new(Database.Open(), NullLogger<SqliteDocumentStore>.Instance);

    protected override Task<IDocumentStore> OpenDocumentsAsync() => Task.FromResult<IDocumentStore>(Store());

    protected override Task<IDocumentIndex> OpenLocalIndexAsync() =>
        Task.FromResult<IDocumentIndex>(new SqliteDocumentStore(Database.Open(enforceRequestReferences: false), NullLogger<SqliteDocumentStore>.Instance));

    [Fact]
    public async Task EachFile_IsKeptInItsRequestsFolder_NamedByItsId()
    {
        var first = await FileAsync();
        var store = Store();
        var later = Document(first, "Later.pdf", 5, 3);
        var earlier = Document(first, "Earlier.pdf", 1, 4);
        await store.AddAsync(later, new MemoryStream([1, 2, 3]));
        await store.AddAsync(earlier, new MemoryStream([4, 5, 6, 7]));

        Assert.Equal(
            new[] { earlier.Id, later.Id }.Order(StringComparer.Ordinal),
            Directory.GetFiles(Path.Combine(DocumentsFolder, first.Value.ToString(System.Globalization.CultureInfo.InvariantCulture))).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ADocumentOfNoRequest_LeavesNoFile()
    {
        var store = Store();

        await Assert.ThrowsAnyAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.AddAsync(Document(new RequestNumber(999_999), "Orphan.pdf", 0, 1), new MemoryStream([1])));

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
    public async Task AsTheLibraryIndex_ARowKeepsNoFile()
    {
        var index = await OpenLocalIndexAsync();

        await index.AddAsync(Document(new RequestNumber(1042), "Contract.pdf", 0, 2048) with { LibraryItemId = "01ABCDEF" });

        Assert.False(Directory.Exists(DocumentsFolder));
    }
}
