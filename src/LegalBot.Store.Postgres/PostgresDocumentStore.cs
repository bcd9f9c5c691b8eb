using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using static LegalBot.Store.Postgres.PostgresValues;

namespace LegalBot.Store.Postgres;

/// <summary>
/// <see cref="IDocumentStore"/> on the shared database: each file's metadata and its bytes in one row of
/// <c>request_documents</c>, written by one statement, so every instance reads what another kept and a row never names
/// missing bytes. In the Microsoft 365 mode (<c>Store:LocalProvider</c> <c>Postgres</c>) the same table is the
/// <see cref="IDocumentIndex"/> of the files in the document library (rows with a library item and no bytes). Neither
/// names nor contents are logged.
/// </summary>
public sealed class PostgresDocumentStore(PostgresDatabase database, ILogger<PostgresDocumentStore> logger) : IDocumentStore, IDocumentIndex
{
    public async Task AddAsync(RequestDocument document, Stream content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(content);
        if (!RequestDocument.IsWellFormedId(document.Id))
        {
            throw new ArgumentException("The document id is not one this store issues.", nameof(document));
        }

        // Npgsql sends a seekable stream from its position to its end without holding it in memory; any other is
        // read first (the caller has already capped its size).
        await using var buffered = content.CanSeek ? null : new MemoryStream();
        if (buffered is not null)
        {
            await content.CopyToAsync(buffered, cancellationToken);
            buffered.Position = 0;
        }

        await InsertAsync(document with { LibraryItemId = null, WebUrl = null }, buffered ?? content, cancellationToken);
    }

    /// <summary>Records a document whose bytes are in the document library (<see cref="IDocumentIndex"/>).</summary>
    Task IDocumentIndex.AddAsync(RequestDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (!document.IsLibraryRow)
        {
            throw new ArgumentException("The document has no id this store issues or no library item.", nameof(document));
        }

        return InsertAsync(document, content: null, cancellationToken);
    }

    private async Task InsertAsync(RequestDocument document, Stream? content, CancellationToken cancellationToken)
    {
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO request_documents (id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name,
                                                   added_at, added_ticks, library_item_id, web_url, content)
                    VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter { Value = document.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = document.Number.Value });
                command.Parameters.Add(new NpgsqlParameter { Value = document.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = document.FileType });
                command.Parameters.Add(new NpgsqlParameter { Value = document.SizeInBytes });
                command.Parameters.Add(new NpgsqlParameter { Value = document.AddedBy.AadObjectId });
                command.Parameters.Add(new NpgsqlParameter { Value = document.AddedBy.Name });
                command.Parameters.Add(new NpgsqlParameter { Value = Instant(document.AddedAt) });
                command.Parameters.Add(new NpgsqlParameter { Value = TickDigit(document.AddedAt) });
                command.Parameters.Add(new NpgsqlParameter { Value = OrNull(document.LibraryItemId), NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = OrNull(document.WebUrl), NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter { Value = (object?)content ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Bytea });
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
        Log.DocumentKept(logger, document.Id, document.Number.Value, document.SizeInBytes, document.FileType);
    }

    public async Task<IReadOnlyList<RequestDocument>> ListAsync(RequestNumber number, CancellationToken cancellationToken = default) =>
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(Select + " WHERE number = $1 ORDER BY added_at, added_ticks, id", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = number.Value });
                var documents = new List<RequestDocument>();
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    documents.Add(Read(reader));
                }

                return documents;
            },
            cancellationToken);

    public async Task<RequestDocument?> FindAsync(string id, CancellationToken cancellationToken = default)
    {
        if (!RequestDocument.IsWellFormedId(id))
        {
            return null;
        }

        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(Select + " WHERE id = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
            },
            cancellationToken);
    }

    public async Task<byte[]?> ReadAsync(RequestDocument document, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var bytes = await database.WithConnectionAsync(
            async connection =>
            {
                // The number too: a document read as another request's gets nothing.
                await using var command = new NpgsqlCommand("SELECT content FROM request_documents WHERE id = $1 AND number = $2", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = document.Id });
                command.Parameters.Add(new NpgsqlParameter { Value = document.Number.Value });
                return await command.ExecuteScalarAsync(cancellationToken) as byte[];
            },
            cancellationToken);
        if (bytes is null)
        {
            Log.DocumentBytesMissing(logger, document.Id, document.Number.Value);
        }

        return bytes;
    }

    private const string Select =
        "SELECT id, number, name, file_type, size_bytes, added_by_aad_id, added_by_name, added_at, added_ticks, library_item_id, web_url FROM request_documents";

    private static RequestDocument Read(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        new RequestNumber(reader.GetInt64(1)),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetInt64(4),
        new Person(reader.GetString(5), reader.GetString(6)),
        new DateTimeOffset(reader.GetFieldValue<DateTime>(7).Ticks + reader.GetInt16(8), TimeSpan.Zero),
        GetNullableString(reader, 9),
        GetNullableString(reader, 10));
}
