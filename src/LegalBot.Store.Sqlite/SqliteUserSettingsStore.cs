using LegalBot.Core.Stores;
using static LegalBot.Store.Sqlite.SqliteValues;

namespace LegalBot.Store.Sqlite;

/// <summary><see cref="IUserSettingsStore"/> on the <c>user_settings</c> table.</summary>
public sealed class SqliteUserSettingsStore(SqliteDatabase database, TimeProvider time) : IUserSettingsStore
{
    public async Task SaveTimeZoneAsync(string aadObjectId, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        await using var connection = await database.OpenWriteConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO user_settings (aad_id, time_zone, updated_at) VALUES ($aad_id, $time_zone, $updated_at)
            ON CONFLICT (aad_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
            WHERE time_zone IS NOT excluded.time_zone;
            """;
        command.Parameters.AddWithValue("$aad_id", aadObjectId.ToLowerInvariant());
        command.Parameters.AddWithValue("$time_zone", timeZone);
        command.Parameters.AddWithValue("$updated_at", FormatUtcTimestamp(time.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<string?> GetTimeZoneAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT time_zone FROM user_settings WHERE aad_id = $aad_id;";
        command.Parameters.AddWithValue("$aad_id", aadObjectId.ToLowerInvariant());
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }
}
