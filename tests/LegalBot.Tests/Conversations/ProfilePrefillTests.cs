using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;
using LegalBot.Tests.Security;

namespace LegalBot.Tests.Conversations;

/// <summary>
/// The Microsoft 365 mode over real HTTP with requesters' profiles read from Entra ID on the fake Graph server: the
/// business unit offered from the department map in the text dialog and prefilled in the form, the profile on legal
/// staff's card, and intake going on without it, promptly, when Graph is slow, down or refuses.
/// </summary>
[Collection(IdentityServerCollection.Name)]
public sealed class ProfilePrefillTests(LoopbackTls tls) : SharePointHostTest(tls, "7d8e9f0a-1b2c-4d3e-8f4a-5b6c7d8e9f0a", "profile-prefill-secret")
{

    private static readonly FakeUser Manager = new("c1d2e3f4-0000-4000-8000-00000000000a", "Dana Boss", "dana@contoso.example", Department: "Corporate Finance", JobTitle: "CFO");

    /// <summary>The requester in Entra ID: the department in another case than the map's.</summary>
    private static readonly FakeUser Requester = new(
        TeamsUser.Requester.AadObjectId, TeamsUser.Requester.Name, TeamsUser.Requester.Email, Department: "corporate FINANCE", JobTitle: "Financial analyst", Manager: Manager);

    protected override void Arrange()
    {
        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.LegalStaff, TeamsUser.Alsp })
        {
            Channel.AddMember(user);
        }

        Graph.AddUser(Manager);
        Graph.AddUser(Requester);
    }

    /// <param name="timeout">The profile timeout: long where the profile must arrive in time on a loaded machine.</param>
    private void Start(string timeout = "00:00:05") => StartHost(
        Settings(new Dictionary<string, string?>
        {
            ["Profiles:Enabled"] = "true",
            ["Profiles:Timeout"] = timeout,
            ["Profiles:DepartmentMap:Corporate Finance"] = "finance",
            ["Profiles:DepartmentMap:Field Sales"] = "Sales",
        }),
        environment: "Development");


    private static string UserPath => $"/v1.0/users/{Requester.Id}";

    /// <summary>The value an input of the form starts with; null when it starts empty.</summary>
    private static string? InputValue(JsonObject card, string id) =>
        (string?)Assert.Single(Scenarios.Elements(card), e => (string?)e["id"] == id && ((string?)e["type"])?.StartsWith("Input.", StringComparison.Ordinal) == true)["value"];

    private static List<string> QuickReplies(BotReplies replies) =>
        [.. replies.Activities[^1]["suggestedActions"]?["actions"]?.AsArray().Select(a => (string)a!["value"]!) ?? []];

    /// <summary>new request → NDA: the form, as the bot answers the type's choice.</summary>
    private static async Task<JsonObject> NdaFormAsync(TeamsClient user)
    {
        var picker = await user.SayAsync("new request");
        return (await user.SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"))).Card;
    }

    [Fact]
    public async Task TextDialog_OffersTheDepartmentsBusinessUnit_AndYesTakesIt()
    {
        Start();
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");
        await user.SayAsync("Supplier NDA");

        var question = await user.SayAsync("We will share our roadmap with a new supplier.");

        Assert.StartsWith("Business unit? Finance, from your department: reply yes to use it", question.Texts.Last(), StringComparison.Ordinal);
        Assert.Equal("Finance", QuickReplies(question)[0]);
        Assert.Contains("Counterparty", (await user.SayAsync("yes")).Texts.Last());
        await user.SayAsync("Globex Ltd");
        var summary = await user.SayAsync("mutual");
        Assert.Equal("Finance", Scenarios.Fact(summary.Card, "Business unit"));
        Assert.Empty(Graph.Unknown);
    }

    [Fact]
    public async Task TextDialog_TheUserMayPickAnotherBusinessUnit()
    {
        Start();
        var user = As(TeamsUser.Requester);
        await user.SayAsync("I need an NDA");
        await user.SayAsync("Supplier NDA");
        await user.SayAsync("We will share our roadmap with a new supplier.");

        Assert.Contains("Counterparty", (await user.SayAsync("Marketing")).Texts.Last());
        await user.SayAsync("Globex Ltd");
        var summary = await user.SayAsync("mutual");

        Assert.Equal("Marketing", Scenarios.Fact(summary.Card, "Business unit"));
    }

    [Fact]
    public async Task Form_IsPrefilledFromTheDepartment_AndWhatTheUserChoosesIsFiled()
    {
        Start();
        var user = As(TeamsUser.Requester);

        var form = await NdaFormAsync(user);

        Assert.Equal("Finance", InputValue(form, "businessUnit"));
        var summary = await user.SubmitAsync(Scenarios.FillNda(BotReplies.ActionData(form, "Review request")));
        Assert.Equal("Sales", Scenarios.Fact(summary.Card, "Business unit"));
    }

    [Fact]
    public async Task TheSendToLegalDialogsForm_IsPrefilledFromTheDepartment()
    {
        Start();
        const string groupChat = "19:group-profile-prefill@thread.v2";
        var requester = As(TeamsUser.Requester);
        var say = requester.Message("<at>LegalBot</at> new request", null);
        say["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsUser.Requester.TenantId, ["id"] = groupChat };
        say["entities"] = new JsonArray(new JsonObject { ["type"] = "mention", ["text"] = "<at>LegalBot</at>", ["mentioned"] = new JsonObject { ["id"] = TeamsActivities.BotId, ["name"] = "LegalBot" } });
        await requester.AnswerAsync(say);
        var button = Scenarios.Elements(new BotReplies(Channel.Posted(groupChat)).Card).Single(e => (string?)e["title"] == "Open the request form");
        async Task<JsonObject> InvokeAsync(string name, JsonObject value)
        {
            var activity = TeamsActivities.ChannelInvoke(TeamsUser.Requester, Channel.ServiceUrl, $"t-{Guid.NewGuid():N}", name, value);
            activity["conversation"] = new JsonObject { ["conversationType"] = "groupChat", ["isGroup"] = true, ["tenantId"] = TeamsUser.Requester.TenantId, ["id"] = groupChat };
            activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsUser.Requester.TenantId } };
            return (await requester.AnswerAsync(activity)).Body!;
        }

        var start = (await InvokeAsync("task/fetch", new JsonObject { ["data"] = button["data"]!.DeepClone() }))["task"]!["value"]!["card"]!["content"]!.AsObject();
        var next = BotReplies.ActionData(start, "Next");
        next["type"] = "nda";
        var form = (await InvokeAsync("task/submit", new JsonObject { ["data"] = next }))["task"]!["value"]!["card"]!["content"]!.AsObject();

        Assert.Equal("Finance", InputValue(form, "businessUnit"));
    }

    [Fact]
    public async Task AnUnmappedDepartment_PrefillsNothing_AndTheQuestionIsTheUsualOne()
    {
        Graph.AddUser(Requester with { Department = "Research" });
        Start();
        var user = As(TeamsUser.Requester);

        var form = await NdaFormAsync(user);

        Assert.Null(InputValue(form, "businessUnit"));
        await user.SayAsync("Supplier NDA");
        var question = await user.SayAsync("We will share our roadmap with a new supplier.");
        Assert.StartsWith("Business unit? Pick one", question.Texts.Last(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegalStaffsCard_ShowsTheRequestersJobTitleDepartmentAndManager_TheRequestersOwnDoesNot()
    {
        Start();
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);

        Assert.Equal("Financial analyst", Scenarios.Fact(triage, "Requester's job title"));
        Assert.Equal("corporate FINANCE", Scenarios.Fact(triage, "Requester's department"));
        Assert.Equal("Dana Boss (dana@contoso.example)", Scenarios.Fact(triage, "Requester's manager"));
        var own = (await As(TeamsUser.Requester).SayAsync($"status {id}")).Card.Json();
        Assert.DoesNotContain("Financial analyst", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Dana Boss", own, StringComparison.Ordinal);

        // Read once, for the intake; the card was rendered from the cache.
        Assert.Single(Graph.GraphRoundTrips, r => r.Path == UserPath);
    }

    [Fact]
    public async Task GraphSlow_TheFormAnswersWithoutThePrefill_AndTheLateAnswerServesTheNextFiling()
    {
        Start(timeout: "00:00:01");
        Graph.HoldUserReads();
        var user = As(TeamsUser.Requester);

        var form = await NdaFormAsync(user);

        // Answered while Graph had not answered at all: the turn did not wait for it.
        Assert.Null(InputValue(form, "businessUnit"));
        Assert.True(Graph.HeldUserReads > 0, "the profile read is still waiting for Graph");
        Assert.Contains(Host.Logs.Entries, e => e.EventId.Id == 6031);

        Graph.ReleaseUserReads();
        await Channel.WaitUntilAsync(() => Graph.HeldUserReads == 0 && Graph.GraphRoundTrips.Count(r => r.Path.StartsWith(UserPath, StringComparison.Ordinal) && r.Status == 200) == 2, "Graph answers the held reads");
        await user.SayAsync("cancel");
        var next = await NdaFormAsync(user);

        Assert.Equal("Finance", InputValue(next, "businessUnit"));
        Assert.Single(Graph.GraphRoundTrips, r => r.Path == UserPath);
    }

    [Fact]
    public async Task GraphDown_TheFormAnswersWithoutThePrefill_AndFilingWorks()
    {
        Start();
        Graph.AddFault(new GraphFault(0, PathContains: "/v1.0/users/", Times: int.MaxValue, Abort: true));
        var user = As(TeamsUser.Requester);

        var form = await NdaFormAsync(user);

        Assert.Null(InputValue(form, "businessUnit"));
        Assert.Contains(Host.Logs.Entries, e => e.EventId.Id == 6032);
        var id = await Scenarios.FileNdaAsync(user);
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        Assert.DoesNotContain("Requester's job title", triage.Json(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutUserReadAll_TheFormAnswersWithoutThePrefill_AndTheRefusalNamesThePermission()
    {
        Graph.UserReadGranted = false;
        Start();

        var form = await NdaFormAsync(As(TeamsUser.Requester));

        Assert.Null(InputValue(form, "businessUnit"));
        var refused = Assert.Single(Host.Logs.Entries, e => e.EventId.Id == 6033);
        Assert.Contains("User.Read.All", refused.Exception!.Message, StringComparison.Ordinal);
        Assert.Contains(Graph.GraphRoundTrips, r => r.Path == UserPath && r.Status == 403);
    }
}
