using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.MessageExtensions;

/// <summary>
/// The "Send to legal" message action, over real HTTP with the invokes Teams sends from a channel message:
/// <c>composeExtension/fetchTask</c> opens the dialog prefilled from the message, <c>composeExtension/submitAction</c>
/// carries each step, files the request as the bot chat does, and answers with a note the user may post in the thread.
/// </summary>
public sealed class SendToLegalTests : HostTestBase
{
    private const string Command = "sendToLegal";

    private const string ForwardedEmail =
        "<p>Hi <at id=\"0\">Legal Counsel</at>, Acme sent us their NDA &amp; wants it <b>signed</b> by Friday.</p>" +
        "<script>alert('x')</script><ul><li>Term: 3 years</li><li>Mutual</li></ul>" +
        "<attachment id=\"a1\"></attachment>";

    private static readonly JsonArray Files =
    [
        new JsonObject
        {
            ["id"] = "a1",
            ["contentType"] = "reference",
            ["contentUrl"] = "https://contoso.sharepoint.com/sites/Sales/Shared Documents/General/Acme NDA.docx",
            ["name"] = "Acme NDA.docx",
            ["thumbnailUrl"] = null,
            ["content"] = null,
        },
        new JsonObject { ["id"] = "a2", ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = new JsonObject { ["type"] = "AdaptiveCard" } },
        new JsonObject { ["id"] = "a3", ["contentType"] = "reference", ["contentUrl"] = "javascript:alert(1)", ["name"] = "click me" },
    ];

    private static readonly JsonArray Mentions =
    [
        new JsonObject
        {
            ["id"] = 0,
            ["mentionText"] = "Legal Counsel",
            ["mentioned"] = new JsonObject
            {
                ["user"] = new JsonObject { ["id"] = TeamsUser.LegalStaff.AadObjectId, ["displayName"] = "Legal Counsel", ["userIdentityType"] = "aadUser" },
                ["application"] = null,
                ["conversation"] = null,
            },
        },
    ];

    [Fact]
    public async Task FetchTask_OnAChannelMessage_OpensTheDialog_PrefilledFromTheMessage_AndFilesNothing()
    {
        var (status, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/fetchTask", FetchValue());

        Assert.Equal(HttpStatusCode.OK, status);
        var task = body!["task"]!;
        Assert.Equal("continue", (string?)task["type"]);
        Assert.Equal("Send to legal", (string?)task["value"]!["title"]);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)task["value"]!["card"]!["contentType"]);
        var card = task["value"]!["card"]!["content"]!.AsObject();
        var description = InputValue(card, "description");
        Assert.StartsWith("Hi Legal Counsel, Acme sent us their NDA & wants it signed by Friday.\n- Term: 3 years\n- Mutual", description, StringComparison.Ordinal);
        Assert.Contains("From a Teams message by Alex Seller on 26 Nov 2026 09:15 UTC.", description, StringComparison.Ordinal);
        Assert.Contains("Link: https://teams.microsoft.com/l/message/", description, StringComparison.Ordinal);
        Assert.Contains("- Acme NDA.docx: https://contoso.sharepoint.com/sites/Sales/Shared%20Documents/General/Acme%20NDA.docx", description, StringComparison.Ordinal);
        Assert.DoesNotContain("alert", description, StringComparison.Ordinal);
        Assert.DoesNotContain("<", description, StringComparison.Ordinal);
        Assert.DoesNotContain("javascript", description, StringComparison.Ordinal);
        Assert.Contains(Scenarios.Elements(card), e => (string?)e["id"] == CardActions.TypeKey && (string?)e["type"] == "Input.ChoiceSet");

        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
        Assert.Empty(Channel.Conversations);
    }

    [Fact]
    public async Task FetchTask_WithAHugeMessage_KeepsTheDescriptionWithinItsLimit()
    {
        var value = FetchValue();
        value["messagePayload"]!["body"]!["content"] = "<p>" + string.Concat(Enumerable.Repeat("Clause &lt;b&gt; ", 6_000)) + "</p>";

        var (status, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/fetchTask", value);

        Assert.Equal(HttpStatusCode.OK, status);
        var description = InputValue(body!["task"]!["value"]!["card"]!["content"]!.AsObject(), "description");
        Assert.True(description.Length <= 4000, $"{description.Length} characters");
        Assert.Contains("…\n\nFrom a Teams message by Alex Seller", description, StringComparison.Ordinal);
        Assert.StartsWith("Clause <b> Clause", description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SubmitAction_FilesTheRequest_AsTheBotChatDoes_TellsTheRequester_AndOffersANoteForTheThread()
    {
        await As(TeamsUser.LegalStaff).SayAsync("hi");
        var form = await NextAsync(TeamsUser.Requester, await StartAsync(TeamsUser.Requester), "nda");
        Assert.Contains("From a Teams message by Alex Seller", InputValue(form, "description"), StringComparison.Ordinal);

        var data = Scenarios.FillNda(BotReplies.ActionData(form, "Send to legal"), "Acme distribution NDA");
        data.Remove("description");
        data["description"] = InputValue(form, "description");
        var (status, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));

        Assert.Equal(HttpStatusCode.OK, status);
        var result = body!["composeExtension"]!;
        Assert.Equal("result", (string?)result["type"]);
        var attachment = Assert.Single(result["attachments"]!.AsArray())!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)attachment["contentType"]);
        var note = attachment["content"]!.ToJsonString();
        var number = Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items).Number;
        Assert.Contains($"Sent to the legal team as {number}.", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", note, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", attachment["preview"]!.ToJsonString(), StringComparison.Ordinal);

        var filed = (await Store.GetAsync(number))!;
        Assert.Equal("Acme distribution NDA", filed.Details.Title);
        Assert.Equal(TeamsUser.Requester.AadObjectId, filed.Requester.AadObjectId);
        Assert.Equal(TeamsUser.Requester.Email, filed.Requester.Email);
        Assert.Contains("From a Teams message by Alex Seller", filed.Details.Description, StringComparison.Ordinal);
        Assert.Equal(RequestState.Submitted, filed.State);

        // The legal team gets the triage card, and the requester the request's card in their 1:1 chat.
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, number.ToString());
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Requester, number.ToString());
        Assert.Contains(Scenarios.TextsTo(Channel, TeamsUser.Requester), t => t.StartsWith("Your legal request was filed from a Teams dialog.", StringComparison.Ordinal));
        Assert.DoesNotContain(Channel.Conversations, c => c.StartsWith(TeamsActivities.ChannelId, StringComparison.Ordinal));

        // Pressed twice (or retried by Teams): the same request, not a second one.
        var (againStatus, again) = await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));
        Assert.Equal(HttpStatusCode.OK, againStatus);
        Assert.Contains($"Sent to the legal team as {number}.", again!["composeExtension"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
        await WaitOutboxHandledAsync();
        Assert.Single(Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId), a => Scenarios.RequestIdsIn(a).Contains(number.ToString()));
    }

    [Fact]
    public async Task SubmitAction_WithInvalidAnswers_ShowsTheFormAgainWithWhatToFix_AndFilesNothing()
    {
        var form = await NextAsync(TeamsUser.Requester, await StartAsync(TeamsUser.Requester), "nda");
        var data = Scenarios.FillNda(BotReplies.ActionData(form, "Send to legal"));
        data["title"] = "";
        data["description"] = "short";
        data["dueDate"] = "2001-01-01";

        var (status, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("continue", (string?)body!["task"]!["type"]);
        var again = body["task"]!["value"]!["card"]!["content"]!.AsObject();
        var text = again.ToJsonString();
        Assert.Contains("Please fix the 3 fields marked below.", text, StringComparison.Ordinal);
        Assert.Equal("short", InputValue(again, "description"));
        Assert.Equal("Acme Corp", InputValue(again, "counterparty"));
        Assert.Equal((string?)data["draftId"], (string?)BotReplies.ActionData(again, "Send to legal")["draftId"]);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
    }

    [Fact]
    public async Task SubmitAction_WithoutAType_ShowsTheFirstStepAgain_KeepingTheDescription()
    {
        var start = await StartAsync(TeamsUser.Requester);
        var data = BotReplies.ActionData(start, "Next");
        data["description"] = "Kept as typed.";
        data["type"] = "no-such-type";

        var (_, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));

        var card = body!["task"]!["value"]!["card"]!["content"]!.AsObject();
        Assert.Contains("Choose a request type.", card.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Kept as typed.", InputValue(card, "description"));
    }

    [Fact]
    public async Task SomeoneElsesDraftId_FilesTheirOwnRequest_NeverReturnsTheOtherOne()
    {
        var form = await NextAsync(TeamsUser.Requester, await StartAsync(TeamsUser.Requester), "nda");
        var data = Scenarios.FillNda(BotReplies.ActionData(form, "Send to legal"), "Requester's NDA");
        await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));
        var mine = Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);

        data["title"] = "Forged";
        var (_, body) = await InvokeAsync(TeamsUser.OtherRequester, "composeExtension/submitAction", SubmitValue(data));

        var theirs = Assert.Single((await Store.ListByRequesterAsync(TeamsUser.OtherRequester.AadObjectId, null, 10)).Items);
        Assert.NotEqual(mine.Number, theirs.Number);
        Assert.Equal("Forged", theirs.Details.Title);
        Assert.DoesNotContain(mine.Number.ToString(), body!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("Requester's NDA", (await Store.GetAsync(mine.Number))!.Details.Title);
    }

    [Theory]
    [InlineData("not-a-draft-id", "intake.submit", "nda")]
    [InlineData("0123456789abcdef0123456789abcdef", "intake.submit", "no-such-type")]
    [InlineData("0123456789abcdef0123456789abcdef", "intake.confirm", "nda")]
    [InlineData(null, "intake.type", "nda")]
    public async Task AlteredOrOutOfPlaceSubmissions_GetAClearLineInTheDialog_AndFileNothing(string? draftId, string action, string type)
    {
        var data = Scenarios.FillNda(new JsonObject { ["action"] = action, ["type"] = type });
        if (draftId is not null)
        {
            data["draftId"] = draftId;
        }

        var (status, body) = await InvokeAsync(TeamsUser.Requester, "composeExtension/submitAction", SubmitValue(data));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("message", (string?)body!["task"]!["type"]);
        Assert.Contains("start again", (string?)body["task"]!["value"], StringComparison.Ordinal);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
    }

    [Fact]
    public async Task AnUnknownCommand_OrASenderWithoutAnAccount_GetsAClearLine()
    {
        var value = FetchValue();
        value["commandId"] = "deleteEverything";
        var (_, unknown) = await InvokeAsync(TeamsUser.Requester, "composeExtension/fetchTask", value);
        Assert.Equal("LegalBot doesn't know that command. Please update the app, or ask your Teams administrator.", (string?)unknown!["task"]!["value"]);

        var anonymous = Activity(TeamsUser.Requester, "composeExtension/fetchTask", FetchValue());
        anonymous["from"]!.AsObject().Remove("aadObjectId");
        var (_, body) = await PostAsync(anonymous);
        Assert.Equal("I can only take requests from people signed in to Microsoft 365 in Teams.", (string?)body!["task"]!["value"]);
    }

    [Theory]
    [InlineData("messagePayload.body", "\"<p>x</p>\"", "value.messagePayload.body must be an object.")]
    [InlineData("messagePayload.body.content", "{ \"html\": 1 }", "value.messagePayload.body.content must be a string.")]
    [InlineData("messagePayload.from.user", "\"Alex\"", "value.messagePayload.from.user must be an object.")]
    [InlineData("messagePayload.attachments", "[\"https://x.example/a\"]", "value.messagePayload.attachments[0] must be an object.")]
    [InlineData("messagePayload.mentions", "[{ \"mentioned\": { \"user\": [] } }]", "value.messagePayload.mentions[0].mentioned.user must be an object.")]
    [InlineData("messagePayload.createdDateTime", "\"yesterday\"", "value.messagePayload.createdDateTime must be an ISO 8601 date and time.")]
    [InlineData("commandId", "\"sendToLegal\\u202E\"", "value.commandId must be 1 to 64 visible ASCII characters.")]
    [InlineData("commandContext", "\"everywhere\"", "value.commandContext must be message, compose or commandbox.")]
    [InlineData("data", "[1, 2]", "value.data must be an object when present.")]
    public async Task MalformedFetchTask_Gets400NamingTheField_AndNothingHappens(string path, string json, string reason)
    {
        var value = FetchValue();
        Set(value, path, JsonNode.Parse(json));

        var (status, body) = await PostAsync(Activity(TeamsUser.Requester, "composeExtension/fetchTask", value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, (string?)body!["title"]);
        Assert.Empty(Channel.Conversations);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("\"intake.submit\"")]
    [InlineData("[]")]
    public async Task SubmitActionWithoutADataObject_Gets400_AndFilesNothing(string? data)
    {
        var value = new JsonObject { ["commandId"] = Command, ["commandContext"] = "message", ["context"] = new JsonObject { ["theme"] = "default" } };
        if (data is not null)
        {
            value["data"] = JsonNode.Parse(data);
        }

        var (status, body) = await PostAsync(Activity(TeamsUser.Requester, "composeExtension/submitAction", value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("value.data must be an object.", (string?)body!["title"]);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
    }

    private static JsonObject FetchValue() => new()
    {
        ["commandId"] = Command,
        ["commandContext"] = "message",
        ["context"] = new JsonObject { ["theme"] = "default" },
        ["messagePayload"] = TeamsActivities.MessagePayload(ForwardedEmail, "Alex Seller", Files.DeepClone().AsArray(), Mentions.DeepClone().AsArray()),
    };

    /// <summary>Teams' submitAction from a message action: the button's data merged with the inputs, and the message again.</summary>
    private static JsonObject SubmitValue(JsonObject data)
    {
        var value = FetchValue();
        value["data"] = data.DeepClone();
        return value;
    }

    private async Task<JsonObject> StartAsync(TeamsUser user)
    {
        var (status, body) = await InvokeAsync(user, "composeExtension/fetchTask", FetchValue());
        Assert.Equal(HttpStatusCode.OK, status);
        return body!["task"]!["value"]!["card"]!["content"]!.AsObject();
    }

    /// <summary>Chooses <paramref name="type"/> on the first step, keeping the prefilled description; returns the form.</summary>
    private async Task<JsonObject> NextAsync(TeamsUser user, JsonObject start, string type)
    {
        var data = BotReplies.ActionData(start, "Next");
        data["type"] = type;
        data["description"] = InputValue(start, "description");
        var (status, body) = await InvokeAsync(user, "composeExtension/submitAction", SubmitValue(data));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("continue", (string?)body!["task"]!["type"]);
        return body["task"]!["value"]!["card"]!["content"]!.AsObject();
    }

    private static string InputValue(JsonObject card, string id) =>
        (string?)Scenarios.Elements(card).Single(e => (string?)e["id"] == id)["value"] ?? "";

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = node[part]!;
        }

        node[parts[^1]] = value;
    }

    private JsonObject Activity(TeamsUser user, string name, JsonObject value) =>
        TeamsActivities.ChannelInvoke(user, Channel.ServiceUrl, $"me-{Guid.NewGuid():N}", name, value);

    private Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(TeamsUser user, string name, JsonObject value) =>
        PostAsync(Activity(user, name, value));

    private Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(JsonObject activity) => As(TeamsUser.Requester).AnswerAsync(activity);
}
