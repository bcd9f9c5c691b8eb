using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Documents;

/// <summary>
/// Documents on requests in the embedded mode, over real HTTP: files sent in the 1:1 chat through Teams' file flow (a
/// message with a <c>file.download.info</c> attachment, downloaded from the fake OneDrive), checked and kept in the data
/// folder, listed on the request card, and sent back to a party through the file consent flow.
/// </summary>
public sealed class DocumentTests : DocumentHostTest
{
    private string DocumentsFolder => Path.Combine(Directory, "documents");

    /// <summary>The files kept in the data folder, wherever they are.</summary>
    private IReadOnlyList<string> KeptFiles => System.IO.Directory.Exists(DocumentsFolder)
        ? System.IO.Directory.GetFiles(DocumentsFolder, "*", SearchOption.AllDirectories)
        : [];

    private async Task<long> DocumentRowsAsync()
    {
        await using var connection = await TestDatabase.OpenAsync(DatabasePath);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM request_documents;";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AFileSentInTheChat_IsKeptOnTheSendersOnlyOpenRequest_AndTheCardListsIt()
    {
        var id = await Scenarios.FileNdaAsync(Requester);

        var sent = await Requester.SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);

        Assert.Contains($"Added Acme NDA draft.pdf ({SampleFiles.Pdf.Length} bytes) to {id}.", sent.Texts);
        var lines = DocumentLines(sent.Card);
        Assert.StartsWith($"1. Acme NDA draft.pdf · {SampleFiles.Pdf.Length} bytes · {TeamsUser.Requester.Name} · ", Assert.Single(lines), StringComparison.Ordinal);
        Assert.Equal(1, Channel.OneDrive.Downloads);
        var kept = Assert.Single(KeptFiles);
        Assert.Equal(SampleFiles.Pdf, await File.ReadAllBytesAsync(kept));
        Assert.Equal(id[3..], Path.GetFileName(Path.GetDirectoryName(kept)));
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(kept));

        // Legal staff see it on the request's card too; the name is never logged.
        Assert.Single(DocumentLines(await StatusCardAsync(Staff, id)));
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("Acme NDA draft", StringComparison.Ordinal));
        Assert.Contains(Logs.Entries, e => e.EventId.Id == 6050);
    }

    [Fact]
    public async Task WithSeveralOpen_TheBotAsksWhich_KeepsNothing_ThenAttachNamesTheRequest()
    {
        var first = await Scenarios.FileNdaAsync(Requester, "First NDA");
        var second = await Scenarios.FileNdaAsync(Requester, "Second NDA");

        var unsure = await Requester.SendFileAsync("redline.docx", SampleFiles.Docx);

        Assert.Contains($"Which request is this file for? You have 2 open: {first}, {second}.", Assert.Single(unsure.Texts), StringComparison.Ordinal);
        Assert.Equal(0, Channel.OneDrive.Downloads);
        Assert.Empty(KeptFiles);

        var attach = await Requester.SayAsync("attach " + first);
        Assert.StartsWith($"Send the file now with the attach button (📎) and I'll add it to **{first}**.", Assert.Single(attach.Texts), StringComparison.Ordinal);
        var kept = await Requester.SendFileAsync("redline.docx", SampleFiles.Docx);

        Assert.Contains($"Added redline.docx ({SampleFiles.Docx.Length} bytes) to {first}.", kept.Texts);
        Assert.Single(DocumentLines(await StatusCardAsync(Requester, first)));
        Assert.Empty(DocumentLines(await StatusCardAsync(Requester, second)));

        // The id typed with the file wins; the attach was used up.
        var named = await Requester.SendFileAsync("notes.txt", SampleFiles.Text, text: $"notes for {second}");
        Assert.Contains($"Added notes.txt ({SampleFiles.Text.Length} bytes) to {second}.", named.Texts);
        Assert.Single(DocumentLines(await StatusCardAsync(Requester, second)));
        Assert.Equal(2, await DocumentRowsAsync());
    }

    [Fact]
    public async Task AttachToARequestOfSomeoneElse_IsAnsweredAsUnknown()
    {
        var id = await Scenarios.FileNdaAsync(Requester);

        var attach = await Stranger.SayAsync("attach " + id);
        var file = await Stranger.SendFileAsync("mine.pdf", SampleFiles.Pdf, text: id);

        Assert.Equal($"I couldn't find {id} among the requests you can see. Type my requests to list yours.", Assert.Single(attach.Texts));
        Assert.Equal($"I couldn't find {id} among the requests you can see. Type my requests to list yours.", Assert.Single(file.Texts));
        Assert.Equal(0, Channel.OneDrive.Downloads);
        Assert.Empty(KeptFiles);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AFileOverTheLimit_IsRefused_AndNothingIsKept(bool hideLength)
    {
        await Scenarios.FileNdaAsync(Requester);
        var big = new byte[MaxBytes + 1];
        SampleFiles.Pdf.CopyTo(big, 0);

        var sent = await Requester.SendFileAsync("scan.pdf", big, hideLength: hideLength);

        Assert.Equal("That file is larger than 98 KB, the most I keep, so I didn't keep it.", Assert.Single(sent.Texts));
        Assert.Empty(KeptFiles);
        Assert.Equal(0, await DocumentRowsAsync());
        Assert.Contains(Logs.Entries, e => e.EventId.Id == 2070);
    }

    [Fact]
    public async Task AnExecutableNamedPdf_IsRefusedByItsContent_AndAnExeByItsType()
    {
        await Scenarios.FileNdaAsync(Requester);

        var disguised = await Requester.SendFileAsync("contract.pdf", SampleFiles.Exe);
        var plain = await Requester.SendFileAsync("setup.exe", SampleFiles.Exe);

        Assert.Equal("That file's content is not a .pdf file, whatever its name says, so I didn't keep it.", Assert.Single(disguised.Texts));
        Assert.Equal("I keep only these kinds of files: doc, docx, eml, jpg, msg, pdf, png, pptx, txt, xlsx. I didn't keep that one.", Assert.Single(plain.Texts));
        Assert.Equal(1, Channel.OneDrive.Downloads);
        Assert.Empty(KeptFiles);
        Assert.Equal(0, await DocumentRowsAsync());
    }

    [Fact]
    public async Task AHostileFileName_IsKeptUnderASafeName_AndNeverOnDiskAsGiven()
    {
        var id = await Scenarios.FileNdaAsync(Requester);

        var sent = await Requester.SendFileAsync("..\\..\\\u202ECON.pdf", SampleFiles.Pdf);

        Assert.Contains($"Added _CON.pdf ({SampleFiles.Pdf.Length} bytes) to {id}.", sent.Texts);
        Assert.StartsWith("1. _CON.pdf · ", Assert.Single(DocumentLines(sent.Card)), StringComparison.Ordinal);
        var kept = Assert.Single(KeptFiles);
        Assert.StartsWith(DocumentsFolder + Path.DirectorySeparatorChar, kept, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", Path.GetFileName(kept));
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains("CON.pdf", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AFileSentWhileFiling_IsNotKept_AndTheFormCarriesOn()
    {
        await Requester.SayAsync("new request");

        var sent = await Requester.SendFileAsync("draft.pdf", SampleFiles.Pdf);

        Assert.StartsWith("I'll keep documents once your request is filed", sent.Texts.First(), StringComparison.Ordinal);
        Assert.Equal(0, Channel.OneDrive.Downloads);
        Assert.Empty(KeptFiles);
    }

    [Fact]
    public async Task APartyGetsTheDocumentThroughTheFileConsentFlow_AndAStrangerIsRefused()
    {
        var id = await Scenarios.FileNdaAsync(Requester);
        await AssignAsync(id);
        await Requester.SendFileAsync("Acme NDA.docx", SampleFiles.Docx);

        // The assigned professional presses Get on their card, accepts, and the file lands in their OneDrive.
        var card = await StatusCardAsync(Professional, id);
        var get = BotReplies.ActionData(card, "Get");
        var offered = await Professional.SubmitAsync(get);
        var consent = Assert.Single(offered.FileConsents);
        Assert.Equal("Acme NDA.docx", (string?)BotReplies.FileConsentOf(consent)["name"]);
        var accepted = await Professional.AcceptFileAsync(consent);

        Assert.Equal(200, accepted.Status);
        var upload = Assert.Single(Channel.OneDrive.Uploads);
        Assert.Equal(SampleFiles.Docx, upload.Bytes);
        Assert.Equal("Acme NDA.docx", (string?)Assert.Single(accepted.Replies.FileInfos)["name"]);
        Assert.Equal($"Sent to your OneDrive: a document of {id}.", (string?)Assert.Single(Scenarios.UpdatesOf(Channel, TeamsUser.Alsp, (string)consent["id"]!))["text"]);

        // A stranger pressing the same button (a forwarded card, or forged data) gets nothing, nor with a forged Accept.
        var pressed = await Stranger.SubmitAsync(get.DeepClone().AsObject());
        Assert.Equal("I couldn't find that document among those of the requests you can see.", Assert.Single(pressed.Texts));
        Assert.Empty(pressed.FileConsents);
        var forged = await Stranger.AnswerFileAsync("accept", BotReplies.FileConsentOf(consent)["content"]!["acceptContext"], Channel.OneDrive.Offer(TeamsUser.OtherRequester, "Acme NDA.docx"));
        Assert.Equal(200, forged.Status);
        Assert.Equal("I couldn't find that document among those of the requests you can see, so I sent nothing.", Assert.Single(forged.Replies.Texts));
        Assert.Single(Channel.OneDrive.Uploads);

        // A made-up id is refused the same way.
        var madeUp = await Requester.SubmitAsync(new JsonObject { ["action"] = "document.get", ["id"] = "../../legalbot.db" });
        Assert.Equal("I couldn't find that document among those of the requests you can see.", Assert.Single(madeUp.Texts));
    }

    [Fact]
    public async Task TheProfessionalReturnsAMarkedUpVersion_AndTheRequesterGetsIt()
    {
        var id = await Scenarios.FileNdaAsync(Requester);
        await AssignAsync(id);
        await Requester.SendFileAsync("Acme NDA.docx", SampleFiles.Docx);
        var markup = SampleFiles.Package("word/document.xml");

        // Their only open assignment: no need to name it.
        var returned = await Professional.SendFileAsync("Acme NDA - markup.docx", markup);

        Assert.Contains($"Added Acme NDA - markup.docx ({markup.Length} bytes) to {id}.", returned.Texts);
        var card = await StatusCardAsync(Requester, id);
        var lines = DocumentLines(card);
        Assert.Equal(2, lines.Count);
        Assert.StartsWith($"1. Acme NDA - markup.docx · {markup.Length} bytes · {TeamsUser.Alsp.Name} · ", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"2. Acme NDA.docx · ", lines[1], StringComparison.Ordinal);

        var offered = await Requester.SubmitAsync(BotReplies.ActionData(card, "Get 1"));
        await Requester.AcceptFileAsync(Assert.Single(offered.FileConsents));

        Assert.Equal(markup, Assert.Single(Channel.OneDrive.Uploads).Bytes);
    }

    [Fact]
    public async Task ADocumentAdded_TellsTheOtherParty_AndTheirCardListsItInPlace()
    {
        var id = await Scenarios.FileNdaAsync(Requester);
        await AssignAsync(id);
        await Channel.WaitUntilAsync(() => Scenarios.LatestCard(Channel, TeamsUser.Alsp, id) is not null, "the professional's assignment card");

        await Requester.SendFileAsync("Acme NDA.docx", SampleFiles.Docx);

        var told = $"{TeamsUser.Requester.Name} added a document to {id}: Acme NDA.docx. Open it from the request's card.";
        await Channel.WaitUntilAsync(
            () => Channel.Posted(TeamsUser.Alsp.PersonalConversationId).Any(a => (string?)a["text"] == told),
            "the professional told of the new document");
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.Alsp, id) is { } card && DocumentLines(card).Count == 1,
            "the professional's card listing the document, updated in place");

        // The one who added it is not told of their own file.
        var returned = await Professional.SendFileAsync("Acme NDA - markup.docx", SampleFiles.Package("word/document.xml"));
        Assert.Contains(returned.Texts, t => t.StartsWith("Added Acme NDA - markup.docx", StringComparison.Ordinal));
        await Channel.WaitUntilAsync(
            () => Channel.Posted(TeamsUser.Requester.PersonalConversationId).Any(a => (string?)a["text"] == $"{TeamsUser.Alsp.Name} added a document to {id}: Acme NDA - markup.docx. Open it from the request's card."),
            "the requester told of the marked-up version");
        Assert.Single(Channel.Posted(TeamsUser.Alsp.PersonalConversationId), a => ((string?)a["text"])?.Contains("added a document", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AFilesLink_WhereNoLinkIsFollowed_IsAnsweredWithHowToSendTheFile_AndNothingIsKept()
    {
        var id = await Scenarios.FileNdaAsync(Requester);
        const string Link = "https://contoso.sharepoint.com/:b:/s/legal/EaBcDeFgHiJkLmNoPqRsTuVw?e=AbC123";

        var inGroup = await Requester.SayInGroupChatAsync("19:contract-review@thread.v2", $"attach {id} {Link}");
        var inPersonal = await Requester.SayAsync(Link);

        Assert.Equal("Teams lets me receive and send files only in our 1:1 chat: message me there to add or get a document.", Assert.Single(inGroup.Texts));
        Assert.Equal("I can't take files from links in this deployment: send the file itself with the attach button (📎).", Assert.Single(inPersonal.Texts));
        Assert.Empty(KeptFiles);

        // A message with a link and words of its own is an ordinary message, not a file.
        var prose = await Requester.SayAsync($"status {id}");
        Assert.Contains(id, prose.AllText, StringComparison.Ordinal);
    }
}
