using System.Text;
using LegalBot.Core.Documents;
using LegalBot.Testing;

namespace LegalBot.Core.Tests.Documents;

public sealed class DocumentTypesTests
{
    private static bool Matches(string type, byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        var matches = DocumentTypes.Matches(type, stream);
        Assert.Equal(0, stream.Position);
        return matches;
    }

    public static TheoryData<string, byte[]> RealFiles => new()
    {
        { "pdf", SampleFiles.Pdf },
        { "PDF", SampleFiles.Pdf },
        { "png", SampleFiles.Png },
        { "jpg", SampleFiles.Jpeg },
        { "jpeg", SampleFiles.Jpeg },
        { "doc", SampleFiles.Ole },
        { "msg", SampleFiles.Ole },
        { "xls", SampleFiles.Ole },
        { "docx", SampleFiles.Docx },
        { "xlsx", SampleFiles.Xlsx },
        { "pptx", SampleFiles.Pptx },
        { "txt", SampleFiles.Text },
        { "csv", Encoding.UTF8.GetBytes("a,b\n1,2\n") },
        { "eml", SampleFiles.Eml },
    };

    [Theory]
    [MemberData(nameof(RealFiles))]
    public void AFileOfItsType_Matches(string type, byte[] bytes) => Assert.True(Matches(type, bytes));

    public static TheoryData<string, byte[]> Impostors => new()
    {
        // An executable renamed to each type.
        { "pdf", SampleFiles.Exe },
        { "docx", SampleFiles.Exe },
        { "doc", SampleFiles.Exe },
        { "png", SampleFiles.Exe },
        { "jpg", SampleFiles.Exe },
        { "txt", SampleFiles.Exe },
        { "eml", SampleFiles.Exe },
        // One document type named as another.
        { "pdf", SampleFiles.Docx },
        { "docx", SampleFiles.Xlsx },
        { "xlsx", SampleFiles.Docx },
        { "pptx", SampleFiles.Pdf },
        { "docx", SampleFiles.Ole },
        { "doc", SampleFiles.Docx },
        // A zip that is no Office package, a truncated one, and empty files.
        { "docx", SampleFiles.PlainZip },
        { "docx", SampleFiles.Docx[..40] },
        { "pdf", [] },
        { "txt", [] },
        // Text with a NUL or other control characters, invalid UTF-8, and text without mail headers.
        { "txt", Encoding.UTF8.GetBytes("hello\0world") },
        { "txt", [0x68, 0x69, 0x1B, 0x5B, 0x32, 0x4A] },
        { "txt", [0xC3, 0x28, 0x41] },
        { "eml", Encoding.UTF8.GetBytes("Dear counsel, please see below.") },
        // A type that cannot be checked is never a match.
        { "exe", SampleFiles.Exe },
        { "html", Encoding.UTF8.GetBytes("<html></html>") },
    };

    [Theory]
    [MemberData(nameof(Impostors))]
    public void AFileOfAnotherKind_DoesNotMatch(string type, byte[] bytes) => Assert.False(Matches(type, bytes));

    [Fact]
    public void LongText_CutInsideACharacter_StillMatches()
    {
        // The sample ends in the middle of a three-byte character.
        var text = new string('a', DocumentTypes.TextSampleBytes - 1) + "€ and more";
        Assert.True(Matches("txt", Encoding.UTF8.GetBytes(text)));
    }

    [Fact]
    public void EveryDefaultType_CanBeChecked() =>
        Assert.All(DocumentTypes.DefaultAllowed, t => Assert.Contains(t, DocumentTypes.Checkable));
}
