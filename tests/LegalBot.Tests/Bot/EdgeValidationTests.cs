using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests.Bot;

/// <summary>
/// Activities of the wrong shape are stopped at /api/messages before any handler runs: a 400 with a short reason,
/// or for a card action with bad data an error invoke response; one Warning with the ids escaped; no reply, no
/// call to the channel, nothing at Error.
/// </summary>
public sealed class EdgeValidationTests : HostTestBase
{
    private const int ActivityRefusedEvent = 1009;

    private TeamsClient Requester => As(TeamsUser.Requester);

    [Fact]
    public async Task TenantIdOfTheWrongType_Gets400_NamingTheField_AndOneWarning()
    {
        var activity = Requester.Message("help", null);
        activity["channelData"]!["tenant"]!["id"] = new JsonObject { ["id"] = TeamsUser.DefaultTenant };

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("channelData.tenant.id must be an id", (string?)body!["title"], StringComparison.Ordinal);
        var refused = Assert.Single(Logs.Entries, e => e.EventId.Id == ActivityRefusedEvent);
        Assert.Equal(LogLevel.Warning, refused.Level);
        AssertNothingHappened();
    }

    [Fact]
    public async Task IdsWithFormatCharacters_AreRefused_AndLoggedEscaped()
    {
        var activity = Requester.Message("help", null);
        activity["id"] = "1732\u200B612345678";
        activity["conversation"]!["id"] = "a:\u202Eevil";

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var refused = Assert.Single(Logs.Entries, e => e.EventId.Id == ActivityRefusedEvent).Message;
        Assert.Contains("1732\\u200B612345678", refused, StringComparison.Ordinal);
        Assert.Contains("a:\\u202Eevil", refused, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', refused);
        Assert.DoesNotContain('\u200B', refused);
        AssertNothingHappened();
    }

    [Fact]
    public async Task NonAsciiServiceUrl_IsRefused_AndNothingIsSentThere()
    {
        var activity = Requester.Message("help", null);
        activity["serviceUrl"] = Channel.ServiceUrl + "\u00e9/";

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData("""{ "action": "request.refresh", "trigger": "manual" }""", "value.action must be an object.")]
    [InlineData("""{ "action": { "type": "Action.Execute", "verb": { "x": 1 } } }""", "value.action.verb must be a string.")]
    [InlineData(null, "The card action has no value object.")]
    public async Task CardActionWithWrongData_IsAnsweredWithAnErrorOnTheCard(string? value, string reason)
    {
        var activity = Requester.Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = "adaptiveCard/action";
        if (value is not null)
        {
            activity["value"] = JsonNode.Parse(value);
        }

        var (status, body) = await PostAsync(activity);

        // Teams expects HTTP 200 for adaptiveCard/action and shows the error response it carries.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(400, (int)body!["statusCode"]!);
        Assert.Equal("application/vnd.microsoft.error", (string?)body["type"]);
        Assert.Equal("BadRequest", (string?)body["value"]!["code"]);
        Assert.Contains(reason, (string?)body["value"]!["message"], StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, Assert.Single(Logs.Entries, e => e.EventId.Id == ActivityRefusedEvent).Level);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData("composeExtension/queryLink", null)]
    [InlineData("signin/verifyState", "{ \"state\": \"1\" }")]
    public async Task InvokesTheBotDoesNotHandle_Get400WithABody_Never501(string name, string? value)
    {
        var activity = Requester.Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = name;
        if (value is not null)
        {
            activity["value"] = JsonNode.Parse(value);
        }

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("LegalBot does not handle this kind of invoke.", (string?)body!["title"]);
        AssertNothingHappened();
    }

    [Theory]
    [InlineData("\"accept\"", "The file consent answer has no value object.")]
    [InlineData("""{ "type": "fileUpload", "action": "accept", "context": {} }""", "value.uploadInfo is required when the file is accepted.")]
    [InlineData("""{ "type": "fileUpload", "action": "accept", "uploadInfo": { "name": "a.csv", "uniqueId": "1", "uploadUrl": "ftp://x/y", "contentUrl": "https://x/y" } }""", "value.uploadInfo.uploadUrl must be an absolute http(s) URL")]
    public async Task FileConsentAnswerOfAnotherShape_Gets400_NamingTheField(string value, string reason)
    {
        var activity = Requester.Message(null, null);
        activity["type"] = "invoke";
        activity["name"] = "fileConsent/invoke";
        activity["value"] = JsonNode.Parse(value);

        var (status, body) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.StartsWith(reason, (string?)body!["title"], StringComparison.Ordinal);
        Assert.Equal(LogLevel.Warning, Assert.Single(Logs.Entries, e => e.EventId.Id == ActivityRefusedEvent).Level);
        AssertNothingHappened();
        Assert.Equal(0, Channel.OneDrive.Requests);
    }

    [Fact]
    public async Task FileConsentDecline_AsTeamsSendsIt_IsAdmitted_AndAnswered200()
    {
        var activity = TeamsActivities.FileConsent(TeamsUser.Requester, Channel.ServiceUrl, "decline-1", "decline", new JsonObject { ["exportId"] = "0123456789abcdef0123456789abcdef" }, null, null);

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.DoesNotContain(Logs.Entries, e => e.EventId.Id == ActivityRefusedEvent);
    }

    [Fact]
    public async Task ReadReceiptWithoutValue_IsAcknowledged_WithoutAnyTurn()
    {
        var activity = Requester.Message(null, null);
        activity["type"] = "event";
        activity["name"] = "application/vnd.microsoft.readReceipt";

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        AssertNothingHappened();
    }

    [Fact]
    public async Task AddedToATeamWithMembersGoneFromTheRoster_WelcomesTheChannel_WithoutRosterLookups()
    {
        var install = Requester.Installed();
        const string channelId = "19:legal-general@thread.tacv2";
        install["conversation"] = new JsonObject { ["conversationType"] = "channel", ["id"] = channelId, ["tenantId"] = TeamsUser.DefaultTenant, ["isGroup"] = true };
        install["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "28:legalbot" }, new JsonObject { ["id"] = "29:left-already" });
        install["channelData"] = new JsonObject { ["eventType"] = "teamMemberAdded", ["tenant"] = new JsonObject { ["id"] = TeamsUser.DefaultTenant } };

        var (status, _) = await PostAsync(install);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(Channel.Posted(channelId), a => ((string?)a["text"])?.StartsWith("Hello, legal team", StringComparison.Ordinal) == true);
        Assert.DoesNotContain(Logs.Entries, e => e.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task ChannelRefusingTheReply_IsAWarning_WithoutAnApologyToTheSamePlace()
    {
        var activity = Requester.Message("help", null);
        activity["serviceUrl"] = Channel.ServiceUrl + "gone/";

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        var refused = Assert.Single(Logs.Entries, e => e.EventId.Id == 1010);
        Assert.Equal(LogLevel.Warning, refused.Level);
        Assert.DoesNotContain(Logs.Entries, e => e.Level >= LogLevel.Error);

        // The reply was refused once; no apology followed it there.
        var calls = Channel.TakeUnexpected();
        Assert.Single(calls);
        Assert.StartsWith("POST /gone/v3/conversations/", calls[0], StringComparison.Ordinal);
        Assert.NotEmpty((await Requester.SayAsync("help")).Cards);
    }

    [Fact]
    public async Task AfterRefusals_ThePlainUserIsStillAnswered()
    {
        var broken = Requester.Message("help", null);
        broken["membersAdded"] = new JsonArray((JsonNode?)null);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(broken)).Status);

        Assert.NotEmpty((await Requester.SayAsync("help")).Cards);
    }

    private Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(JsonObject activity) => Requester.AnswerAsync(activity);

    /// <summary>No reply, no call to the channel, nothing logged at Error.</summary>
    private void AssertNothingHappened()
    {
        Assert.Empty(Channel.Calls);
        Assert.Empty(Channel.Posted(TeamsUser.Requester.PersonalConversationId));
        Assert.DoesNotContain(Logs.Entries, e => e.Level >= LogLevel.Error || e.Exception is not null);
    }
}
