using System.IO.Compression;
using System.Text;

namespace LegalBot.Testing;

/// <summary>Small files of each kind, built as their formats define them.</summary>
public static class SampleFiles
{
    public static byte[] Pdf { get; } = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    public static byte[] Png { get; } = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static byte[] Jpeg { get; } = [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, 0x4A, 0x46, 0x49, 0x46, 0];

    /// <summary>An OLE compound file's header (Word 97–2003, Outlook .msg).</summary>
    public static byte[] Ole { get; } = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>A Windows executable: "MZ", then the DOS stub.</summary>
    public static byte[] Exe { get; } = [0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0x00, 0x00];

    public static byte[] Text { get; } = Encoding.UTF8.GetBytes("Redlines from the counterparty:\r\n\t1. Term: 3 years → 2 years\n");

    public static byte[] Eml { get; } = Encoding.UTF8.GetBytes("From: counsel@acme.example\r\nSubject: NDA\r\n\r\nSee attached.\r\n");

    public static byte[] Docx => Package("word/document.xml");

    public static byte[] Xlsx => Package("xl/workbook.xml");

    public static byte[] Pptx => Package("ppt/presentation.xml");

    /// <summary>A zip that is no Office document (no [Content_Types].xml).</summary>
    public static byte[] PlainZip => Zip(("readme.txt", "hello"));

    /// <summary>An Office Open XML package: [Content_Types].xml and the main part of its kind.</summary>
    public static byte[] Package(string part) =>
        Zip(("[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"), (part, "<x/>"));

    private static readonly DateTimeOffset EntryTime = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    private static byte[] Zip(params (string Name, string Content)[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                // A fixed time, so the same package is the same bytes whenever it is built (a zip records each entry's time).
                var entry = zip.CreateEntry(name);
                entry.LastWriteTime = EntryTime;
                using var writer = new StreamWriter(entry.Open());
                writer.Write(content);
            }
        }

        return buffer.ToArray();
    }
}
