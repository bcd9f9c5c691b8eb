using LegalBot.Application.Documents;
using LegalBot.Application.Workflow;
using LegalBot.Core.Access;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace LegalBot.Application.Tests;

/// <summary>
/// A file kept where the store shares files from a library goes to the request's parties at once; if they changed
/// while it was being kept (a reassignment whose own sharing may have run before the file was listed), the outbox
/// shares the request's files again with the parties as they are now.
/// </summary>
public sealed class DocumentSharingTests
{
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly Person Former = new("aad-alsp-1", "ALSP Professional One");
    private static readonly Person Next = new("aad-alsp-2", "ALSP Professional Two");
    private static readonly byte[] Pdf = "%PDF-1.7\n%%EOF\n"u8.ToArray();

    private readonly Mock<IRequestStore> requests = new(MockBehavior.Strict);
    private readonly Mock<IDocumentStore> documents = new(MockBehavior.Strict);
    private readonly Mock<INotificationStore> outbox = new(MockBehavior.Strict);
    private readonly List<IReadOnlyCollection<string>> sharedWith = [];
    private readonly List<Notification> queued = [];

    private DocumentService Service()
    {
        var access = new AccessPolicy(new RoleOptions
        {
            LegalStaff = ["aad-staff"],
            Alsp = [new AlspProfessional { AadObjectId = Former.AadObjectId, Name = Former.Name }, new AlspProfessional { AadObjectId = Next.AadObjectId, Name = Next.Name }],
        });
        documents.Setup(d => d.AddAsync(It.IsAny<RequestDocument>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);
        documents.Setup(d => d.FindAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((RequestDocument?)null);
        documents.As<IDocumentSharing>()
            .Setup(s => s.ShareAsync(It.IsAny<RequestNumber>(), It.IsAny<IReadOnlyCollection<string>>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .Callback((RequestNumber _, IReadOnlyCollection<string> parties, string? _, CancellationToken _) => sharedWith.Add(parties))
            .ReturnsAsync(1);
        outbox.Setup(o => o.EnqueueAsync(It.IsAny<IReadOnlyList<Notification>>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback((IReadOnlyList<Notification> rows, DateTimeOffset _, CancellationToken _) => queued.AddRange(rows))
            .Returns(Task.CompletedTask);
        var downloads = new Mock<IFileDownloads>(MockBehavior.Strict);
        downloads.Setup(d => d.DownloadAsync("https://files.example/1", It.IsAny<long>(), It.IsAny<Stream>(), It.IsAny<CancellationToken>()))
            .Returns(async (string _, long _, Stream destination, CancellationToken cancellationToken) =>
            {
                await destination.WriteAsync(Pdf, cancellationToken);
                return DownloadOutcome.Downloaded;
            });
        return new DocumentService(
            requests.Object,
            access,
            Options.Create(new DocumentOptions()),
            new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero)),
            NullLogger<DocumentService>.Instance,
            documents.Object,
            downloads.Object,
            outbox.Object);
    }

    private Task<AttachOutcome> AttachAsync() =>
        Service().AttachAsync(Requester, new RequestNumber(1042), new IncomingFile("Redline.pdf", "pdf", "https://files.example/1"), CancellationToken.None);

    [Fact]
    public async Task AReassignmentLandingWhileTheFileIsKept_QueuesTheRequestsSharingAgain()
    {
        requests.SetupSequence(r => r.GetAsync(new RequestNumber(1042), It.IsAny<CancellationToken>()))
            .ReturnsAsync(SampleRequests.Nda(Requester, RequestState.InProgress, Former))
            .ReturnsAsync(SampleRequests.Nda(Requester, RequestState.Assigned, Next, version: 4));

        Assert.IsType<AttachOutcome.Kept>(await AttachAsync());

        Assert.Contains(Former.AadObjectId, Assert.Single(sharedWith));
        var again = Assert.Single(queued, n => n.Kind == NotificationKinds.ShareDocuments);
        Assert.Equal(new RequestNumber(1042), again.Number);
    }

    [Fact]
    public async Task PartiesUnchanged_NothingMoreIsQueuedForSharing()
    {
        requests.Setup(r => r.GetAsync(new RequestNumber(1042), It.IsAny<CancellationToken>()))
            .ReturnsAsync(SampleRequests.Nda(Requester, RequestState.InProgress, Former));

        Assert.IsType<AttachOutcome.Kept>(await AttachAsync());

        Assert.Equal([Former.AadObjectId, Requester.AadObjectId, "aad-staff"], Assert.Single(sharedWith).Order(StringComparer.Ordinal));
        Assert.DoesNotContain(queued, n => n.Kind == NotificationKinds.ShareDocuments);
    }
}
