using System.Globalization;
using Microsoft.Data.Sqlite;

namespace LegalBot.Store.Sqlite;

/// <summary>How values are written to and read from columns: one format per kind, invariant culture.</summary>
internal static class SqliteValues
{
    public static object OrNull(string? value) => (object?)value ?? DBNull.Value;

    public static string? GetNullableString(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static T ParseEnum<T>(string value)
        where T : struct, Enum => Enum.Parse<T>(value, ignoreCase: false);

    /// <summary>ISO 8601 round-trip ("o") keeps ticks and the offset; the local date is its first ten characters.</summary>
    public static string FormatTimestamp(DateTimeOffset value) => value.ToString("o", CultureInfo.InvariantCulture);

    /// <summary>
    /// The same format, always at offset zero, so that text order is time order. Used for columns compared
    /// or sorted in SQL (outbox schedule); the instant is kept, the caller's offset is not.
    /// </summary>
    public static string FormatUtcTimestamp(DateTimeOffset value) => FormatTimestamp(value.ToUniversalTime());

    public static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.ParseExact(value, "o", CultureInfo.InvariantCulture, DateTimeStyles.None);

    public static string FormatDate(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly ParseDate(string value) =>
        DateOnly.ParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Decimals are kept as invariant text: exact digits and scale, which a REAL column would round.</summary>
    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static decimal ParseDecimal(string value) =>
        decimal.Parse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
}
