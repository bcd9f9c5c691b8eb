using System.Text;

namespace LegalBot.Testing;

/// <summary>
/// A strict RFC 4180 reader for checking what the bot writes: records end in CRLF (the last one too), a field is
/// either plain (no comma, quote, CR or LF) or quoted with its quotes doubled, and every record has as many fields
/// as the first. Anything else throws <see cref="FormatException"/> naming where.
/// </summary>
public static class Rfc4180
{
    /// <summary>The records of a UTF-8 file that starts with a byte order mark (which it requires).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ParseUtf8WithBom(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.Length < 3 || bytes[0] != 0xEF || bytes[1] != 0xBB || bytes[2] != 0xBF)
        {
            throw new FormatException("The file does not start with the UTF-8 byte order mark.");
        }

        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        return Parse(strict.GetString(bytes, 3, bytes.Length - 3));
    }

    public static IReadOnlyList<IReadOnlyList<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<IReadOnlyList<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"A quoted field is not closed (from before offset {i}).");
                    }

                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }

                        i++;
                        break;
                    }

                    field.Append(text[i++]);
                }
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\r'))
                {
                    if (text[i] is '"' or '\n')
                    {
                        throw new FormatException($"A quote or line feed inside a plain field at offset {i}.");
                    }

                    field.Append(text[i++]);
                }
            }

            record.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                continue;
            }

            if (i + 1 < text.Length && text[i] == '\r' && text[i + 1] == '\n')
            {
                i += 2;
                if (records.Count > 0 && record.Count != records[0].Count)
                {
                    throw new FormatException($"Record {records.Count + 1} has {record.Count} fields; the first has {records[0].Count}.");
                }

                records.Add(record);
                record = [];
                continue;
            }

            throw new FormatException($"A field is followed by neither a comma nor CRLF at offset {i}.");
        }

        return record.Count == 0 ? records : throw new FormatException("The last record does not end with CRLF.");
    }
}
