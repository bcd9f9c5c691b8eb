using System.Text.Json.Nodes;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>The legal team's channel gets a triage card for every new request.</summary>
public sealed class ConfiguredTriageChannelTests : HostTestBase
{
    private const string ChannelId = "19:legal-triage@thread.tacv2";

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Triage:ChannelConversationId"] = ChannelId,
        ["Triage:ChannelServiceUrl"] = Channel.ServiceUrl.ToString(),
        ["Triage:NotifyStaffDirectly"] = "false",
    };

    [Fact]
    public async Task NewRequest_PostsAReadOnlyCardInTheChannel_ThatRefreshesForLegalStaff()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        await Channel.WaitUntilAsync(() => Channel.Posted(ChannelId).Count > 0, "a card in the triage channel");
        var card = new BotReplies(Channel.Posted(ChannelId)).Card;

        Assert.Contains(id, card.Json());
        Assert.DoesNotContain(BotReplies.ExecuteTitles(card), t => t != "Refresh");
        var userIds = card["refresh"]!["userIds"]!.AsArray().Select(u => (string)u!).ToList();
        Assert.Contains("8:orgid:" + TeamsUser.LegalStaff.AadObjectId, userIds);
        Assert.DoesNotContain("8:orgid:" + TeamsUser.Requester.AadObjectId, userIds);
        Assert.Empty(Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId));
    }

    [Fact]
    public async Task Refresh_GivesLegalStaffTheirButtons_AndOthersNothingTheyMayNotSee()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var data = new JsonObject { ["number"] = id };

        var forStaff = await As(TeamsUser.LegalStaff).InvokeAsync("request.refresh", (JsonObject)data.DeepClone(), trigger: "automatic");
        var forStranger = await As(TeamsUser.OtherRequester).InvokeAsync("request.refresh", (JsonObject)data.DeepClone(), trigger: "automatic");

        Assert.Contains("Assign", BotReplies.ExecuteTitles(forStaff.Card));
        Assert.Contains("couldn't find", forStranger.Message);
    }
}

/// <summary>Without a configured channel, the team the bot is added to becomes the triage channel.</summary>
public sealed class TeamTriageChannelTests : HostTestBase
{
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Triage:NotifyStaffDirectly"] = "false",
    };

    [Fact]
    public async Task BotAddedToATeam_AnnouncesItself_AndPostsNewRequestsThere()
    {
        const string teamChannel = "19:general@thread.tacv2";
        var staff = As(TeamsUser.LegalStaff);
        var added = staff.Installed();
        added["conversation"] = new JsonObject { ["conversationType"] = "channel", ["tenantId"] = TeamsUser.DefaultTenant, ["id"] = teamChannel, ["isGroup"] = true };
        added["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = TeamsUser.DefaultTenant }, ["team"] = new JsonObject { ["id"] = teamChannel }, ["eventType"] = "teamMemberAdded" };
        using (var response = await staff.PostAsync(added))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        Assert.Contains("legal team", new BotReplies(Channel.Posted(teamChannel)).Texts.Single());

        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));

        await Channel.WaitUntilAsync(() => new BotReplies(Channel.Posted(teamChannel)).Cards.Any(c => c.Json().Contains(id, StringComparison.Ordinal)), "the triage card in the team's channel");
    }
}
