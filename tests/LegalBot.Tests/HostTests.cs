using System.Net;
using System.Text;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests;

/// <summary>The HTTP envelope of /api/messages and the health endpoints.</summary>
public sealed class HostTests : HostTestBase
{
    [Fact]
    public async Task MalformedJson_Gets400_AndNoReply()
    {
        using var response = await Http.PostAsync("/api/messages", new StringContent("{\"type\": \"message\", \"text\": ", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(Channel.Posted(TeamsUser.Requester.PersonalConversationId));
    }

    [Fact]
    public async Task WrongFieldTypes_Get400()
    {
        var activity = As(TeamsUser.Requester).Message("hi", null);
        activity["from"] = 42;

        using var response = await As(TeamsUser.Requester).PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WrongContentType_Gets415()
    {
        using var response = await Http.PostAsync("/api/messages", new StringContent("type=message", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task HugeBody_Gets413()
    {
        var activity = As(TeamsUser.Requester).Message(new string('x', 400_000), null);

        using var response = await As(TeamsUser.Requester).PostAsync(activity);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task SixtyKilobyteMessage_GetsAClearAnswer_AndChangesNothing()
    {
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");

        var replies = await user.SayAsync(new string('a', 60 * 1024));

        Assert.Contains("too long", replies.Texts.First());
        Assert.Contains("Title", replies.Texts.Last());
    }

    [Fact]
    public async Task ActivityWithoutAadObjectId_IsRefusedPolitely()
    {
        var activity = As(TeamsUser.Requester).Message("new request", null);
        activity["from"]!.AsObject().Remove("aadObjectId");

        var replies = await As(TeamsUser.Requester).SendAsync(activity);

        Assert.Contains("signed in", replies.Texts.Single());
    }

    [Fact]
    public async Task UnknownActivityType_IsAcceptedWithoutReply()
    {
        var activity = As(TeamsUser.Requester).Message(null, null);
        activity["type"] = "somethingNew";

        var replies = await As(TeamsUser.Requester).SendAsync(activity);

        Assert.Empty(replies.Activities);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.GetAsync("/readyz")).StatusCode);
    }
}

/// <summary>The tenant allow-list applies to every activity.</summary>
public sealed class TenantAllowListTests : HostTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Bot:AllowedTenants:0"] = TeamsUser.DefaultTenant,
    };

    [Fact]
    public async Task ActivityFromAnotherTenant_Gets403_AndNoReply()
    {
        var outsider = TeamsUser.OtherRequester with { TenantId = "0b0b0b0b-0000-4000-8000-000000000000" };
        var client = As(outsider);

        using var response = await client.PostAsync(client.Message("new request", null));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(Channel.Posted(outsider.PersonalConversationId));
    }

    [Fact]
    public async Task ActivityFromAllowedTenant_IsAnswered()
    {
        var replies = await As(TeamsUser.Requester).SayAsync("help");

        Assert.NotEmpty(replies.Cards);
    }
}
