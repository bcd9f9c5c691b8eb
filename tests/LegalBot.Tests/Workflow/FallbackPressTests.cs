using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// Buttons pressed on clients without Universal Actions: Teams sends the fallback Action.Submit as a message
/// with the card's data and inputs as value, no text, and the pressed card's message id as replyToId.
/// </summary>
public class FallbackPressTests : HostTestBase
{
    private static JsonObject Fallback(JsonObject card, string title, params (WorkflowAction Action, string Field, string Value)[] inputs)
    {
        var data = BotReplies.ActionData(card, title);
        Assert.Equal(CardActions.Workflow, (string?)data[CardActions.ActionKey]);
        foreach (var (action, field, value) in inputs)
        {
            data[CardActions.InputId(action, field)] = value;
        }

        return data;
    }

    private static string Version(JsonObject card) => (string)BotReplies.ExecuteAction(card, "Refresh").Data[CardActions.VersionKey]!;

    private async Task<int> VersionOfAsync(string id) =>
        (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!.Version;


    private async Task AcceptAsync(string id)
    {
        var assignment = await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(assignment, "Accept");
        Assert.Contains("In progress", accepted.Card.Json());
    }

    [Fact]
    public async Task FallbackAssign_UpdatesThePressedCardInPlace_AndKeepsItCurrentAfterTheProfessionalAccepts()
    {
        var staff = As(TeamsUser.LegalStaff);
        var (id, triage) = await FileForTriageAsync();
        var postsBefore = Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Count;

        var press = await staff.SubmitOnAsync(
            triage,
            Fallback(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign", (WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId)));

        // One outcome: the pressed card, updated in place, says what happened. No new card, no text.
        Assert.True(press.Activities.Count == 0, "The press was answered with: " + press.AllText);
        var shown = Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage);
        Assert.Contains("is assigned to ALSP Professional One", shown.Json());
        Assert.Equal((await VersionOfAsync(id)).ToString(System.Globalization.CultureInfo.InvariantCulture), Version(shown));

        await AcceptAsync(id);

        // The pressed card follows the request: in progress, its buttons for the current version.
        await Channel.WaitUntilAsync(
            () => Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage).Json().Contains("In progress", StringComparison.Ordinal),
            "the pressed card shows the request in progress");
        Assert.Equal("3", Version(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage)));
        Assert.DoesNotContain(Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Skip(postsBefore), a => new BotReplies([a]).Cards.Any());
    }

    [Fact]
    public async Task RefusedFallbackPress_ShowsWhyOnThePressedCard_AndTheCardIsUpdatedLater()
    {
        var staff = As(TeamsUser.LegalStaff);
        var (id, triage) = await FileForTriageAsync();
        var oldCard = Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage);
        var status = await staff.SayAsync($"status {id}");
        await staff.ExecuteAsync(status.Card, "Assign", new JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId });

        // The triage card as it was before the assignment: its Keep in-house is stale.
        var press = await staff.SubmitOnAsync(triage, Fallback(oldCard, "Keep in-house"));

        Assert.Empty(press.Activities);
        Assert.Contains("changed since this card was shown", Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage).Json());
        Assert.Equal(RequestState.Assigned, (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!.State);

        await AcceptAsync(id);

        await Channel.WaitUntilAsync(
            () => Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage).Json() is var json
                && json.Contains("In progress", StringComparison.Ordinal)
                && !json.Contains("changed since this card was shown", StringComparison.Ordinal),
            "the refused card shows the request in progress");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("activity-that-is-not-a-card")]
    public async Task FallbackPressOnACardThatCannotBeUpdated_PostsOneCard_WhichIsKeptCurrent(string? pressed)
    {
        var staff = As(TeamsUser.LegalStaff);
        var (id, triage) = await FileForTriageAsync();
        var data = Fallback(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign", (WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));

        var press = pressed is null ? await staff.SubmitAsync(data) : await staff.SubmitOnAsync(pressed, data);

        var posted = Assert.Single(press.Activities);
        Assert.Contains("is assigned to ALSP Professional One", press.Card.Json());
        var copy = (string)posted["id"]!;
        Assert.DoesNotContain(Channel.Updates, u => u.ActivityId == pressed);

        await AcceptAsync(id);

        await Channel.WaitUntilAsync(
            () => Scenarios.Shown(Channel, TeamsUser.LegalStaff, copy).Json().Contains("In progress", StringComparison.Ordinal),
            "the posted copy shows the request in progress");
    }
}
