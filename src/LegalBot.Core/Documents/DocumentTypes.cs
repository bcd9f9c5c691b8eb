using System.IO.Compression;
using System.Text;

namespace LegalBot.Core.Documents;

/// <summary>
/// The file types LegalBot can keep, each checked by its content rather than trusted from its name: a PDF starts
/// with <c>%PDF-</c>; Word, Excel and PowerPoint files (docx, xlsx, pptx) are zip packages with a
/// <c>[Content_Types].xml</c> and the part of their kind; the older Office files and Outlook messages (doc, xls, ppt,
/// msg) are OLE compound files; PNG and JPEG start with their signatures; text (txt, csv) is UTF-8 without control
/// characters; an e-mail (eml) is such text that starts with header lines.
/// </summary>
public static class DocumentTypes
{
    /// <summary>What <c>Documents:AllowedTypes</c> is when not configured.</summary>
    public static readonly IReadOnlyList<string> DefaultAllowed = ["pdf", "docx", "doc", "xlsx", "pptx", "txt", "msg", "eml", "png", "jpg"];

    /// <summary>Every type whose content can be checked, and so may be allowed.</summary>
    public static readonly IReadOnlySet<string> Checkable = new HashSet<string>(
        ["pdf", "docx", "xlsx", "pptx", "doc", "xls", "ppt", "msg", "txt", "csv", "eml", "png", "jpg", "jpeg"],
        StringComparer.Ordinal);

    /// <summary>How much of a file is read to decide whether it is text.</summary>
    public const int TextSampleBytes = 64 * 1024;

    private static readonly byte[] Pdf = "%PDF-"u8.ToArray();
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] Jpeg = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] Ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    private static readonly byte[] Zip = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The extension as kept: lowercase, without a dot, <c>jpeg</c> as <c>jpg</c>.</summary>
    public static string Normalize(string extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        var clean = extension.Trim().TrimStart('.').ToLowerInvariant();
        return clean == "jpeg" ? "jpg" : clean;
    }

    /// <summary>
    /// Whether <paramref name="content"/> (seekable; read from its start, left at its start) is a file of type
    /// <paramref name="extension"/>. A type this class cannot check is never a match.
    /// </summary>
    public static bool Matches(string extension, Stream content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var type = Normalize(extension);
        try
        {
            return type switch
            {
                "pdf" => StartsWith(content, Pdf),
                "png" => StartsWith(content, Png),
                "jpg" => StartsWith(content, Jpeg),
                "doc" or "xls" or "ppt" or "msg" => StartsWith(content, Ole),
                "docx" => IsPackage(content, "word/"),
                "xlsx" => IsPackage(content, "xl/"),
                "pptx" => IsPackage(content, "ppt/"),
                "txt" or "csv" => IsText(content, needsHeaders: false),
                "eml" => IsText(content, needsHeaders: true),
                _ => false,
            };
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static bool StartsWith(Stream content, byte[] signature)
    {
        content.Position = 0;
        Span<byte> head = stackalloc byte[16];
        var read = content.ReadAtLeast(head[..signature.Length], signature.Length, throwOnEndOfStream: false);
        return read == signature.Length && head[..read].SequenceEqual(signature);
    }

    /// <summary>An Office Open XML package: a zip whose directory lists <c>[Content_Types].xml</c> and a part under <paramref name="folder"/>. Nothing is decompressed.</summary>
    private static bool IsPackage(Stream content, string folder)
    {
        if (!StartsWith(content, Zip))
        {
            return false;
        }

        content.Position = 0;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            var types = false;
            var part = false;
            foreach (var entry in zip.Entries)
            {
                types |= entry.FullName == "[Content_Types].xml";
                part |= entry.FullName.StartsWith(folder, StringComparison.Ordinal);
            }

            return types && part;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>UTF-8 (a BOM allowed) with no control characters but tab, line breaks and form feed, in the first <see cref="TextSampleBytes"/>.</summary>
    private static bool IsText(Stream content, bool needsHeaders)
    {
        content.Position = 0;
        var sample = new byte[TextSampleBytes];
        var read = content.ReadAtLeast(sample, sample.Length, throwOnEndOfStream: false);
        if (read == 0)
        {
            return false;
        }

        var bytes = sample.AsSpan(0, read);
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        // A sample may end inside a character: leave up to three bytes of it out.
        string text;
        var decoder = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        try
        {
            text = decoder.GetString(bytes[..Complete(bytes, read == sample.Length)]);
        }
        catch (DecoderFallbackException)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && c is not ('\t' or '\r' or '\n' or '\f'))
            {
                return false;
            }
        }

        return !needsHeaders || IsHeaderLine(text);
    }

    /// <summary>How many bytes of <paramref name="bytes"/> end on a whole character (all of them unless the sample was cut).</summary>
    private static int Complete(ReadOnlySpan<byte> bytes, bool cut)
    {
        if (!cut)
        {
            return bytes.Length;
        }

        var end = bytes.Length;
        for (var back = 1; back <= 3 && end - back >= 0; back++)
        {
            var b = bytes[end - back];
            if ((b & 0xC0) != 0x80)
            {
                // A lead byte: keep it only when its character is complete.
                var length = b < 0x80 ? 1 : b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
                return length <= back ? end : end - back;
            }
        }

        return end;
    }

    /// <summary>The first line is an RFC 5322 header field: a name of printable ASCII without a colon, then a colon.</summary>
    private static bool IsHeaderLine(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon is <= 0 or > 76)
        {
            return false;
        }

        for (var i = 0; i < colon; i++)
        {
            if (text[i] is < '!' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}
