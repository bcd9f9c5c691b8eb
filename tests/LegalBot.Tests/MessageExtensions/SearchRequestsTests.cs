using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.MessageExtensions;

/// <summary>
/// The message extension's search over real HTTP, with the <c>composeExtension/query</c> invokes Teams sends from a
/// compose box: each role finds only what it may see, results page with <c>queryOptions</c>, and the card a user
/// inserts carries the number only and shows each viewer what their role allows when it refreshes.
/// </summary>
public sealed class SearchRequestsTests : HostTestBase
{
    [Fact]
    public async Task Requester_FindsTheirOwnRequests_ByTitleCounterpartyOrNumber_AndNoOneElses()
    {
        var first = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Acme distribution NDA");
        var second = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Globex pilot NDA");
        var others = await Scenarios.FileNdaAsync(As(TeamsUser.OtherRequester), "Acme reseller NDA");

        Assert.Equal([first], Numbers(await SearchAsync(TeamsUser.Requester, "DISTRIBUTION")));
        Assert.Equal([second, first], Numbers(await SearchAsync(TeamsUser.Requester, "acme corp")));
        Assert.Equal([second, first], Numbers(await SearchAsync(TeamsUser.Requester, null)));
        Assert.Equal([second], Numbers(await SearchAsync(TeamsUser.Requester, second)));
        Assert.Empty(Numbers(await SearchAsync(TeamsUser.Requester, others)));
        Assert.Empty(Numbers(await SearchAsync(TeamsUser.Requester, "reseller")));
        Assert.Equal([others], Numbers(await SearchAsync(TeamsUser.OtherRequester, "acme")));
    }

    [Fact]
    public async Task Results_PageWithSkipAndCount()
    {
        var filed = new List<string>();
        for (var i = 1; i <= 5; i++)
        {
            filed.Add(await Scenarios.FileNdaAsync(As(TeamsUser.Requester), $"Supplier NDA {i}"));
        }

        filed.Reverse();
        Assert.Equal(filed[..2], Numbers(await SearchAsync(TeamsUser.Requester, "supplier", skip: 0, count: 2)));
        Assert.Equal(filed[2..4], Numbers(await SearchAsync(TeamsUser.Requester, "supplier", skip: 2, count: 2)));
        Assert.Equal(filed[4..], Numbers(await SearchAsync(TeamsUser.Requester, "supplier", skip: 4, count: 2)));
        Assert.Empty(Numbers(await SearchAsync(TeamsUser.Requester, "supplier", skip: 6, count: 2)));
    }

    [Fact]
    public async Task LegalStaff_FindAnyRequest_AlspOnlyTheirAssignments()
    {
        var (assigned, _) = await FileForTriageAsync();
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, assigned);
        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(LegalBot.Core.Workflow.WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var unassigned = await Scenarios.FileNdaAsync(As(TeamsUser.OtherRequester), "Acme reseller NDA");

        Assert.Equal([unassigned, assigned], Numbers(await SearchAsync(TeamsUser.LegalStaff, "acme")));
        Assert.Equal([unassigned], Numbers(await SearchAsync(TeamsUser.LegalStaff, unassigned)));
        Assert.Equal([assigned], Numbers(await SearchAsync(TeamsUser.Alsp, "acme")));
        Assert.Empty(Numbers(await SearchAsync(TeamsUser.Alsp, unassigned)));
        Assert.Empty(Numbers(await SearchAsync(TeamsUser.SecondAlsp, "acme")));
    }

    [Fact]
    public async Task TheInsertedCard_CarriesTheNumberOnly_AndRefreshesForThePeopleWhoMaySeeIt()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Acme distribution NDA");

        var result = Assert.Single((await SearchAsync(TeamsUser.Requester, "acme"))!["composeExtension"]!["attachments"]!.AsArray())!;

        Assert.Contains($"{id}: Acme distribution NDA", (string?)result["preview"]!["content"]!["title"], StringComparison.Ordinal);
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string?)result["contentType"]);
        var card = result["content"]!.AsObject();
        var posted = card.ToJsonString();
        Assert.Contains($"Legal request {id}", posted, StringComparison.Ordinal);
        foreach (var secret in new[] { "Acme", "Mutual NDA before", "Sales", "Business Requester" })
        {
            Assert.DoesNotContain(secret, posted, StringComparison.Ordinal);
        }

        var refresh = card["refresh"]!;
        Assert.Equal(CardActions.RefreshVerb, (string?)refresh["action"]!["verb"]);
        Assert.Equal(CardActions.SharedSource, (string?)refresh["action"]!["data"]![CardActions.SourceKey]);
        var userIds = refresh["userIds"]!.AsArray().Select(u => (string?)u).ToList();
        Assert.Contains("8:orgid:" + TeamsUser.Requester.AadObjectId, userIds);
        Assert.Contains("8:orgid:" + TeamsUser.LegalStaff.AadObjectId, userIds);
        Assert.DoesNotContain("8:orgid:" + TeamsUser.OtherRequester.AadObjectId, userIds);

        // Refreshed in the chat: the requester sees the request's card; someone who may not see it, a card saying so.
        var data = refresh["action"]!["data"]!.AsObject();
        var mine = await As(TeamsUser.Requester).InvokeAsync(CardActions.RefreshVerb, data.DeepClone().AsObject(), "automatic");
        Assert.Contains("Acme distribution NDA", mine.Card.ToJsonString(), StringComparison.Ordinal);
        var theirs = await As(TeamsUser.OtherRequester).InvokeAsync(CardActions.RefreshVerb, data.DeepClone().AsObject(), "manual");
        var hidden = string.Join("\n", Scenarios.Elements(theirs.Card).Select(e => (string?)e["text"]).OfType<string>());
        Assert.Contains($"Legal request {id}", hidden, StringComparison.Ordinal);
        Assert.Contains("You can't see this request.", hidden, StringComparison.Ordinal);
        Assert.DoesNotContain("Acme", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnknownCommand_OrASenderWithoutAnAccount_GetsAMessage_NotResults()
    {
        await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Acme distribution NDA");
        var value = QueryValue("acme", 0, 25);
        value["commandId"] = "searchEverything";
        var (_, unknown) = await PostAsync(Activity(TeamsUser.Requester, value));
        Assert.Equal("message", (string?)unknown!["composeExtension"]!["type"]);

        var anonymous = Activity(TeamsUser.Requester, QueryValue("acme", 0, 25));
        anonymous["from"]!.AsObject().Remove("aadObjectId");
        var (_, body) = await PostAsync(anonymous);
        Assert.Equal("I can only search for people signed in to Microsoft 365 in Teams.", (string?)body!["composeExtension"]!["text"]);
        Assert.DoesNotContain("Acme", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileQueryText_FindsNothing_AndBreaksNothing()
    {
        await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "Acme distribution NDA");

        foreach (var text in new[] { "%", "_", "' OR 1=1 --", "\u202Eacme", new string('a', 5000), "LR-99999999999999999999", "LR-1 OR LR-2" })
        {
            var body = await SearchAsync(TeamsUser.Requester, text);
            Assert.Empty(body!["composeExtension"]!["attachments"]!.AsArray());
        }
    }

    [Theory]
    [InlineData("queryOptions", "{ \"skip\": -1 }", "value.queryOptions.skip must be a whole number from 0.")]
    [InlineData("queryOptions", "{ \"count\": \"ten\" }", "value.queryOptions.count must be a whole number from 0.")]
    [InlineData("queryOptions", "{ \"count\": 2.5 }", "value.queryOptions.count must be a whole number from 0.")]
    [InlineData("parameters", "{ \"query\": \"acme\" }", "value.parameters must be an array.")]
    [InlineData("parameters", "[{ \"name\": 1, \"value\": \"acme\" }]", "value.parameters[0].name must be a string.")]
    [InlineData("parameters", "[{ \"name\": \"query\", \"value\": { \"$ne\": null } }]", "value.parameters[0].value must be a string or true or false.")]
    [InlineData("commandId", "null", "value.commandId must be 1 to 64 visible ASCII characters.")]
    public async Task MalformedQueries_Get400NamingTheField(string field, string json, string reason)
    {
        var value = QueryValue("acme", 0, 25);
        value[field] = JsonNode.Parse(json);

        var (status, body) = await PostAsync(Activity(TeamsUser.Requester, value));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, (string?)body!["title"]);
    }

    private static List<string> Numbers(JsonObject? body) => ComposeSearch.Numbers(body);

    private static JsonObject QueryValue(string? text, int skip, int count) => ComposeSearch.QueryValue(text, skip, count);

    private Task<JsonObject?> SearchAsync(TeamsUser user, string? text, int skip = 0, int count = 25) =>
        ComposeSearch.SearchAsync(Http, Channel, user, text, skip, count);

    private JsonObject Activity(TeamsUser user, JsonObject value) => ComposeSearch.Activity(Channel, user, value);

    private Task<(HttpStatusCode Status, JsonObject? Body)> PostAsync(JsonObject activity) => As(TeamsUser.Requester).AnswerAsync(activity);
}
