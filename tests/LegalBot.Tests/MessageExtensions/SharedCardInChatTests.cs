using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Core.Requests;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.MessageExtensions;

/// <summary>
/// A request card from the search, inserted into the user's own chat with LegalBot and sent: Teams delivers it as a
/// message whose text is only markup around the card. The bot answers with the request's card as the sender may see
/// it, as for <c>status LR-n</c>, rather than with "I didn't understand".
/// </summary>
public sealed class SharedCardInChatTests : HostTestBase
{
    [Theory]
    [InlineData("<attachment id=\"1732612345678\"></attachment>")]
    [InlineData("<span class=\"inline-compose-card\" contenteditable=\"false\"></span>")]
    [InlineData("")]
    public async Task ASharedRequestCardSentToTheBot_IsAnsweredWithTheRequestsCard(string text)
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var replies = await As(TeamsUser.Requester).SendAsync(WithCard(As(TeamsUser.Requester).Message(text, null), Shared(id)));

        Assert.Contains(id, Scenarios.RequestIdsIn(Assert.Single(replies.Activities)));
        Assert.Contains("Acme distribution NDA", replies.Card.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASharedCardOfSomeoneElsesRequest_GetsTheNotFoundLine_AndNothingOfIt()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var replies = await As(TeamsUser.OtherRequester).SendAsync(WithCard(As(TeamsUser.OtherRequester).Message("<attachment id=\"1\"></attachment>", null), Shared(id)));

        Assert.Equal(LegalBot.Application.Workflow.VisibleRequests.NotFound(RequestNumber.TryParse(id, out var n) ? n.Value : default), Assert.Single(replies.Texts));
        Assert.DoesNotContain("Acme", string.Concat(replies.Activities.Select(a => a.ToJsonString())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TextBesideTheCard_OrACardNotFromLegalBot_IsReadAsUsual()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var foreign = new JsonObject { ["type"] = "AdaptiveCard", ["version"] = "1.5", ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = id }) };

        var withText = await As(TeamsUser.Requester).SendAsync(WithCard(As(TeamsUser.Requester).Message("my requests", null), Shared(id)));
        var notOurs = await As(TeamsUser.Requester).SendAsync(WithCard(As(TeamsUser.Requester).Message("<attachment id=\"1\"></attachment>", null), foreign));

        Assert.Contains("Your requests", withText.Card.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(id, string.Concat(notOurs.Activities.Select(a => a.ToJsonString())), StringComparison.Ordinal);
    }

    private static JsonObject Shared(string id) =>
        JsonNode.Parse(CardSerializer.Serialize(SharedRequestCard.Build(RequestNumber.TryParse(id, out var n) ? n.Value : default, ["8:orgid:" + TeamsUser.Requester.AadObjectId])))!.AsObject();

    private static JsonObject WithCard(JsonObject message, JsonObject card)
    {
        message["attachments"] = new JsonArray(new JsonObject { ["contentType"] = "application/vnd.microsoft.card.adaptive", ["content"] = card });
        return message;
    }
}
