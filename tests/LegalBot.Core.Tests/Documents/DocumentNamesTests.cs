using LegalBot.Core.Documents;

namespace LegalBot.Core.Tests.Documents;

public sealed class DocumentNamesTests
{
    [Theory]
    [InlineData("Acme NDA v2.pdf", "pdf", "Acme NDA v2.pdf")]
    [InlineData("Acme NDA.PDF", "pdf", "Acme NDA.pdf")]
    [InlineData("photo.JPEG", "jpg", "photo.jpg")]
    [InlineData("Vertrag über Lieferung.docx", "docx", "Vertrag über Lieferung.docx")]
    // Path separators: only the last segment.
    [InlineData("../../etc/passwd.txt", "txt", "passwd.txt")]
    [InlineData("..\\..\\Windows\\System32\\drivers.txt", "txt", "drivers.txt")]
    [InlineData("C:\\Users\\me\\Desktop\\draft.docx", "docx", "draft.docx")]
    // Leading dots and spaces, trailing dots and spaces.
    [InlineData("...hidden.pdf", "pdf", "hidden.pdf")]
    [InlineData("  draft .pdf . ", "pdf", "draft.pdf")]
    // Characters Windows refuses.
    [InlineData("a<b>c:d\"e|f?g*h.pdf", "pdf", "a_b_c_d_e_f_g_h.pdf")]
    // Control and invisible formatting characters, such as a right-to-left override hiding ".exe".
    [InlineData("invoice\u202Efdp.exe.pdf", "pdf", "invoicefdp.exe.pdf")]
    [InlineData("line\r\nbreak\u0000.pdf", "pdf", "linebreak.pdf")]
    [InlineData("zero\u200Bwidth.pdf", "pdf", "zerowidth.pdf")]
    // Reserved device names, with or without an extension before the type's.
    [InlineData("CON.pdf", "pdf", "_CON.pdf")]
    [InlineData("nul.txt", "txt", "_nul.txt")]
    [InlineData("com1.tar.pdf", "pdf", "_com1.tar.pdf")]
    [InlineData("LPT9 .docx", "docx", "_LPT9.docx")]
    [InlineData("CONTRACT.pdf", "pdf", "CONTRACT.pdf")]
    // Nothing left, or no name at all.
    [InlineData("", "pdf", "document.pdf")]
    [InlineData(null, "pdf", "document.pdf")]
    [InlineData("../", "pdf", "document.pdf")]
    [InlineData(".pdf", "pdf", "document.pdf")]
    [InlineData("\u202E\u0007", "pdf", "document.pdf")]
    // A name whose extension is not the checked type keeps it as part of the stem and gains the type.
    [InlineData("report.exe", "pdf", "report.exe.pdf")]
    public void Sanitize_KeepsOnlyASafeName_EndingInTheCheckedType(string? name, string type, string expected) =>
        Assert.Equal(expected, DocumentNames.Sanitize(name, type));

    [Fact]
    public void ALongName_IsCut_KeepingTheExtension()
    {
        var name = DocumentNames.Sanitize(new string('x', 500) + ".docx", "docx");

        Assert.Equal(DocumentNames.MaxLength, name.Length);
        Assert.EndsWith("x.docx", name, StringComparison.Ordinal);
    }

    [Fact]
    public void ALongName_IsNeverCutInsideASurrogatePair()
    {
        var name = DocumentNames.Sanitize("a" + string.Concat(Enumerable.Repeat("😀", 200)) + ".pdf", "pdf");

        Assert.True(name.Length <= DocumentNames.MaxLength);
        Assert.EndsWith("😀.pdf", name, StringComparison.Ordinal);
        Assert.Equal(System.Buffers.OperationStatus.Done, System.Text.Unicode.Utf8.FromUtf16(name, new byte[1000], out _, out _, replaceInvalidSequences: false));
    }

    [Theory]
    [InlineData("Acme NDA.pdf", "pdf")]
    [InlineData("Acme.NDA.DOCX", "docx")]
    [InlineData("photo.jpeg", "jpg")]
    [InlineData("folder.v2/notes", null)]
    [InlineData("README", null)]
    [InlineData(".bashrc", null)]
    [InlineData("trailing.", null)]
    [InlineData(null, null)]
    public void ExtensionOf_IsTheLastSegmentsTypeOrNone(string? name, string? expected) => Assert.Equal(expected, DocumentNames.ExtensionOf(name));
}
