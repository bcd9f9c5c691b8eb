using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Store.Tests;

/// <summary>The behaviour every <see cref="IRequestStore"/> must have, run against each backend.</summary>
public abstract partial class RequestStoreContract<TBackend> : StoreContract<TBackend>
    where TBackend : IStoreBackend, new()
{
    protected static readonly Person Requester = new("aad-requester", "Business Requester", "requester@contoso.example");
    protected static readonly Person SecondRequester = new("aad-second-requester", "Second Requester", "requester2@contoso.example");
    protected static readonly DateOnly Target = new(2025, 3, 14);

    protected IRequestStore Store => Requests;

    protected static RequestDraft Draft(string title = "NDA with Fabrikam") => new()
    {
        TypeKey = "nda",
        Title = title,
        Description = "Mutual NDA for the pilot.",
        BusinessUnit = "Sales",
        Counterparty = "Fabrikam Ltd",
        Priority = Priority.Normal,
        RequestedDueDate = new DateOnly(2025, 3, 20),
        Fields = new Dictionary<string, string> { ["ndaType"] = "mutual" },
    };

    protected NewRequest NewRequest(string? submissionKey = null, Person? requester = null, RequestDraft? details = null) =>
        new(submissionKey ?? Guid.NewGuid().ToString("N"), details ?? Draft(), requester ?? Requester, "tenant-1", Time.GetUtcNow(), Target);

    protected async Task<LegalRequest> CreateAsync(Person? requester = null, string? submissionKey = null)
    {
        var result = await Store.CreateAsync(NewRequest(submissionKey, requester));
        Time.Advance(TimeSpan.FromMinutes(1));
        return result.Request;
    }

    /// <summary>Every request of the requester, following continuation tokens page by page.</summary>
    protected Task<List<LegalRequest>> ListAllAsync(string requesterAadObjectId, int take = RequestRules.MaxPageSize) =>
        FollowAsync(token => Store.ListByRequesterAsync(requesterAadObjectId, token, take));

    /// <summary>Every item of a listing, following its continuation tokens page by page from the first.</summary>
    protected static async Task<List<LegalRequest>> FollowAsync(Func<string?, Task<RequestPage>> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        var all = new List<LegalRequest>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await next(token);
            all.AddRange(page.Items);
            token = page.ContinuationToken;
            Assert.True(++pages <= 1_000, "The listing never ended.");
        }
        while (token is not null);

        return all;
    }

    /// <summary>A listing that pages the same way whatever it selects: the requester's requests, or every request.</summary>
    private Func<string?, int, Task<RequestPage>> Listing(string name) => name switch
    {
        ByRequester => (token, take) => Store.ListByRequesterAsync(Requester.AadObjectId, token, take),
        Recent => (token, take) => Store.ListRecentAsync(token, take),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "No such listing."),
    };

    private const string ByRequester = "by requester";
    private const string Recent = "every request";

    [Fact]
    public async Task Create_GivesUniqueFriendlyNumbers_ThatIncrease()
    {
        var first = await CreateAsync();
        var second = await CreateAsync();
        var third = await CreateAsync(SecondRequester);

        // The contract promises neither where numbers start nor that they have no gaps.
        Assert.Matches("^LR-[1-9][0-9]*$", first.Number.ToString());
        Assert.True(second.Number.Value > first.Number.Value);
        Assert.True(third.Number.Value > second.Number.Value);
    }

    [Fact]
    public async Task Create_FilesInSubmittedStateAtVersionOne()
    {
        var request = NewRequest();

        var result = await Store.CreateAsync(request);

        Assert.True(result.Created);
        Assert.Equal(RequestState.Submitted, result.Request.State);
        Assert.Equal(1, result.Request.Version);
        Assert.Null(result.Request.AssignedTo);
        Assert.Equal(request.At, result.Request.CreatedAt);
        Assert.Equal(request.At, result.Request.UpdatedAt);
    }

    [Fact]
    public async Task Create_FilesWithoutCompletionHoursOrRating()
    {
        var created = await CreateAsync();

        foreach (var actual in new[] { created, await Store.GetAsync(created.Number) })
        {
            Assert.NotNull(actual);
            Assert.Null(actual.CompletedAt);
            Assert.Null(actual.HoursSpent);
            Assert.Null(actual.Rating);
            Assert.Null(actual.RatingComment);
        }
    }

    [Fact]
    public async Task Create_SameSubmissionKeyTwice_ReturnsTheFirstRequest_NotCreated()
    {
        var first = await Store.CreateAsync(NewRequest("key-1"));
        Time.Advance(TimeSpan.FromSeconds(3));

        var second = await Store.CreateAsync(NewRequest("key-1", details: Draft("A different title")));

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(first.Request.Number, second.Request.Number);
        Assert.Equal("NDA with Fabrikam", second.Request.Details.Title);
        Assert.Equal(first.Request.CreatedAt, second.Request.CreatedAt);
        Assert.Single(await ListAllAsync(Requester.AadObjectId));
        Assert.Single(await Store.GetHistoryAsync(first.Request.Number));
    }

    [Fact]
    public async Task Create_TwentyConcurrentCallsWithOneKey_FileExactlyOneRequest()
    {
        var request = NewRequest("double-click");

        var results = await Task.WhenAll(
            Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.CreateAsync(request))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Request.Number).Distinct());
        Assert.Single(await ListAllAsync(Requester.AadObjectId));
        Assert.Single(await Store.GetHistoryAsync(results[0].Request.Number));
    }

    [Fact]
    public async Task Create_ConcurrentCallsWithDifferentKeys_GetDistinctNumbers()
    {
        var requests = Enumerable.Range(0, 20).Select(i => NewRequest("key-" + i)).ToList();

        var results = await Task.WhenAll(requests.Select(r => Task.Run(() => Store.CreateAsync(r))));

        Assert.All(results, r => Assert.True(r.Created));
        Assert.Equal(20, results.Select(r => r.Request.Number).Distinct().Count());
        Assert.Equal(20, (await ListAllAsync(Requester.AadObjectId)).Count);
    }

    [Fact]
    public async Task Get_UnknownNumber_ReturnsNull()
    {
        await CreateAsync();

        Assert.Null(await Store.GetAsync(new RequestNumber(999_999)));
    }

    [Fact]
    public async Task Get_KnownNumber_ReturnsTheRequest()
    {
        var created = await CreateAsync();

        var found = await Store.GetAsync(created.Number);

        Assert.NotNull(found);
        Assert.Equal(created.Number, found.Number);
        Assert.Equal(created.Details.Title, found.Details.Title);
    }

    [Fact]
    public async Task FindBySubmissionKey_ReturnsTheRequest_OrNullWhenUnknown()
    {
        var created = await CreateAsync(submissionKey: "known-key");

        var found = await Store.FindBySubmissionKeyAsync("known-key");

        Assert.Equal(created.Number, found?.Number);
        Assert.Null(await Store.FindBySubmissionKeyAsync("unknown-key"));
    }

    [Theory]
    [InlineData(ByRequester)]
    [InlineData(Recent)]
    public async Task List_ReturnsNewestFirst_PageByPageByContinuationToken(string listing)
    {
        var list = Listing(listing);
        var created = new List<LegalRequest>();
        for (var i = 0; i < 7; i++)
        {
            created.Add(await CreateAsync());
        }

        var newestFirst = created.Select(r => r.Number).Reverse().ToList();

        var first = await list(null, 3);
        var second = await list(first.ContinuationToken, 3);
        var last = await list(second.ContinuationToken, 3);

        Assert.Equal(newestFirst.Take(3), first.Items.Select(r => r.Number));
        Assert.Equal(newestFirst.Skip(3).Take(3), second.Items.Select(r => r.Number));
        Assert.Equal(newestFirst.Skip(6), last.Items.Select(r => r.Number));
        Assert.True(first.HasMore);
        Assert.True(second.HasMore);
        Assert.Null(last.ContinuationToken);
        Assert.False(last.HasMore);
    }

    [Theory]
    [InlineData(ByRequester)]
    [InlineData(Recent)]
    public async Task List_RequestsFiledWhilePaging_NeitherRepeatNorHideRows(string listing)
    {
        var list = Listing(listing);
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync();
        }

        var first = await list(null, 2);
        var filedMeanwhile = await CreateAsync();
        var rest = await list(first.ContinuationToken, 2);

        Assert.Equal(4, first.Items.Concat(rest.Items).Select(r => r.Number).Distinct().Count());
        Assert.DoesNotContain(filedMeanwhile.Number, rest.Items.Select(r => r.Number));
        Assert.Null(rest.ContinuationToken);
        Assert.Equal(filedMeanwhile.Number, (await list(null, 2)).Items[0].Number);
    }

    [Theory]
    [InlineData(ByRequester)]
    [InlineData(Recent)]
    public async Task List_AnExactlyFullLastPage_EndsTheListing(string listing)
    {
        var list = Listing(listing);
        for (var i = 0; i < 4; i++)
        {
            await CreateAsync();
        }

        var first = await list(null, 2);
        var second = await list(first.ContinuationToken, 2);

        // A store may hand out a token that leads to an empty page; following it must end the listing.
        var after = second.ContinuationToken is { } token ? await list(token, 2) : null;
        Assert.Equal(2, second.Items.Count);
        Assert.True(after is null || (after.Items.Count == 0 && after.ContinuationToken is null));
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(-5, 1)]
    [InlineData(51, 50)]
    [InlineData(int.MaxValue, 50)]
    public async Task List_ClampsTakeToOneThroughFifty(int take, int expectedTake)
    {
        for (var i = 0; i < 52; i++)
        {
            await Store.CreateAsync(NewRequest());
        }

        var page = await Store.ListByRequesterAsync(Requester.AadObjectId, null, take);

        Assert.Equal(expectedTake, page.Items.Count);
        Assert.True(page.HasMore);
        Assert.Equal(52, (await ListAllAsync(Requester.AadObjectId, take)).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("s1.zz")]
    [InlineData("s1.-5")]
    [InlineData("p1.-5")]
    [InlineData("https://graph.microsoft.com/v1.0/sites/x/lists/y/items?$skiptoken=1")]
    public async Task List_WithATokenItDidNotIssue_IsRejected(string token)
    {
        await CreateAsync();

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(
            () => Store.ListByRequesterAsync(Requester.AadObjectId, token, 10));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => Store.ListRecentAsync(token, 10));
    }

    [Theory]
    [InlineData(ByRequester)]
    [InlineData(Recent)]
    public async Task List_WithAnAlteredToken_IsRejected(string listing)
    {
        var list = Listing(listing);
        for (var i = 0; i < 3; i++)
        {
            await CreateAsync();
        }

        var token = (await list(null, 1)).ContinuationToken!;

        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => list(token + "!", 10));
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() => list("x" + token, 10));
        Assert.Equal(2, (await list(token, 10)).Items.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public async Task Create_WithBlankSubmissionKey_IsRejected(string key)
    {
        await Assert.ThrowsAnyAsync<ArgumentException>(() => Store.CreateAsync(NewRequest(key)));

        Assert.Empty(await ListAllAsync(Requester.AadObjectId));
    }

    [Fact]
    public async Task List_ExcludesOtherRequestersRequests()
    {
        var requesters = await CreateAsync(Requester);
        var secondRequests = await CreateAsync(SecondRequester);

        var requesterPage = await Store.ListByRequesterAsync(Requester.AadObjectId, null, 10);
        var secondPage = await Store.ListByRequesterAsync(SecondRequester.AadObjectId, null, 10);
        var nobodyPage = await Store.ListByRequesterAsync("aad-nobody", null, 10);

        Assert.Equal([requesters.Number], requesterPage.Items.Select(r => r.Number));
        Assert.Equal([secondRequests.Number], secondPage.Items.Select(r => r.Number));
        Assert.False(requesterPage.HasMore);
        Assert.Empty(nobodyPage.Items);
        Assert.False(nobodyPage.HasMore);
    }

    [Fact]
    public async Task History_StartsWithTheCreatedEntry_ByTheRequester()
    {
        var request = NewRequest();
        var created = (await Store.CreateAsync(request)).Request;

        var history = await Store.GetHistoryAsync(created.Number);

        var entry = Assert.Single(history);
        Assert.Equal(created.Number, entry.Number);
        Assert.Equal("created", entry.Action);
        Assert.Equal(Requester, entry.Actor);
        Assert.Null(entry.FromState);
        Assert.Equal(RequestState.Submitted, entry.ToState);
        Assert.True(entry.At.EqualsExact(request.At));
        Assert.Null(entry.Note);
    }

    [Fact]
    public async Task History_OfUnknownRequest_IsEmpty()
    {
        await CreateAsync();

        Assert.Empty(await Store.GetHistoryAsync(new RequestNumber(999_999)));
    }

    [Fact]
    public async Task Create_RoundTripsEveryField_IncludingHostileText()
    {
        const string injection = "'; DROP TABLE requests; --";
        var details = new RequestDraft
        {
            TypeKey = "contract-review",
            Title = "Contrat « Müller & Søn » — 契約 \"review\" " + injection,
            Description = string.Concat(Enumerable.Repeat("Ünïcödé 🚀 'q' \"dq\" \\ ", 200))[..4000],
            BusinessUnit = "R&D \"Labs\"",
            Counterparty = injection,
            Priority = Priority.Urgent,
            RequestedDueDate = new DateOnly(2025, 12, 31),
            Fields = new Dictionary<string, string>
            {
                ["contractValue"] = "125000.50",
                ["notes"] = "line one\nline two\t\"quoted\" 'single' " + injection,
                ["日本語"] = "値 🚀",
                ["empty"] = string.Empty,
            },
        };
        var requester = new Person("aad-'quote\"", "Zoë O'Brien \"ZB\"", "zoe.o'brien@contoso.example");
        var at = new DateTimeOffset(2025, 6, 30, 23, 59, 58, TimeSpan.FromHours(5.5)).AddTicks(1_234_567);
        var request = new NewRequest("key-" + injection, details, requester, "tenant-ü", at, new DateOnly(2025, 7, 4));

        var created = (await Store.CreateAsync(request)).Request;
        var reloaded = await Store.GetAsync(created.Number);
        var byKey = await Store.FindBySubmissionKeyAsync(request.SubmissionKey);
        var listed = Assert.Single((await Store.ListByRequesterAsync(requester.AadObjectId, null, 10)).Items);

        Assert.Equal(4000, details.Description.Length);
        foreach (var actual in new[] { created, reloaded, byKey, listed })
        {
            Assert.NotNull(actual);
            Assert.Equal(created.Number, actual.Number);
            Assert.Equal(details with { Fields = actual.Details.Fields }, actual.Details);
            Assert.Equal(
                details.Fields.OrderBy(f => f.Key, StringComparer.Ordinal),
                actual.Details.Fields.OrderBy(f => f.Key, StringComparer.Ordinal));
            Assert.Equal(requester, actual.Requester);
            Assert.Equal("tenant-ü", actual.TenantId);
            Assert.Equal(RequestState.Submitted, actual.State);
            Assert.Null(actual.AssignedTo);
            Assert.True(actual.CreatedAt.EqualsExact(at), $"CreatedAt was {actual.CreatedAt:o}");
            Assert.True(actual.UpdatedAt.EqualsExact(at), $"UpdatedAt was {actual.UpdatedAt:o}");
            Assert.Equal(new DateOnly(2025, 7, 4), actual.TargetDate);
            Assert.Equal(1, actual.Version);
        }

        // The injection text was data, not SQL: the table is still there and still works.
        Assert.True((await CreateAsync()).Number.Value > created.Number.Value);
    }

    [Fact]
    public async Task Create_RoundTripsAbsentOptionalFields()
    {
        var details = Draft() with { Counterparty = null, RequestedDueDate = null, Fields = new Dictionary<string, string>() };
        var requester = new Person("aad-third-requester", "Third Requester");
        var request = new NewRequest("key-minimal", details, requester, null, Time.GetUtcNow(), Target);

        await Store.CreateAsync(request);
        var reloaded = await Store.FindBySubmissionKeyAsync("key-minimal");

        Assert.NotNull(reloaded);
        Assert.Null(reloaded.Details.Counterparty);
        Assert.Null(reloaded.Details.RequestedDueDate);
        Assert.Empty(reloaded.Details.Fields);
        Assert.Null(reloaded.Requester.Email);
        Assert.Null(reloaded.TenantId);
        Assert.Equal(requester, Assert.Single(await Store.GetHistoryAsync(reloaded.Number)).Actor);
    }

    [Fact]
    public async Task Ping_WhenTheStoreIsAvailable_Succeeds()
    {
        var exception = await Record.ExceptionAsync(() => Store.PingAsync());

        Assert.Null(exception);
    }
}
