using LegalBot.Application.Documents;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intents;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Tests;

/// <summary>
/// Which messages are files shared by link (<see cref="AttachIntent.LinksIn"/>): only a message of SharePoint or
/// OneDrive links, with at most <c>attach</c> and a request's id before them; anything with words of its own is an
/// ordinary message, so a link written in a request's description is never taken as a file.
/// </summary>
public sealed class FileLinkTests
{
    private const string Nda = "https://contoso.sharepoint.com/:w:/s/legal/EaBcDeFgHiJkLmNoPqRsTuVw?e=AbC123";
    private const string Redline = "https://contoso-my.sharepoint.com/personal/jane_contoso_com/Documents/Redline.docx";

    private static IReadOnlyList<string>? LinksIn(string text) => AttachIntent.LinksIn(new TurnInput
    {
        User = new Person("aad-requester", "Business Requester"),
        ConversationId = "19:group@thread.v2",
        IsPersonal = false,
        Text = text,
        Today = new DateOnly(2026, 12, 1),
        Now = new DateTimeOffset(2026, 12, 1, 9, 0, 0, TimeSpan.Zero),
    });

    [Theory]
    [InlineData(Nda)]
    [InlineData("attach LR-1042 " + Nda)]
    [InlineData("Attach to LR-1042 " + Nda)]
    [InlineData("add a file to LR-1042 " + Nda)]
    [InlineData("for LR-1042: " + Nda)]
    [InlineData("LR-1042 <" + Nda + ">")]
    [InlineData("  " + Nda + ".  ")]
    public void AMessageOfOneLink_IsThatLink(string text) => Assert.Equal([Nda], LinksIn(text));

    [Fact]
    public void SeveralLinks_AreEachTaken() => Assert.Equal([Nda, Redline], LinksIn($"attach LR-7 {Nda}\n{Redline}"));

    [Theory]
    [InlineData("please review " + Nda)]
    [InlineData(Nda + " is the draft, thanks")]
    [InlineData("attach LR-1042 https://contoso.example/x.pdf")]
    [InlineData("https://contoso.sharepoint.com.evil.example/x.pdf")]
    [InlineData("https://user:pass@contoso.sharepoint.com/x.pdf")]
    [InlineData("https://contoso.sharepoint.com:8443/x.pdf")]
    [InlineData("http://contoso.sharepoint.com/x.pdf")]
    [InlineData(Nda + " https://evil.example/x.pdf")]
    [InlineData("attach LR-1042")]
    [InlineData("")]
    public void AnythingElse_IsNoFileLink(string text) => Assert.Null(LinksIn(text));

    [Fact]
    public void HostileText_IsAnsweredQuickly_AsNoFileLink()
    {
        Assert.Null(LinksIn(string.Concat(Enumerable.Repeat("https://", 499)) + "!"));
        Assert.Null(LinksIn("https://contoso.sharepoint.com/" + new string('a', SharePointLinks.MaxLength)));
        Assert.Null(LinksIn(new string(' ', 5000) + Nda));
    }
}
