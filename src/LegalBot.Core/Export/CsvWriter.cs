using System.Globalization;
using System.Text;

namespace LegalBot.Core.Export;

/// <summary>
/// Writes a CSV file that spreadsheets open as meant: RFC 4180 (comma separated, CRLF after every record, a field
/// quoted when it holds a comma, a quote, CR or LF, quotes doubled), UTF-8 with a byte order mark (without it Excel
/// reads the file in the machine's ANSI code page), numbers in the invariant culture.
/// </summary>
/// <remarks>
/// <para>
/// Cells are typed. <see cref="Text"/> is for any text, and neutralises formula injection: text starting with
/// <c>=</c>, <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return, which a spreadsheet would run as a formula,
/// gets a leading apostrophe (OWASP's advice), so it shows as the text it is. <see cref="Number(decimal?)"/> writes
/// numbers the writer formats itself (digits, a leading minus, a decimal point), so a negative number stays a number.
/// </para>
/// <para>
/// Times are in UTC, written <c>yyyy-MM-dd HH:mm:ss</c> (ISO 8601's extended format with the space RFC 3339 allows
/// for the <c>T</c>): Excel and LibreOffice read that as a date and time one can sort and compute with, where the
/// <c>T</c> and <c>Z</c> forms stay text. Headers should say the times are UTC. Dates are <c>yyyy-MM-dd</c>.
/// </para>
/// </remarks>
public sealed class CsvWriter
{
    public const string TimeFormat = "yyyy-MM-dd HH:mm:ss";
    public const string DateFormat = "yyyy-MM-dd";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    private readonly StringBuilder text = new();
    private bool rowStarted;

    /// <summary>Whether a cell's text would start a formula in a spreadsheet.</summary>
    public static bool StartsFormula(string value) =>
        value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>A header or text cell; null is an empty cell.</summary>
    public CsvWriter Text(string? value)
    {
        if (value is null)
        {
            return Empty();
        }

        return Field(StartsFormula(value) ? "'" + value : value);
    }

    public CsvWriter Number(decimal? value) =>
        value is { } number ? Field(number.ToString("0.##########", CultureInfo.InvariantCulture)) : Empty();

    public CsvWriter Number(int? value) =>
        value is { } number ? Field(number.ToString(CultureInfo.InvariantCulture)) : Empty();

    /// <summary>A number rounded to <paramref name="decimals"/> places.</summary>
    public CsvWriter Number(double? value, int decimals) =>
        value is { } number ? Number(Math.Round((decimal)number, decimals, MidpointRounding.AwayFromZero)) : Empty();

    public CsvWriter Date(DateOnly? value) =>
        value is { } date ? Field(date.ToString(DateFormat, CultureInfo.InvariantCulture)) : Empty();

    /// <summary>A moment, in UTC.</summary>
    public CsvWriter Time(DateTimeOffset? value) =>
        value is { } time ? Field(time.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture)) : Empty();

    /// <summary>Ends the record (CRLF).</summary>
    public CsvWriter EndRow()
    {
        text.Append("\r\n");
        rowStarted = false;
        return this;
    }

    /// <summary>The file: UTF-8 with a byte order mark.</summary>
    public byte[] ToBytes()
    {
        var content = text.ToString();
        var preamble = Utf8WithBom.Preamble;
        var bytes = new byte[preamble.Length + Utf8WithBom.GetByteCount(content)];
        preamble.CopyTo(bytes);
        Utf8WithBom.GetBytes(content, 0, content.Length, bytes, preamble.Length);
        return bytes;
    }

    private CsvWriter Empty() => Field("");

    private CsvWriter Field(string value)
    {
        if (rowStarted)
        {
            text.Append(',');
        }

        rowStarted = true;
        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            text.Append(value);
        }
        else
        {
            text.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }

        return this;
    }
}
