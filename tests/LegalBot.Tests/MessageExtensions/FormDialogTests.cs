using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.MessageExtensions;

/// <summary>
/// <c>new request</c> in a group chat opens the intake form in a Teams dialog (<c>task/fetch</c>, <c>task/submit</c>)
/// instead of posting a form everyone in the chat could see and fill; over real HTTP with the invokes Teams sends.
/// </summary>
public sealed class FormDialogTests : HostTestBase
{
    private const string GroupChat = "19:group-legal-questions@thread.v2";

    [Fact]
    public async Task NewRequest_InAGroupChat_PostsAButtonThatOpensADialog_NotAForm()
    {
        var replies = await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, "new request");

        var card = replies.Card;
        Assert.DoesNotContain(Scenarios.Elements(card), e => ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true);
        var button = Scenarios.Elements(card).Single(e => (string?)e["title"] == "Open the request form");
        Assert.Equal("Action.Submit", (string?)button["type"]);
        Assert.Equal("task/fetch", (string?)button["data"]!["msteams"]!["type"]);
        Assert.Equal(CardActions.IntakeDialog, (string?)button["data"]![CardActions.ActionKey]);
        Assert.Empty(Channel.Posted(TeamsUser.Requester.PersonalConversationId));
    }

    [Fact]
    public async Task NewRequest_InTheOneToOneChat_StillShowsTheCardForm()
    {
        var picker = await As(TeamsUser.Requester).SayAsync("new request");

        Assert.NotNull(BotReplies.ActionDataOrNull(picker.Card, "NDA"));
        Assert.Null(BotReplies.ActionDataOrNull(picker.Card, "Open the request form"));
    }

    [Fact]
    public async Task TheDialog_FilesTheRequest_AsTheBotChatDoes_AndSaysSoInTheDialog()
    {
        await As(TeamsUser.LegalStaff).SayAsync("hi");
        var button = Scenarios.Elements((await As(TeamsUser.Requester).SayInGroupChatAsync(GroupChat, "new request")).Card).Single(e => (string?)e["title"] == "Open the request form");

        var (status, fetched) = await InvokeAsync(TeamsUser.Requester, "task/fetch", new JsonObject { ["data"] = button["data"]!.DeepClone(), ["context"] = new JsonObject { ["theme"] = "default" } });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("continue", (string?)fetched!["task"]!["type"]);
        var start = fetched["task"]!["value"]!["card"]!["content"]!.AsObject();

        var next = BotReplies.ActionData(start, "Next");
        next["type"] = "nda";
        next["description"] = "Mutual NDA before we share pricing with Acme.";
        var (_, formAnswer) = await InvokeAsync(TeamsUser.Requester, "task/submit", new JsonObject { ["data"] = next });
        var form = formAnswer!["task"]!["value"]!["card"]!["content"]!.AsObject();

        // A mistake first: the form comes back with it marked, and nothing is filed.
        var data = Scenarios.FillNda(BotReplies.ActionData(form, "Send to legal"));
        data["counterparty"] = "";
        var (_, wrong) = await InvokeAsync(TeamsUser.Requester, "task/submit", new JsonObject { ["data"] = data.DeepClone() });
        Assert.Equal("continue", (string?)wrong!["task"]!["type"]);
        Assert.Contains("Please fix the field marked below.", wrong.ToJsonString(), StringComparison.Ordinal);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);

        data["counterparty"] = "Acme Corp";
        var (_, filed) = await InvokeAsync(TeamsUser.Requester, "task/submit", new JsonObject { ["data"] = data.DeepClone() });
        var request = Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
        Assert.Equal("message", (string?)filed!["task"]!["type"]);
        Assert.Equal($"Filed as {request.Number}. The legal team will triage it; its card is in your chat with LegalBot.", (string?)filed["task"]!["value"]);
        Assert.Equal("Acme distribution NDA", request.Details.Title);
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, request.Number.ToString());
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Requester, request.Number.ToString());

        // Nothing of the request is posted in the group chat.
        Assert.DoesNotContain(Channel.Posted(GroupChat), a => a.ToJsonString().Contains("Acme", StringComparison.Ordinal));

        var (_, again) = await InvokeAsync(TeamsUser.Requester, "task/submit", new JsonObject { ["data"] = data.DeepClone() });
        Assert.Equal($"This request was already filed as {request.Number}.", (string?)again!["task"]!["value"]);
        Assert.Single((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
    }

    [Theory]
    [InlineData("{ \"data\": { \"action\": \"intake.submit\", \"draftId\": \"../../etc\", \"type\": \"nda\" } }", "message")]
    [InlineData("{ \"data\": { \"action\": \"request.assign\", \"draftId\": \"0123456789abcdef0123456789abcdef\" } }", "message")]
    [InlineData("{ \"data\": {} }", "message")]
    public async Task ForgedDialogSubmissions_GetALine_AndFileNothing(string value, string type)
    {
        var (status, body) = await InvokeAsync(TeamsUser.Requester, "task/submit", JsonNode.Parse(value)!.AsObject());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(type, (string?)body!["task"]!["type"]);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 10)).Items);
    }

    [Fact]
    public async Task ADialogInvokeWithoutData_Gets400()
    {
        var (status, body) = await InvokeAsync(TeamsUser.Requester, "task/fetch", new JsonObject { ["context"] = new JsonObject { ["theme"] = "default" } });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("value.data must be an object.", (string?)body!["title"]);
    }

    private async Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(TeamsUser user, string name, JsonObject value)
    {
        var activity = TeamsActivities.ChannelInvoke(user, Channel.ServiceUrl, $"t-{Guid.NewGuid():N}", name, value);
        activity["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = user.TenantId, ["id"] = GroupChat };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } };
        return await PostAsync(activity);
    }

    private Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(JsonObject activity) => As(TeamsUser.Requester).AnswerAsync(activity);
}
