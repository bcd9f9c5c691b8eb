using LegalBot.Core.Documents;
using LegalBot.Core.Stores;
using LegalBot.Store.Postgres;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace LegalBot.Store.Tests;

/// <summary>The contract on the shared database, then what only it does: the bytes in the row, and its log.</summary>
public sealed class PostgresDocumentStoreTests : DocumentStoreContract<PostgresBackend>
{
    private async Task<PostgresDocumentStore> OpenAsync(ILogger<PostgresDocumentStore>? logger = null) =>
        new(await Backend.OpenAsync(), logger ?? NullLogger<PostgresDocumentStore>.Instance);

    protected override async Task<IDocumentStore> OpenDocumentsAsync() => await OpenAsync();

    protected override async Task<IDocumentIndex> OpenLocalIndexAsync() =>
        new PostgresDocumentStore(await Backend.OpenAsync(new PostgresStoreOptions { EnforceRequestReferences = false }), NullLogger<PostgresDocumentStore>.Instance);

    private async Task<T> ScalarAsync<T>(string sql, params object[] values)
    {
        await using var connection = new NpgsqlConnection(await Backend.ConnectionStringAsync());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task TheBytes_AreInTheDocumentsRow_AndTheKeptEventNamesNeitherNameNorContent()
    {
        var number = await FileAsync();
        var log = new ListLogger<PostgresDocumentStore>();
        var store = await OpenAsync(log);
        var document = Document(number, "Acme merger NDA.pdf", 0, 5) with { FileType = "txt" };

        await store.AddAsync(document, new MemoryStream("privileged"u8.ToArray()));

        Assert.Equal("privileged"u8.ToArray(), await ScalarAsync<byte[]>("SELECT content FROM request_documents WHERE id = $1", document.Id));
        var kept = Assert.Single(log.Entries);
        Assert.Equal(7050, kept.EventId.Id);
        Assert.Contains(document.Id, kept.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", kept.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("privileged", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ALibraryRow_ReadAsAKeptFile_HasNoBytes_AndIsLoggedByIdOnly()
    {
        // A database moved from the Microsoft 365 mode's local store: its rows name library items and hold no bytes.
        var index = await OpenLocalIndexAsync();
        var document = Document(new Core.Requests.RequestNumber(1042), "Board minutes.pdf", 0, 2048) with { LibraryItemId = "01ABCDEF" };
        await index.AddAsync(document);
        var log = new ListLogger<PostgresDocumentStore>();

        var bytes = await (await OpenAsync(log)).ReadAsync(document);

        Assert.Null(bytes);
        var missing = Assert.Single(log.Entries);
        Assert.Equal((7051, LogLevel.Error), (missing.EventId.Id, missing.Level));
        Assert.DoesNotContain("Board minutes", missing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARowMayNotNameALibraryItemAndHoldBytes_NorNeither()
    {
        var number = await FileAsync();

        var both = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(
            "INSERT INTO request_documents (id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, added_ticks, library_item_id, content) " +
            "VALUES ($1, $2, 'x.pdf', 'pdf', 1, 'u1', 'U', now(), 0, '01ABCDEF', '\\x01') RETURNING 1",
            RequestDocument.NewId(),
            number.Value));
        var neither = await Assert.ThrowsAsync<PostgresException>(() => ScalarAsync<int>(
            "INSERT INTO request_documents (id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, added_ticks) " +
            "VALUES ($1, $2, 'x.pdf', 'pdf', 1, 'u1', 'U', now(), 0) RETURNING 1",
            RequestDocument.NewId(),
            number.Value));

        Assert.Equal(PostgresErrorCodes.CheckViolation, both.SqlState);
        Assert.Equal(PostgresErrorCodes.CheckViolation, neither.SqlState);
    }
}
