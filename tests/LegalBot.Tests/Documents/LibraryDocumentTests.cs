using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Documents;

/// <summary>
/// Documents on requests in the Microsoft 365 mode (<c>Store:Graph:DocumentsDriveId</c>), over real HTTP: a file sent
/// in the 1:1 chat goes to the request's folder in the fake Graph server's document library through an upload session,
/// is shared only with the request's parties (the requester, legal staff, the assigned professional; a professional
/// who declines loses it), and every copy of the card opens it from its link. Nothing is kept beside the local file.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class LibraryDocumentTests(LoopbackTls tls) : SharePointHostTest(tls, "8e9f0a1b-2c3d-4e4f-9a5b-6c7d8e9f0a1b", "library-documents-secret")
{
    private FakeDrive drive = null!;

    protected override void Arrange()
    {
        drive = Graph.AddDrive("Legal Documents");
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp })
        {
            Channel.AddMember(user);
            Graph.AddUser(new FakeUser(user.AadObjectId, user.Name, user.Email, Guest: user == TeamsUser.Alsp));
        }
    }

    private void Start(Dictionary<string, string?>? extra = null)
    {
        var settings = Settings(new Dictionary<string, string?> { ["Store:Graph:DocumentsDriveId"] = drive.Id });
        foreach (var (key, value) in extra ?? [])
        {
            settings[key] = value;
        }

        StartHost(settings);
    }

    private string DocumentsFolder => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "documents");

    /// <summary>Who the file was shared with, as the library holds it now.</summary>
    private Dictionary<string, string> SharedWith(string path)
    {
        lock (drive)
        {
            return new Dictionary<string, string>(drive.Find(path)!.SharedWith, StringComparer.OrdinalIgnoreCase);
        }
    }

    private static Dictionary<string, string> ReadFor(params TeamsUser[] users) =>
        users.ToDictionary(u => u.AadObjectId, _ => "read", StringComparer.OrdinalIgnoreCase);

    private static IReadOnlyList<JsonObject> OpenButtons(JsonObject card) =>
        BotReplies.Typed(card, "Action.OpenUrl");

    [Fact]
    public async Task AFileSentInTheChat_GoesToTheRequestsFolderInTheLibrary_SharedWithItsPartiesOnly_AndEveryCardOpensIt()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var sent = await As(TeamsUser.Requester).SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);

        Assert.Contains($"Added Acme NDA draft.pdf ({SampleFiles.Pdf.Length} bytes) to {id}.", sent.Texts);
        var file = drive.Find($"{id}/Acme NDA draft.pdf");
        Assert.NotNull(file);
        Assert.Equal(SampleFiles.Pdf, file.Content);
        Assert.False(file.InheritsPermissions, "the library's members do not reach the file");
        Assert.Equal(ReadFor(TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff), SharedWith($"{id}/Acme NDA draft.pdf"));
        Assert.False(Directory.Exists(DocumentsFolder), "nothing kept beside the local file");

        // The requester's card and legal staff's open it from its link; nobody gets a Get button (no bytes through the bot).
        var open = Assert.Single(OpenButtons(sent.Card));
        Assert.Equal("Open", (string?)open["title"]);
        Assert.StartsWith("https://contoso.sharepoint.com/", (string?)open["url"], StringComparison.Ordinal);
        Assert.Single(OpenButtons((await As(TeamsUser.LegalStaff).SayAsync("status " + id)).Card));
        Assert.DoesNotContain("\"Get\"", sent.Card.Json(), StringComparison.Ordinal);
        Assert.DoesNotContain(Host.Logs.Entries, e => e.Message.Contains("Acme NDA draft", StringComparison.Ordinal));
        Assert.Contains(Host.Logs.Entries, e => e.EventId.Id == 5130);
    }

    [Fact]
    public async Task TheAssignedProfessional_IsGivenTheFiles_AndLosesThemOnDeclining()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await As(TeamsUser.Requester).SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);
        var path = $"{id}/Acme NDA draft.pdf";

        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await Channel.WaitUntilAsync(() => SharedWith(path).ContainsKey(TeamsUser.Alsp.AadObjectId), "the file shared with the assigned professional");

        // The professional returns a marked-up version the same way; it is shared with the same people.
        var back = await As(TeamsUser.Alsp).SendFileAsync("Acme NDA redline.docx", SampleFiles.Docx, text: "for " + id);
        Assert.Contains($"Added Acme NDA redline.docx ({SampleFiles.Docx.Length} bytes) to {id}.", back.Texts);
        Assert.Equal(2, OpenButtons(back.Card).Count);
        var everyone = ReadFor(TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp);
        Assert.Equal(everyone, SharedWith($"{id}/Acme NDA redline.docx"));

        var assignment = await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        await As(TeamsUser.Alsp).ExecuteAsync(assignment, "Decline", Scenarios.Input(WorkflowAction.Decline, CardActions.NoteField, "Conflict of interest."));
        await Channel.WaitUntilAsync(
            () => !SharedWith(path).ContainsKey(TeamsUser.Alsp.AadObjectId) && !SharedWith($"{id}/Acme NDA redline.docx").ContainsKey(TeamsUser.Alsp.AadObjectId),
            "both files taken from the professional who declined");
        Assert.Equal(ReadFor(TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff), SharedWith(path));
    }

    [Fact]
    public async Task TheLibraryUnavailable_TheFileIsNotKept_AndTheSenderIsToldToSendItAgain()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        Graph.AddFault(new GraphFault(503, PathContains: "/createUploadSession", Times: int.MaxValue));

        var sent = await As(TeamsUser.Requester).SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);

        Assert.Equal("I couldn't keep that file just now: the document library didn't answer. Please send it again in a minute.", Assert.Single(sent.Texts));
        Assert.Null(drive.Find(id));
        Assert.Empty(OpenButtons((await As(TeamsUser.Requester).SayAsync("status " + id)).Card));
    }

    [Fact]
    public async Task SharingRefusedForGood_TheFileStaysKept_AndLegalStaffsCardSaysSo_UntilALaterSharingHolds()
    {
        // A legal staff member listed in configuration whom the directory does not know: Graph refuses to share with them.
        const string Unknown = "0f0e0d0c-0b0a-4909-8807-060504030201";
        Start(new Dictionary<string, string?> { ["Roles:LegalStaff:2"] = Unknown });
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var sent = await As(TeamsUser.Requester).SendFileAsync("Acme NDA draft.pdf", SampleFiles.Pdf);

        Assert.Contains($"Added Acme NDA draft.pdf ({SampleFiles.Pdf.Length} bytes) to {id}.", sent.Texts);
        Assert.NotNull(drive.Find($"{id}/Acme NDA draft.pdf"));
        const string Said = "The documents on this request could not be shared with everyone on it (HTTP 400 invalidRequest)";
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)?.Json().Contains(Said, StringComparison.Ordinal) == true,
            "legal staff's card, updated in place, saying the files could not be shared");
        // The row is marked failed before its log line is written; another redraw may show the card in between.
        await Channel.WaitUntilAsync(() => Host.Logs.Entries.Any(e => e.EventId.Id == 2080), "the give-up logged (2080)");
        Assert.Contains(Said, (await As(TeamsUser.LegalStaff).SayAsync("status " + id)).Card.Json(), StringComparison.Ordinal);
        Assert.DoesNotContain(Said, (await As(TeamsUser.Requester).SayAsync("status " + id)).Card.Json(), StringComparison.Ordinal);

        // The directory knows them now, and the request is assigned: its sharing holds, and the card stops saying it failed.
        Graph.AddUser(new FakeUser(Unknown, "Legal Counsel Three", null));
        await As(TeamsUser.LegalStaff).ExecuteAsync(
            await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id),
            "Assign",
            Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await Channel.WaitUntilAsync(
            () => SharedWith($"{id}/Acme NDA draft.pdf").ContainsKey(Unknown) && SharedWith($"{id}/Acme NDA draft.pdf").ContainsKey(TeamsUser.Alsp.AadObjectId),
            "the file shared with the professional and the third legal staff member");
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.LegalStaff, id)?.Json().Contains(Said, StringComparison.Ordinal) == false,
            "legal staff's card, updated in place, no longer saying the files could not be shared");
        Assert.DoesNotContain(Said, (await As(TeamsUser.LegalStaff).SayAsync("status " + id)).Card.Json(), StringComparison.Ordinal);
    }

    private const string GroupChat = "19:contract-review@thread.v2";

    [Fact]
    public async Task InAGroupChat_AFilesLinkAndTheRequestsId_IsReadThroughGraph_KeptInTheLibrary_AndTheReplyNamesNoFile()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var teamFiles = Graph.AddDrive("Team files");
        var link = Graph.AddFile(teamFiles, "General/Acme NDA draft.pdf", SampleFiles.Pdf);

        var reply = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, $"attach {id} {link}");

        Assert.Equal($"Added the file to {id}. Its parties open it from the request's card.", Assert.Single(reply.Texts));
        Assert.Empty(reply.Cards);
        var kept = drive.Find($"{id}/Acme NDA draft.pdf");
        Assert.NotNull(kept);
        Assert.Equal(SampleFiles.Pdf, kept.Content);
        Assert.Equal(ReadFor(TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff), SharedWith($"{id}/Acme NDA draft.pdf"));
        Assert.Single(OpenButtons((await As(TeamsUser.Requester).SayAsync("status " + id)).Card));
        Assert.DoesNotContain(Host.Logs.Entries, e => e.Message.Contains("Acme", StringComparison.Ordinal) || e.Message.Contains(link, StringComparison.Ordinal));
    }

    [Fact]
    public async Task InAGroupChat_ALinkTheAppCannotRead_OrToAnExecutable_OrTooLarge_KeepsNothing()
    {
        Start(new Dictionary<string, string?> { ["Documents:MaxBytes"] = "100000" });
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var teamFiles = Graph.AddDrive("Team files");
        var renamed = Graph.AddFile(teamFiles, "General/Invoice.pdf", [0x4D, 0x5A, 0x90, 0x00, 0x03]);
        var large = Graph.AddFile(teamFiles, "General/Scan.pdf", [.. SampleFiles.Pdf, .. new byte[100_001]]);
        var elsewhere = "https://contoso.sharepoint.com/sites/legal/Team%20files/Gone.pdf";

        var executable = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, $"{id} {renamed}");
        var tooLarge = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, $"attach {id} {large}");
        var gone = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, $"attach {id} {elsewhere}");
        Graph.FilesReadGranted = false;
        var refused = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, $"attach {id} {renamed}");

        Assert.Equal("That file's content is not a .pdf file, whatever its name says, so I didn't keep it.", Assert.Single(executable.Texts));
        Assert.Equal("That file is larger than 98 KB, the most I keep, so I didn't keep it.", Assert.Single(tooLarge.Texts));
        const string NotReadable = "I couldn't open the file that link names: it may be gone, be a folder, or not be shared with LegalBot. I didn't keep anything.";
        Assert.Equal(NotReadable, Assert.Single(gone.Texts));
        Assert.Equal(NotReadable, Assert.Single(refused.Texts));
        Assert.Null(drive.Find(id));
        Assert.DoesNotContain(Graph.GraphRoundTrips, r => r.Path.Contains("/content", StringComparison.Ordinal) && r.Path.Contains(GraphSharesIdOf(large), StringComparison.Ordinal));
    }

    [Fact]
    public async Task InAGroupChat_ALinkToAnotherPartysRequest_IsAnsweredAsUnknown_AndNotRead()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var link = Graph.AddFile(Graph.AddDrive("Team files"), "General/Mine.pdf", SampleFiles.Pdf);

        var reply = await As(TeamsUser.Alsp).SayInGroupChatAsync(GroupChat, $"attach {id} {link}");

        Assert.Equal($"I couldn't find {id} among the requests you can see. Type my requests to list yours.", Assert.Single(reply.Texts));
        Assert.DoesNotContain(Graph.GraphRoundTrips, r => r.Path.Contains("/shares/", StringComparison.Ordinal));
        Assert.Null(drive.Find(id));
    }

    private static string GraphSharesIdOf(string link) => LegalBot.Files.GraphSharedFiles.ShareId(link);
}
