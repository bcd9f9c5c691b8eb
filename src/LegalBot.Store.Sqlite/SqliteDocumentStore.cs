using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary>
/// <see cref="IDocumentStore"/> in the data folder: each request's files in <c>documents/&lt;number&gt;/</c> beside the
/// database file, each named by its document id (never by the name people gave it), and their metadata in the
/// <c>request_documents</c> table. A file is written to a temporary name, flushed and renamed before its row is
/// inserted, so a row never names a half-written file; a file without a row (a crash between the two) is never listed.
/// In the Microsoft 365 mode the same table is the <see cref="IDocumentIndex"/> of the files in the document library
/// (rows with a library item and no file here).
/// </summary>
public sealed class SqliteDocumentStore(SqliteDatabase database, ILogger<SqliteDocumentStore> logger) : IDocumentStore, IDocumentIndex
{
    private readonly string root = Path.Combine(Path.GetDirectoryName(database.FilePath)!, "documents");

    public async Task AddAsync(RequestDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(content);
        if (!RequestDocument.IsWellFormedId(document.Id))
        {
            throw new ArgumentException("The document id is not one this store issues.", nameof(document));
        }

        var folder = Folder(document.Number);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, document.Id);
        var part = path + ".part";
        try
        {
            await using (var file = new FileStream(part, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                await content.CopyToAsync(file, cancellationToken);
                await file.FlushAsync(cancellationToken);
                file.Flush(flushToDisk: true);
            }

            File.Move(part, path);
            await InsertAsync(document with { LibraryItemId = null, WebUrl = null }, cancellationToken);
            Log.DocumentKept(logger, document.Id, document.Number.Value, document.SizeInBytes, document.FileType);
        }
        catch
        {
            File.Delete(part);
            File.Delete(path);
            throw;
        }
    }

    /// <summary>Records a document whose bytes are in the document library (<see cref="IDocumentIndex"/>).</summary>
    async Task IDocumentIndex.AddAsync(RequestDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsLibraryRow)
        {
            throw new ArgumentException("The document has no id this store issues or no library item.", nameof(document));
        }

        await InsertAsync(document, cancellationToken);
        Log.DocumentKept(logger, document.Id, document.Number.Value, document.SizeInBytes, document.FileType);
    }

    private async Task InsertAsync(RequestDocument document, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO request_documents (id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, library_item_id, web_url)
            VALUES ($id, $number, $name, $file_type, $size_bytes, $added_by_aad_id, $added_by_name, $added_at, $library_item_id, $web_url);
            """;
        command.Parameters.AddWithValue("$id", document.Id);
        command.Parameters.AddWithValue("$number", document.Number.Value);
        command.Parameters.AddWithValue("$name", document.Name);
        command.Parameters.AddWithValue("$file_type", document.FileType);
        command.Parameters.AddWithValue("$size_bytes", document.SizeInBytes);
        command.Parameters.AddWithValue("$added_by_aad_id", document.AddedBy.AadObjectId);
        command.Parameters.AddWithValue("$added_by_name", document.AddedBy.Name);
        command.Parameters.AddWithValue("$added_at", FormatUtcTimestamp(document.AddedAt));
        command.Parameters.AddWithValue("$library_item_id", (object?)document.LibraryItemId ?? DBNull.Value);
        command.Parameters.AddWithValue("$web_url", (object?)document.WebUrl ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RequestDocument>> ListAsync(RequestNumber number, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE number = $number ORDER BY added_at, id;";
        command.Parameters.AddWithValue("$number", number.Value);
        var documents = new List<RequestDocument>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            documents.Add(Read(reader));
        }

        return documents;
    }

    public async Task<RequestDocument?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!RequestDocument.IsWellFormedId(id))
        {
            return null;
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = Select + " WHERE id = $id;";
        command.Parameters.AddWithValue("$id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }

    public async Task<byte[]?> ReadAsync(RequestDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var path = Path.Combine(Folder(document.Number), document.Id);
        try
        {
            return await File.ReadAllBytesAsync(path, cancellationToken);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            Log.DocumentFileMissing(logger, document.Id, document.Number.Value);
            return null;
        }
    }

    private const string Select = "SELECT id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, library_item_id, web_url FROM request_documents";

    private static RequestDocument Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        new RequestNumber(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        new Person(reader.GetString(5), reader.GetString(6)),
        ParseTimestamp(reader.GetString(7)),
        reader.IsDBNull(8) ? null : reader.GetString(8),
        reader.IsDBNull(9) ? null : reader.GetString(9));

    private string Folder(RequestNumber number) => Path.Combine(root, number.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
