using System.Data.Common;

namespace LegalBot.Tests.Infrastructure;

/// <summary>An outbox row as the database holds it, read directly to check delivery invariants.</summary>
public sealed record OutboxRow(long Id, string Key, long Number, string Recipient, string Kind, string? Text, string Status, int Attempts, string? ActivityId, string? LastError);

public static class OutboxRows
{
    /// <summary>Every outbox row, oldest first.</summary>
    public static async Task<IReadOnlyList<OutboxRow>> ReadAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT id, key, number, recipient, kind, text, status, attempts, activity_id, last_error FROM outbox ORDER BY id;";
        var rows = new List<OutboxRow>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new OutboxRow(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? 0 : reader.GetInt64(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetString(6),
                reader.GetInt32(7),
                reader.IsDBNull(8) ? null : reader.GetString(8),
                reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return rows;
    }

    /// <summary>Each (request number, recipient) with a posted card on record.</summary>
    public static async Task<IReadOnlySet<(long Number, string Recipient)>> PostedCardsAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT number, recipient FROM posted_cards;";
        var cards = new HashSet<(long, string)>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            cards.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return cards;
    }
}
