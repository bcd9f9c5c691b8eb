using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Store.Tests;
using LegalBot.Testing;
using LegalBot.Testing.Graph;

namespace LegalBot.Store.Graph.Tests;

/// <summary>
/// <see cref="GraphDocumentLibrary"/> against the fake Graph server's document library: files uploaded through upload
/// sessions into a folder per request (a large one in several ranges), a name taken kept apart, shared only with the
/// people named, read back within a cap.
/// </summary>
[Collection(GraphServerCollection.Name)]
public sealed class DocumentLibraryTests(LoopbackCertificate tls)
{
    private static readonly FakeUser Requester = new("d4e5f6a7-0000-4000-8000-000000000001", "Requester", "requester@contoso.example");
    private static readonly FakeUser Guest = new("d4e5f6a7-0000-4000-8000-000000000002", "Guest Reviewer", "reviewer@provider.example", Guest: true);
    private static readonly RequestNumber Number = new(1042);

    private static (GraphDocumentLibrary Library, FakeDrive Drive) Library(GraphTestBed bed)
    {
        var drive = bed.Server.AddDrive("Legal Documents");
        var everyone = bed.Server.AddGroup("Everyone");
        bed.Server.AddMember(everyone, Requester);
        bed.Server.AddMember(everyone, Guest);
        bed.Options.DocumentsDriveId = drive.Id;
        return (new GraphDocumentLibrary(bed.Client, Microsoft.Extensions.Options.Options.Create(bed.Options), bed.CreateUploadAdapter()), drive);
    }

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    [Fact]
    public async Task Upload_PutsTheFileInTheRequestsFolder_ALargeOneInRangesOf320KiBMultiples_WithoutTheBearerToken()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, drive) = Library(bed);
        var small = Bytes(1_000, 1);
        var large = Bytes((2 * GraphDocumentLibrary.SliceSize) + 12_345, 2);

        var first = await library.UploadAsync(Number, "NDA draft.pdf", new MemoryStream(small), CancellationToken.None);
        var second = await library.UploadAsync(Number, "Master agreement.docx", new MemoryStream(large), CancellationToken.None);

        Assert.Equal(small, drive.Find("LR-1042/NDA draft.pdf")!.Content);
        Assert.Equal(large, drive.Find("LR-1042/Master agreement.docx")!.Content);
        Assert.Equal(("NDA draft.pdf", 1_000L), (first.Name, first.SizeInBytes));
        Assert.NotNull(second.WebUrl);
        var ranges = bed.Server.UploadRanges.Where(r => r.Status is 202 or 201).ToList();
        Assert.Equal(4, ranges.Count);
        Assert.All(ranges, r => Assert.StartsWith("bytes ", r.ContentRange, StringComparison.Ordinal));
        Assert.DoesNotContain(bed.Server.UploadRanges, r => r.Status == 401);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Upload_ANameAlreadyInTheFolder_IsKeptApart_NotReplaced()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, drive) = Library(bed);

        await library.UploadAsync(Number, "Contract.docx", new MemoryStream(Bytes(10, 1)), CancellationToken.None);
        var marked = await library.UploadAsync(Number, "Contract.docx", new MemoryStream(Bytes(20, 2)), CancellationToken.None);

        Assert.Equal("Contract 1.docx", marked.Name);
        Assert.Equal(10, drive.Find("LR-1042/Contract.docx")!.Content.Length);
        Assert.Equal(20, drive.Find("LR-1042/Contract 1.docx")!.Content.Length);
    }

    [Fact]
    public async Task Share_GivesOnlyThePeopleNamed_TheRoleAsked_SignedIn_WithoutAnEmail()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, drive) = Library(bed);
        var file = await library.UploadAsync(Number, "NDA.pdf", new MemoryStream(Bytes(10, 1)), CancellationToken.None);

        await library.ShareAsync(file.ItemId, [Requester.Id], write: false, CancellationToken.None);
        await library.ShareAsync(file.ItemId, [Guest.Id], write: true, CancellationToken.None);

        Assert.Equal(
            new Dictionary<string, string> { [Requester.Id] = "read", [Guest.Id] = "write" },
            drive.Find("LR-1042/NDA.pdf")!.SharedWith);
        Assert.False(drive.Find("LR-1042/NDA.pdf")!.InheritsPermissions, "the library's members lose access to the file");
        var invite = bed.Server.GraphRoundTrips.Last(r => r.Path.EndsWith("/invite", StringComparison.Ordinal));
        Assert.Contains("\"requireSignIn\":true", invite.Body, StringComparison.Ordinal);
        Assert.Contains("\"sendInvitation\":false", invite.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_ReturnsTheBytes_NullWhenGoneOrOverTheCap()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, _) = Library(bed);
        var bytes = Bytes(5_000, 3);
        var file = await library.UploadAsync(Number, "Redline.docx", new MemoryStream(bytes), CancellationToken.None);

        Assert.Equal(bytes, await library.ReadAsync(file.ItemId, 10_000, CancellationToken.None));
        Assert.Null(await library.ReadAsync(file.ItemId, 4_999, CancellationToken.None));
        Assert.Null(await library.ReadAsync("0123456789ABCDEF", 10_000, CancellationToken.None));
    }

    [Fact]
    public async Task GraphThrottling_PastTheRetryBudget_IsUnavailable_AndNothingIsKept()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, drive) = Library(bed);
        bed.Server.AddFault(new GraphFault(429, RetryAfter: TimeSpan.FromSeconds(30), PathContains: "/createUploadSession", Times: int.MaxValue));

        await Assert.ThrowsAsync<RequestStoreUnavailableException>(
            () => library.UploadAsync(Number, "NDA.pdf", new MemoryStream(Bytes(10, 1)), CancellationToken.None));

        Assert.Null(drive.Find("LR-1042"));
    }

    [Fact]
    public async Task Grants_ListOnlyTheSharingsOnTheFile_AndRevoke_TakesOneOff()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        var (library, drive) = Library(bed);
        var file = await library.UploadAsync(Number, "NDA.pdf", new MemoryStream(Bytes(10, 1)), CancellationToken.None);
        Assert.Empty(await library.GrantsAsync(file.ItemId, CancellationToken.None));

        await library.ShareAsync(file.ItemId, [Requester.Id, Guest.Id], write: false, CancellationToken.None);
        var grants = await library.GrantsAsync(file.ItemId, CancellationToken.None);
        Assert.Equal([Requester.Id, Guest.Id], grants.Select(g => g.PrincipalId).Order(StringComparer.Ordinal));

        await library.RevokeAsync(file.ItemId, grants.Single(g => g.PrincipalId == Guest.Id).PermissionId, CancellationToken.None);
        await library.RevokeAsync(file.ItemId, grants.Single(g => g.PrincipalId == Guest.Id).PermissionId, CancellationToken.None);

        Assert.Equal(new Dictionary<string, string> { [Requester.Id] = "read" }, drive.Find("LR-1042/NDA.pdf")!.SharedWith);
        Assert.Empty(bed.Server.Unknown);
    }

    [Fact]
    public async Task Store_KeepsTheFileInTheLibrary_AndItsRowInTheIndex_UnderTheNameTheLibraryGaveIt()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        using var local = new TempDatabase();
        var (library, drive) = Library(bed);
        var store = Store(library, local);
        var first = Document("Contract.docx", 10);
        var second = Document("Contract.docx", 20) with { AddedAt = DateTimeOffset.UnixEpoch.AddMinutes(1) };

        await store.AddAsync(first, new MemoryStream(Bytes(10, 1)));
        await store.AddAsync(second, new MemoryStream(Bytes(20, 2)));

        var listed = await store.ListAsync(Number);
        Assert.Equal(["Contract.docx", "Contract 1.docx"], listed.Select(d => d.Name));
        Assert.All(listed, d => Assert.StartsWith("https://contoso.sharepoint.com/", d.WebUrl, StringComparison.Ordinal));
        Assert.Equal(drive.Find("LR-1042/Contract 1.docx")!.Id, (await store.FindAsync(second.Id))!.LibraryItemId);
        Assert.Equal(Bytes(20, 2), await store.ReadAsync(listed[1]));
        Assert.False(Directory.Exists(Path.Combine(Path.GetDirectoryName(local.FilePath)!, "documents")), "no bytes beside the local file");
    }

    [Fact]
    public async Task Share_GivesExactlyTheParties_AndTakesItFromWhoeverIsNoLongerOne()
    {
        await using var bed = await GraphTestBed.StartAsync(tls);
        using var local = new TempDatabase();
        var (library, drive) = Library(bed);
        var legal = bed.Server.AddGroup("Legal team");
        var store = Store(library, local);
        var nda = Document("NDA.pdf", 10);
        var redline = Document("Redline.docx", 10);
        await store.AddAsync(nda, new MemoryStream(Bytes(10, 1)));
        await store.AddAsync(redline, new MemoryStream(Bytes(10, 2)));

        Assert.Equal(1, await store.ShareAsync(Number, [Requester.Id, legal.Id], nda.Id));
        Assert.Equal(new Dictionary<string, string> { [Requester.Id] = "read", [legal.Id] = "read" }, drive.Find("LR-1042/NDA.pdf")!.SharedWith);
        Assert.Empty(drive.Find("LR-1042/Redline.docx")!.SharedWith);

        // Assigned to the guest: both files; then reassigned away from them: the guest loses both, nobody else changes.
        Assert.Equal(2, await store.ShareAsync(Number, [Requester.Id, legal.Id, Guest.Id]));
        Assert.Equal(2, await store.ShareAsync(Number, [Requester.Id, legal.Id]));

        foreach (var name in new[] { "NDA.pdf", "Redline.docx" })
        {
            var file = drive.Find("LR-1042/" + name)!;
            Assert.Equal(new Dictionary<string, string> { [Requester.Id] = "read", [legal.Id] = "read" }, file.SharedWith);
            Assert.False(file.InheritsPermissions);
        }

        Assert.Equal(0, await store.ShareAsync(new RequestNumber(7), [Requester.Id], nda.Id));
        Assert.Empty(bed.Server.Unknown);
    }

    private static LibraryDocumentStore Store(GraphDocumentLibrary library, TempDatabase local) => new(
        library,
        new LegalBot.Store.Sqlite.SqliteDocumentStore(local.Open(enforceRequestReferences: false), Microsoft.Extensions.Logging.Abstractions.NullLogger<LegalBot.Store.Sqlite.SqliteDocumentStore>.Instance),
        Microsoft.Extensions.Logging.Abstractions.NullLogger<LibraryDocumentStore>.Instance);

    private static LegalBot.Core.Documents.RequestDocument Document(string name, long size) =>
        new(LegalBot.Core.Documents.RequestDocument.NewId(), Number, name, Path.GetExtension(name).TrimStart('.'), size, new Person(Requester.Id, Requester.DisplayName), DateTimeOffset.UnixEpoch);
}
