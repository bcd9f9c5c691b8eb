using LegalBot.Application.Requests;

namespace LegalBot.Application.Tests;

public sealed class SourceMessageTests
{
    [Theory]
    [InlineData("<p>Hello</p><p>World</p>", "Hello\nWorld")]
    [InlineData("Line one<br>Line two<br/>Line three", "Line one\nLine two\nLine three")]
    [InlineData("<ul><li>a</li><li>b</li></ul>", "- a\n- b")]
    [InlineData("Tom &amp; Jerry &lt;3 &quot;quoted&quot; &#x41;", "Tom & Jerry <3 \"quoted\" A")]
    [InlineData("<style>p{color:red}</style><script>steal()</script>Safe", "Safe")]
    [InlineData("Hi <at id=\"0\">Legal Counsel</at>!", "Hi Legal Counsel!")]
    [InlineData("a\u202Eb\u200Bc\u0007d\te", "abcd e")]
    [InlineData("<p>   lots    of\n\n\n   space   </p>", "lots of\nspace")]
    [InlineData("text <unclosed tag", "text")]
    [InlineData("<table><tr><td>a</td><td>b</td></tr></table>", "a b")]
    [InlineData("", "")]
    public void Html_BecomesPlainText(string html, string expected) =>
        Assert.Equal(expected, MessageText.Plain(html, isHtml: true, 4000));

    [Fact]
    public void PlainText_KeepsAngleBrackets() =>
        Assert.Equal("a <b> c", MessageText.Plain("a <b> c", isHtml: false, 100));

    [Fact]
    public void LongText_IsCutWithAnEllipsis_NeverSplittingASurrogatePair()
    {
        // 10 characters leave room for four and a half emoji: the half is dropped, not cut in two.
        var text = MessageText.Plain(string.Concat(Enumerable.Repeat("\U0001F600", 100)), isHtml: false, 10);

        Assert.Equal(string.Concat(Enumerable.Repeat("\U0001F600", 4)) + "…", text);
    }

    [Fact]
    public void Description_AddsSenderDateLinkAndHttpsAttachments_WithinTheLimit()
    {
        var message = new SourceMessage(
            "<p>" + new string('x', 10_000) + "</p>",
            BodyIsHtml: true,
            "Alex\u202E Seller",
            new DateTimeOffset(2026, 11, 26, 10, 15, 0, TimeSpan.FromHours(1)),
            [
                new MessageAttachment("Acme NDA.docx", new Uri("https://contoso.sharepoint.com/Shared Documents/Acme NDA.docx")),
                new MessageAttachment("evil", new Uri("http://plain.example/a")),
                new MessageAttachment("creds", new Uri("https://user:pw@host.example/a")),
            ],
            new Uri("https://teams.microsoft.com/l/message/1"));

        var description = message.Description();

        Assert.Equal(4000, description.Length);
        Assert.EndsWith(
            "…\n\nFrom a Teams message by Alex Seller on 26 Nov 2026 09:15 UTC.\nLink: https://teams.microsoft.com/l/message/1\nAttachments:\n- Acme NDA.docx: https://contoso.sharepoint.com/Shared%20Documents/Acme%20NDA.docx",
            description,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Description_OfAnEmptyMessage_IsTheContextAlone() =>
        Assert.Equal("From a Teams message.", new SourceMessage(null, true, null, null, [], null).Description());
}
