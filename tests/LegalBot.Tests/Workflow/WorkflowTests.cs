using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>Three people, one request, over real HTTP: triage, assignment, work, completion, rating.</summary>
public class WorkflowTests : HostTestBase
{
    private static JsonObject Inputs(WorkflowAction action, params (string Field, string Value)[] values)
    {
        var inputs = new JsonObject();
        foreach (var (field, value) in values)
        {
            inputs[CardActions.InputId(action, field)] = value;
        }

        return inputs;
    }

    private static string State(JsonObject card) => card.Json();

    [Fact]
    public async Task FullLife_FileTriageAssignAcceptAskAnswerCompleteRate_EveryoneSeesEachChange()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var alsp = As(TeamsUser.Alsp);
        await staff.SayAsync("hi");

        var id = await Scenarios.FileNdaAsync(requester);

        // Triage card reaches legal staff, with the NDA specialist suggested first.
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        Assert.Contains("ALSP Professional One", triage.Json());
        Assert.True(triage.Json().IndexOf("ALSP Professional One", StringComparison.Ordinal) < triage.Json().IndexOf("ALSP Professional Two", StringComparison.Ordinal));

        var assigned = await staff.ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        Assert.Contains("Assigned", assigned.Card.Json());

        // The ALSP professional never wrote to the bot: a 1:1 chat is opened for the assignment card.
        var assignment = await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        Assert.Contains(Channel.Created, c => (string?)c["members"]![0]!["id"] == TeamsUser.Alsp.AadObjectId);
        Assert.Contains(BotReplies.ExecuteTitles(assignment), t => t == "Accept");
        await Channel.WaitUntilAsync(() => Scenarios.TextsTo(Channel, TeamsUser.Requester).Any(t => t.Contains("assigned to ALSP Professional One", StringComparison.Ordinal)), "the requester hears of the assignment");

        var accepted = await alsp.ExecuteAsync(assignment, "Accept");
        Assert.Contains("In progress", accepted.Card.Json());

        var asked = await alsp.ExecuteAsync(accepted.Card, "Send", Scenarios.Input(WorkflowAction.AskRequester, CardActions.NoteField, "Is the pilot limited to the EU?"));
        Assert.Contains("Waiting on requester", asked.Card.Json());
        Assert.Contains($"{id} is now Waiting on requester.", asked.Card.Json());

        // The requester's card (the one shown when filing, updated in place) now offers Answer.
        await Channel.WaitUntilAsync(() => Scenarios.LatestCard(Channel, TeamsUser.Requester, id)?.Json().Contains("Is the pilot limited to the EU?", StringComparison.Ordinal) == true, "the requester's card shows the question");
        var requesterCard = Scenarios.LatestCard(Channel, TeamsUser.Requester, id)!;
        var answered = await requester.ExecuteAsync(requesterCard, "Send", Scenarios.Input(WorkflowAction.Answer, CardActions.NoteField, "Yes, EU only."));
        Assert.Contains("In progress", answered.Card.Json());

        await Channel.WaitUntilAsync(() => Scenarios.TextsTo(Channel, TeamsUser.Alsp).Any(t => t.Contains("answered", StringComparison.Ordinal)), "the ALSP professional hears of the answer");
        await Channel.WaitUntilAsync(() => Scenarios.LatestCard(Channel, TeamsUser.Alsp, id) is { } c && BotReplies.ExecuteTitles(c).Contains("Complete"), "the ALSP professional's card is back in progress");
        var alspCard = Scenarios.LatestCard(Channel, TeamsUser.Alsp, id)!;
        var completed = await alsp.ExecuteAsync(alspCard, "Complete", Inputs(WorkflowAction.Complete, (CardActions.HoursField, "3.5"), (CardActions.NoteField, "Signed on our paper.")));
        Assert.Contains("Completed", completed.Card.Json());

        await Channel.WaitUntilAsync(() => Scenarios.LatestCard(Channel, TeamsUser.Requester, id) is { } c && BotReplies.ExecuteTitles(c).Contains("Rate"), "the requester can rate");
        var rated = await requester.ExecuteAsync(Scenarios.LatestCard(Channel, TeamsUser.Requester, id)!, "Rate", Inputs(WorkflowAction.Rate, (CardActions.RatingField, "5"), (CardActions.NoteField, "Fast and clear.")));
        Assert.Contains("5/5", rated.Card.Json());

        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(RequestState.Completed, request.State);
        Assert.Equal(3.5m, request.HoursSpent);
        Assert.Equal(5, request.Rating);
        var history = await Store.GetHistoryAsync(request.Number);
        Assert.Equal(["created", "assign", "accept", "askRequester", "answer", "complete", "rate"], history.Select(h => h.Action));

        // Notices quote names and what people typed: they go as plain text, which Teams shows as written.
        Assert.All(Channel.Posted(TeamsUser.Requester.PersonalConversationId).Where(a => a["text"] is not null && a["attachments"] is null), a => Assert.Equal("plain", (string?)a["textFormat"]));
        var text = string.Join("\n", BotReplies.TextLines((await requester.SayAsync($"history {id}")).Card));
        Assert.Contains("Legal Counsel", text);
        Assert.Contains("Completed", text);
        Assert.Contains("Assigned to ALSP Professional One", text);
        Assert.Contains("Completed, 3.5 hours logged", text);
        Assert.Contains("Rated ★★★★★ (5/5)\nFast and clear.", text);

        // Each card update showed something new: none repeated what the card already showed.
        await WaitOutboxHandledAsync();
        AssertNoRepeatedUpdates();
    }

    [Fact]
    public async Task ForbiddenActions_AreRefused_AndChangeNothing()
    {
        var requester = As(TeamsUser.Requester);
        var id = await Scenarios.FileNdaAsync(requester);
        var data = new JsonObject { ["number"] = id, ["version"] = "1" };

        // The requester forges the legal staff's assign button, with themselves as "assignee".
        var forged = (JsonObject)data.DeepClone();
        forged[CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = TeamsUser.Alsp.AadObjectId;
        forged["aadObjectId"] = TeamsUser.LegalStaff.AadObjectId;
        var byRequester = await requester.InvokeAsync(CardActions.AssignVerb, forged);
        Assert.Contains("Only legal staff can assign", byRequester.Card.Json());

        // An ALSP professional it is not assigned to cannot even see it.
        var byStranger = await As(TeamsUser.SecondAlsp).InvokeAsync(CardActions.AcceptVerb, (JsonObject)data.DeepClone());
        Assert.Contains("couldn't find", byStranger.Message);
        Assert.Contains("couldn't find", (await As(TeamsUser.SecondAlsp).SayAsync($"status {id}")).Texts.Single());

        // Legal staff cannot accept on the professional's behalf.
        var byStaff = await As(TeamsUser.LegalStaff).InvokeAsync(CardActions.AcceptVerb, (JsonObject)data.DeepClone());
        Assert.Contains("Only the assigned ALSP professional can accept", byStaff.Card.Json());

        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(RequestState.Submitted, request.State);
        Assert.Equal(1, request.Version);
        Assert.Single(await Store.GetHistoryAsync(request.Number));
    }

    [Fact]
    public async Task StaleClick_ChangesNothing_AndAnswersWithTheCurrentCard()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var oldCard = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(oldCard, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));

        var stale = await staff.ExecuteAsync(oldCard, "Keep in-house");

        Assert.Contains("changed since this card was shown", stale.Card.Json());
        Assert.Contains("Assigned", stale.Card.Json());
        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(RequestState.Assigned, request.State);
    }

    [Fact]
    public async Task TwoStaffAssigningAtOnce_ExactlyOneWins_TheOtherSeesWho()
    {
        var first = As(TeamsUser.LegalStaff);
        var second = As(TeamsUser.SecondLegalStaff);
        await first.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var card = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);

        var answers = await Task.WhenAll(
            first.ExecuteAsync(card, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId)),
            second.ExecuteAsync(card, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.SecondAlsp.AadObjectId)));

        var losers = answers.Where(a => a.Card.Json().Contains("changed since this card was shown", StringComparison.Ordinal)).ToList();
        Assert.Single(losers);
        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(2, request.Version);
        Assert.Single(await Store.GetHistoryAsync(request.Number), h => h.Action == "assign");
        var winner = request.AssignedTo!.Name;
        Assert.Contains(winner, losers[0].Card.Json());
    }

    [Fact]
    public async Task Decline_GoesBackToTriage_WithTheReason_AndTheProfessionalLosesAccess()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var alsp = As(TeamsUser.Alsp);
        var assignment = await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);

        var declined = await alsp.ExecuteAsync(assignment, "Decline", Scenarios.Input(WorkflowAction.Decline, CardActions.NoteField, "Conflict of interest."));

        // They see the outcome of their own click, without buttons, and after that the request is not theirs to see.
        Assert.Contains("You declined", declined.Card.Json());
        Assert.DoesNotContain(BotReplies.ExecuteTitles(declined.Card), t => t != "Refresh");
        Assert.Contains("couldn't find", (await alsp.SayAsync($"status {id}")).Texts.Single());
        await Channel.WaitUntilAsync(() => Scenarios.TextsTo(Channel, TeamsUser.LegalStaff).Any(t => t.Contains("declined", StringComparison.Ordinal)), "legal staff hear of the decline");
        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(RequestState.InTriage, request.State);
        Assert.Null(request.AssignedTo);
        Assert.Contains("Conflict of interest.", (await Store.GetHistoryAsync(request.Number))[^1].Note);
    }

    [Fact]
    public async Task MyAssignments_ListsOnlyTheProfessionalsOpenWork()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), "NDA for the pilot");
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));

        var mine = await As(TeamsUser.Alsp).SayAsync("my assignments");
        var theirs = await As(TeamsUser.SecondAlsp).SayAsync("my assignments");

        Assert.Contains("NDA for the pilot", mine.Card.Json());
        Assert.Contains("Your open assignments", mine.Card.Json());
        Assert.DoesNotContain("NDA for the pilot", theirs.Card.Json());
        Assert.Contains("You have no open assignments", theirs.Card.Json());
        Assert.Contains("for ALSP professionals", (await As(TeamsUser.Requester).SayAsync("my assignments")).Texts.Single());
    }

    [Fact]
    public async Task NeedsInfo_RequesterAnswersByTyping_BackToTriage()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var requester = As(TeamsUser.Requester);
        var id = await Scenarios.FileNdaAsync(requester);
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(triage, "Send", Scenarios.Input(WorkflowAction.AskForInfo, CardActions.NoteField, "Which entity signs?"));
        await Channel.WaitUntilAsync(
            () => Channel.Proactive(TeamsUser.Requester.PersonalConversationId).SelectMany(a => new BotReplies([a]).Cards).Any(c => c.Json().Contains($"needs more information on {id}", StringComparison.Ordinal)),
            "the requester is asked");

        var answered = await requester.SayAsync($"answer {id} Contoso Ltd signs.");

        Assert.Contains("Thanks", answered.Texts.First());
        var request = (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;
        Assert.Equal(RequestState.InTriage, request.State);
        Assert.Equal("Contoso Ltd signs.", (await Store.GetHistoryAsync(request.Number))[^1].Note);
        await Channel.WaitUntilAsync(() => Scenarios.TextsTo(Channel, TeamsUser.LegalStaff).Any(t => t.Contains("added information", StringComparison.Ordinal)), "legal staff hear of the answer");
    }

    [Fact]
    public async Task Help_ForAnAlspProfessional_ListsMyAssignments()
    {
        var help = await As(TeamsUser.Alsp).SayAsync("help");

        Assert.Contains("my assignments", help.Card.Json());
    }

    [Fact]
    public async Task EveryCopyOfTheCardInAChat_IsUpdatedInPlace()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        var triageActivity = (string)Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Last(a => new BotReplies([a]).Cards.Any())["id"]!;
        var status = await staff.SayAsync($"status {id}");
        var statusActivity = (string)status.Activities.Single(a => new BotReplies([a]).Cards.Any())["id"]!;

        await staff.ExecuteAsync(status.Card, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));

        bool Updated(string activityId) => Channel.Updates.Any(u =>
            u.ConversationId == TeamsUser.LegalStaff.PersonalConversationId && u.ActivityId == activityId && u.Activity.Json().Contains("ALSP Professional One", StringComparison.Ordinal));
        await Channel.WaitUntilAsync(() => Updated(triageActivity) && Updated(statusActivity), "both copies of the card updated");
    }
}
