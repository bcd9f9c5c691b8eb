using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Conversations;

/// <summary><c>status</c> and <c>my requests</c>: who sees what.</summary>
public sealed class StatusTests : HostTestBase
{
    private async Task<LegalRequest> FileAsync(TeamsUser user, string title, int minute = 0)
    {
        var draft = new RequestDraft
        {
            TypeKey = "nda",
            Title = title,
            Description = "Seeded request for status tests.",
            BusinessUnit = "Sales",
            Counterparty = "Acme Corp",
            Priority = Priority.Normal,
            Fields = new Dictionary<string, string> { ["direction"] = "Mutual" },
        };
        var at = new DateTimeOffset(2026, 11, 20, 9, minute, 0, TimeSpan.Zero);
        var result = await Store.CreateAsync(new NewRequest(Guid.NewGuid().ToString("N"), draft, new Person(user.AadObjectId, user.Name, user.Email), user.TenantId, at, new DateOnly(2026, 11, 24)));
        return result.Request;
    }

    [Fact]
    public async Task Status_OfSomeoneElsesRequest_AnswersExactlyAsForAnUnknownId()
    {
        var request = await FileAsync(TeamsUser.Requester, "Requester's NDA");
        var other = As(TeamsUser.OtherRequester);

        var notYours = (await other.SayAsync($"status {request.Number}")).Texts.Single();
        var unknown = (await other.SayAsync("status LR-987654")).Texts.Single();

        Assert.Equal(unknown.Replace("LR-987654", "ID", StringComparison.Ordinal), notYours.Replace(request.Number.ToString(), "ID", StringComparison.Ordinal));
        Assert.DoesNotContain("Requester's NDA", notYours);
    }

    [Fact]
    public async Task Status_ByLegalStaff_ShowsAnyRequest()
    {
        var request = await FileAsync(TeamsUser.Requester, "Requester's NDA");

        var replies = await As(TeamsUser.LegalStaff).SayAsync($"status {request.Number}");

        var card = replies.Card.Json();
        Assert.Contains("Requester's NDA", card);
        Assert.Contains("Business Requester", card);
    }

    [Theory]
    [InlineData("status lr-1001")]
    [InlineData("LR-1001")]
    [InlineData("status LR1001")]
    public async Task Status_AcceptsTheWaysPeopleTypeIds(string text)
    {
        await FileAsync(TeamsUser.Requester, "Requester's NDA");

        var replies = await As(TeamsUser.Requester).SayAsync(text);

        Assert.Contains("Requester's NDA", replies.Card.Json());
    }

    [Fact]
    public async Task MyRequests_ListsOnlyMine_NewestFirst_Paged()
    {
        for (var i = 1; i <= 7; i++)
        {
            await FileAsync(TeamsUser.Requester, $"Mine {i}", i);
        }

        await FileAsync(TeamsUser.OtherRequester, "Not mine", 30);
        var user = As(TeamsUser.Requester);

        var first = (await user.SayAsync("my requests")).Card;
        var text = first.Json();
        Assert.True(text.IndexOf("Mine 7", StringComparison.Ordinal) < text.IndexOf("Mine 3", StringComparison.Ordinal), "newest first");
        Assert.DoesNotContain("Mine 2", text);
        Assert.DoesNotContain("Not mine", text);

        var second = (await user.SubmitAsync(BotReplies.ActionData(first, "Next page"))).Card.Json();
        Assert.Contains("Mine 2", second);
        Assert.Contains("Mine 1", second);
        Assert.DoesNotContain("Mine 7", second);
        Assert.Contains("Your requests (6–7)", second);

        var again = (await user.SubmitAsync(BotReplies.ActionData((await user.SubmitAsync(BotReplies.ActionData(first, "Next page"))).Card, "First page"))).Card.Json();
        Assert.Contains("Mine 7", again);
        Assert.Contains("Your requests (1–5)", again);
    }

    [Theory]
    [InlineData("forged-token")]
    [InlineData("s1.ffffffffffffffffffff")]
    public async Task MyRequests_AnAlteredPageButton_GivesTheFirstPageOfMyOwnRequests(string token)
    {
        await FileAsync(TeamsUser.Requester, "Mine", 1);
        await FileAsync(TeamsUser.OtherRequester, "Not mine", 2);

        var card = (await As(TeamsUser.Requester).SubmitAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["action"] = "requests.page",
            ["page"] = token,
            ["from"] = "40",
        })).Card.Json();

        Assert.Contains("Your requests (1–1)", card);
        Assert.Contains("Mine", card);
        Assert.DoesNotContain("Not mine", card);
    }

    [Fact]
    public async Task MyRequests_WhenNone_OffersToFileOne()
    {
        var replies = await As(TeamsUser.Requester).SayAsync("my requests");

        BotReplies.ActionData(replies.Card, "New request");
    }

    [Fact]
    public async Task ForgedStatusButton_ForAnotherUsersRequest_ShowsNothing()
    {
        var request = await FileAsync(TeamsUser.Requester, "Requester's NDA");

        var replies = await As(TeamsUser.OtherRequester).SubmitAsync(new System.Text.Json.Nodes.JsonObject
        {
            ["action"] = "status",
            ["id"] = request.Number.ToString(),
            ["aadObjectId"] = TeamsUser.Requester.AadObjectId,
        });

        Assert.Empty(replies.Cards);
        Assert.Contains("couldn't find", replies.Texts.Single());
    }
}
