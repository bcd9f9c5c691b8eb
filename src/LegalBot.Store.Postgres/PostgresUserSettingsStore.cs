using LegalBot.Core.Stores;
using Npgsql;

namespace LegalBot.Store.Postgres;

/// <summary><see cref="IUserSettingsStore"/> on the <c>user_settings</c> table.</summary>
public sealed class PostgresUserSettingsStore(PostgresDatabase database, TimeProvider time) : IUserSettingsStore
{
    public async Task SaveTimeZoneAsync(string aadObjectId, string timeZone, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(aadObjectId);
        ArgumentException.ThrowIfNullOrWhiteSpace(timeZone);
        await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO user_settings (aad_id, time_zone, updated_at) VALUES ($1, $2, $3)
                    ON CONFLICT (aad_id) DO UPDATE SET time_zone = excluded.time_zone, updated_at = excluded.updated_at
                    WHERE user_settings.time_zone IS DISTINCT FROM excluded.time_zone
                    """,
                    connection);
                command.Parameters.Add(new NpgsqlParameter { Value = aadObjectId.ToLowerInvariant() });
                command.Parameters.Add(new NpgsqlParameter { Value = timeZone });
                command.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
                await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<string?> GetTimeZoneAsync(string aadObjectId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(aadObjectId);
        return await database.WithConnectionAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT time_zone FROM user_settings WHERE aad_id = $1", connection);
                command.Parameters.Add(new NpgsqlParameter { Value = aadObjectId.ToLowerInvariant() });
                return await command.ExecuteScalarAsync(cancellationToken) as string;
            },
            cancellationToken);
    }
}
