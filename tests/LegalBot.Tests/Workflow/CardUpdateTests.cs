using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// Every card update costs one of the 7 messages per second Teams allows a chat: a card is never updated with
/// what it already shows, whichever way the change came (a press answered in place, a notification, both).
/// </summary>
public class CardUpdateTests : HostTestBase
{

    [Fact]
    public async Task WholeWorkflow_ThroughButtonsAndTheFallback_NeverRepeatsAnUpdate()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var alsp = As(TeamsUser.Alsp);
        var (id, triage) = await FileForTriageAsync();

        await staff.ExecuteOnAsync(triage, Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var assignment = await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        var assignmentId = Scenarios.CardActivityId(Channel, TeamsUser.Alsp, id);
        await WaitTrackedAsync(TeamsUser.Alsp, id, assignmentId);

        // The professional's client has no Universal Actions: every press is the fallback submit.
        await alsp.SubmitOnAsync(assignmentId, BotReplies.ActionData(assignment, "Accept"));
        var ask = BotReplies.ActionData(Scenarios.Shown(Channel, TeamsUser.Alsp, assignmentId), "Send");
        ask[CardActions.InputId(WorkflowAction.AskRequester, CardActions.NoteField)] = "Is the pilot limited to the EU?";
        await alsp.SubmitOnAsync(assignmentId, ask);

        var requesterCard = Scenarios.CardActivityId(Channel, TeamsUser.Requester, id);
        await Channel.WaitUntilAsync(
            () => Scenarios.Shown(Channel, TeamsUser.Requester, requesterCard).Json().Contains("Your answer", StringComparison.Ordinal),
            "the requester's card offers Answer");
        await requester.ExecuteOnAsync(requesterCard, Scenarios.Shown(Channel, TeamsUser.Requester, requesterCard), "Send", Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Yes, EU only."));

        await Channel.WaitUntilAsync(
            () => BotReplies.ActionDataOrNull(Scenarios.Shown(Channel, TeamsUser.Alsp, assignmentId), "Complete") is not null,
            "the professional's card is back in progress");
        var complete = BotReplies.ActionData(Scenarios.Shown(Channel, TeamsUser.Alsp, assignmentId), "Complete");
        complete[CardActions.InputId(WorkflowAction.Complete, CardActions.HoursField)] = "3.5";
        complete[CardActions.InputId(WorkflowAction.Complete, CardActions.NoteField)] = "Signed on our paper.";
        await alsp.SubmitOnAsync(assignmentId, complete);

        await WaitOutboxHandledAsync();
        Assert.Contains("Completed", Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage).Json());
        Assert.Contains("Completed", Scenarios.Shown(Channel, TeamsUser.Requester, requesterCard).Json());
        AssertNoRepeatedUpdates();
    }

    [Fact]
    public async Task FallbackPress_IsOneUpdateOfThePressedCard_TheDispatcherAddsNone()
    {
        var staff = As(TeamsUser.LegalStaff);
        var (id, triage) = await FileForTriageAsync();
        var assign = BotReplies.ActionData(Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign");
        assign[CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId;

        var press = await staff.SubmitOnAsync(triage, assign);
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        await WaitOutboxHandledAsync();

        Assert.Empty(press.Activities);
        var update = Assert.Single(Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, triage));
        Assert.Contains("is assigned to ALSP Professional One", update.Json());
        AssertNoRepeatedUpdates();
    }

    [Fact]
    public async Task ExecuteAnswer_ReplacesThePressedCard_TheDispatcherDoesNotSendItAgain()
    {
        var staff = As(TeamsUser.LegalStaff);
        var (id, triage) = await FileForTriageAsync();

        var answer = await staff.ExecuteOnAsync(triage, Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage), "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        await WaitOutboxHandledAsync();

        // The invoke answer already shows the assignment (with its one-line banner); no update follows it.
        Assert.Contains("is assigned to ALSP Professional One", answer.Card.Json());
        Assert.Empty(Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, triage));

        // The next real change still reaches the card.
        await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        await Channel.WaitUntilAsync(
            () => Scenarios.Shown(Channel, TeamsUser.LegalStaff, triage).Json().Contains("In progress", StringComparison.Ordinal),
            "the triage card shows the request in progress");
        await WaitOutboxHandledAsync();
        Assert.Single(Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, triage));
        AssertNoRepeatedUpdates();
    }
}
