using LegalBot.Application.Requests;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using Moq;

namespace LegalBot.Application.Tests;

/// <summary>
/// The message extension's search over a strict store double: what each role reaches, and how many store queries
/// one search (one keystroke) costs.
/// </summary>
public sealed class RequestSearchTests
{
    private const string Staff = "aad-staff";
    private const string Professional = "aad-alsp";
    private static readonly Person Requester = new("aad-requester", "Business Requester");
    private static readonly Person Other = new("aad-other", "Other Requester");

    private readonly Mock<IRequestStore> requests = new(MockBehavior.Strict);

    private RequestSearch Search() => new(requests.Object, new AccessPolicy(new RoleOptions
    {
        LegalStaff = [Staff],
        Alsp = [new AlspProfessional { AadObjectId = Professional, Name = "ALSP Professional One", Firm = "Firm" }],
    }));

    private static LegalRequest Request(int number, Person requester, string title, string? counterparty = null)
    {
        var sample = SampleRequests.Nda(requester, RequestState.Submitted, version: 1);
        return sample with { Number = new RequestNumber(number), Details = sample.Details with { Title = title, Counterparty = counterparty } };
    }

    /// <summary>Newest first, as the store lists them: filed by several people.</summary>
    private static readonly LegalRequest[] Everyone =
    [
        Request(1006, Other, "Reseller agreement", "Acme Corp"),
        Request(1005, Requester, "Globex pilot NDA", "Globex"),
        Request(1004, Other, "Acme distribution NDA"),
        Request(1003, Requester, "Office lease"),
        Request(1002, Other, "Acme logo licence"),
        Request(1001, Requester, "Supplier NDA", "Initech"),
    ];

    private static List<long> Numbers(IEnumerable<LegalRequest> found) => [.. found.Select(r => r.Number.Value)];

    [Fact]
    public async Task LegalStaff_FindAnyonesRequests_ByTitleCounterpartyOrNumberText_WithOneStoreQuery()
    {
        requests.Setup(s => s.ListRecentAsync(null, RequestRules.MaxRecentPageSize, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage(Everyone, "more"));

        Assert.Equal([1006, 1004, 1002], Numbers(await Search().FindAsync(Staff, "ACME", 0, 25, CancellationToken.None)));
        Assert.Equal([1001], Numbers(await Search().FindAsync(Staff, "initech", 0, 25, CancellationToken.None)));
        Assert.Equal([1003], Numbers(await Search().FindAsync(Staff, "R-1003", 0, 25, CancellationToken.None)));
        Assert.Equal([1005, 1004], Numbers(await Search().FindAsync(Staff, null, 1, 2, CancellationToken.None)));

        requests.Verify(s => s.ListRecentAsync(null, RequestRules.MaxRecentPageSize, It.IsAny<CancellationToken>()), Times.Exactly(4));
    }

    [Fact]
    public async Task LegalStaff_AndEveryoneElse_FindANumberWithOneGet_WhenTheyMaySeeIt()
    {
        requests.Setup(s => s.GetAsync(new RequestNumber(1004), It.IsAny<CancellationToken>())).ReturnsAsync(Everyone[2]);

        Assert.Equal([1004], Numbers(await Search().FindAsync(Staff, "LR-1004", 0, 25, CancellationToken.None)));
        Assert.Empty(await Search().FindAsync(Requester.AadObjectId, "#1004", 0, 25, CancellationToken.None));
        Assert.Equal([1004], Numbers(await Search().FindAsync(Other.AadObjectId, "lr1004", 0, 25, CancellationToken.None)));

        requests.Verify(s => s.GetAsync(It.IsAny<RequestNumber>(), It.IsAny<CancellationToken>()), Times.Exactly(3));
    }

    [Fact]
    public async Task ARequester_FindsOnlyTheirOwn_NeverListingEveryRequest()
    {
        var own = Everyone.Where(r => r.Requester == Requester).ToList();
        requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, null, RequestRules.MaxPageSize, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage(own, null));

        Assert.Equal([1005, 1003, 1001], Numbers(await Search().FindAsync(Requester.AadObjectId, "", 0, 25, CancellationToken.None)));
        Assert.Empty(await Search().FindAsync(Requester.AadObjectId, "acme", 0, 25, CancellationToken.None));

        requests.Verify(s => s.ListRecentAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ARequesterWithManyRequests_ReadsAtMostTheNewest200_FourPages()
    {
        string? token = null;
        for (var page = 0; page < 4; page++)
        {
            var items = Enumerable.Range(0, RequestRules.MaxPageSize).Select(i => Request(5000 - (page * RequestRules.MaxPageSize) - i, Requester, "Lease")).ToList();
            requests.Setup(s => s.ListByRequesterAsync(Requester.AadObjectId, token, RequestRules.MaxPageSize, It.IsAny<CancellationToken>()))
                .ReturnsAsync(new RequestPage(items, $"after-page-{page}"));
            token = $"after-page-{page}";
        }

        Assert.Empty(await Search().FindAsync(Requester.AadObjectId, "no such title", 0, 25, CancellationToken.None));
        Assert.Equal(2, (await Search().FindAsync(Requester.AadObjectId, "lease", 0, 2, CancellationToken.None)).Count);

        requests.Verify(s => s.ListByRequesterAsync(Requester.AadObjectId, It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Exactly(5));
    }

    [Fact]
    public async Task AnAlspProfessional_FindsTheirOpenAssignments_NeverListingEveryRequest()
    {
        var assigned = Everyone[2] with { State = RequestState.Assigned, AssignedTo = new Person(Professional, "ALSP Professional One") };
        requests.Setup(s => s.ListByAssigneeAsync(Professional, null, RequestRules.MaxPageSize, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage([assigned], null));

        Assert.Equal([1004], Numbers(await Search().FindAsync(Professional, "acme", 0, 25, CancellationToken.None)));

        requests.Verify(s => s.ListRecentAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task LegalStaff_ScanTheNewestPageOnly_NotTheNextOne()
    {
        var page = Enumerable.Range(0, RequestRules.MaxRecentPageSize).Select(i => Request(2000 - i, Other, "Lease " + i)).ToList();
        requests.Setup(s => s.ListRecentAsync(null, RequestRules.MaxRecentPageSize, It.IsAny<CancellationToken>())).ReturnsAsync(new RequestPage(page, "next"));

        Assert.Empty(await Search().FindAsync(Staff, "no such title", 0, 25, CancellationToken.None));

        requests.Verify(s => s.ListRecentAsync(It.IsAny<string?>(), It.IsAny<int>(), It.IsAny<CancellationToken>()), Times.Once);
    }
}
