using Npgsql;

namespace LegalBot.Store.Postgres;

/// <summary>How values are written to and read from columns.</summary>
internal static class PostgresValues
{
    public static object OrNull(string? value) => (object?)value ?? DBNull.Value;

    public static string? GetNullableString(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static T ParseEnum<T>(string value)
        where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: false);

    /// <summary>
    /// The instant as PostgreSQL keeps it (<c>timestamptz</c>, microseconds): cut down, never rounded up, so a time
    /// one tick before another never compares after it.
    /// </summary>
    public static DateTime Instant(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>The last 100-nanosecond digit that <see cref="Instant"/> cuts off, kept beside it to read the time back exactly.</summary>
    public static short TickDigit(DateTimeOffset value) => (short)(value.UtcTicks % 10);

    /// <summary>The time written as <see cref="Instant"/>, <see cref="TickDigit"/> and its offset, exactly as it was.</summary>
    public static DateTimeOffset ReadExact(NpgsqlDataReader reader, int instant, int offset, int tickDigit) =>
        new DateTimeOffset(reader.GetFieldValue<DateTime>(instant).Ticks + reader.GetInt16(tickDigit), TimeSpan.Zero)
            .ToOffset(reader.GetFieldValue<TimeSpan>(offset));

    /// <summary>A time kept as an instant alone (the outbox schedule): it comes back at offset zero.</summary>
    public static DateTimeOffset ReadUtc(NpgsqlDataReader reader, int ordinal) =>
        new(reader.GetFieldValue<DateTime>(ordinal).Ticks, TimeSpan.Zero);
}
