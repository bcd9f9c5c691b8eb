using System.Net;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// The request card's long steps in a Teams dialog, over real HTTP with the invokes Teams sends: the button in the
/// card's form sends <c>task/fetch</c> with its data; the dialog's submit sends <c>task/submit</c> with that data and
/// the inputs. The sender decides what may be done, never the data.
/// </summary>
public sealed class WorkDialogTests : HostTestBase
{
    [Fact]
    public async Task Assign_InADialog_ComparesTheRoster_AssignsWithTheNote_AndEveryoneSeesIt()
    {
        var (id, triage) = await FileAsync();
        var opener = Opener(triage, "Assign", WorkDialogOpener.Compare);

        var (status, fetched) = await InvokeAsync(TeamsUser.LegalStaff, "task/fetch", new JsonObject { ["data"] = opener.DeepClone(), ["context"] = new JsonObject { ["theme"] = "dark" } });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("continue", (string?)fetched!["task"]!["type"]);
        Assert.Equal($"Assign {id}", (string?)fetched["task"]!["value"]!["title"]);
        var dialog = fetched["task"]!["value"]!["card"]!["content"]!.AsObject();
        var choices = Scenarios.Elements(dialog).Single(e => (string?)e["id"] == "request.assign.assignee");
        Assert.Equal<string>(
            [
                $"{TeamsUser.Alsp.Name} · Provider Firm A · takes NDA · USD 120/h · 0 of 5 open this week · no completed work yet",
                $"{TeamsUser.SecondAlsp.Name} · Provider Firm B · Contract review, Compliance question, IP / trademark · USD 150/h · 0 of 3 open this week · no completed work yet",
            ],
            [.. choices["choices"]!.AsArray().Select(c => (string)c!["title"]!)]);
        Assert.Equal("Acme Corp", Scenarios.Fact(dialog, "Counterparty"));

        var submit = BotReplies.ActionData(dialog, "Assign");
        submit["request.assign.assignee"] = TeamsUser.Alsp.AadObjectId;
        submit["request.assign.note"] = "Start with the non-solicit clause.";
        var (_, done) = await InvokeAsync(TeamsUser.LegalStaff, "task/submit", new JsonObject { ["data"] = submit });

        Assert.Equal("message", (string?)done!["task"]!["type"]);
        Assert.Contains(TeamsUser.Alsp.Name, (string?)done["task"]!["value"], StringComparison.Ordinal);
        var request = (await Store.GetAsync(Number(id)))!;
        Assert.Equal(RequestState.Assigned, request.State);
        Assert.Equal(TeamsUser.Alsp.AadObjectId, request.AssignedTo!.AadObjectId);
        Assert.Equal("Start with the non-solicit clause.", (await Store.GetHistoryAsync(request.Number))[^1].Note);

        // The professional gets the card; legal staff's card, pressed in the chat, is brought up to date in place.
        await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id);
        var staffCard = Scenarios.CardActivityId(Channel, TeamsUser.LegalStaff, id);
        await Channel.WaitUntilAsync(() => Scenarios.UpdatesOf(Channel, TeamsUser.LegalStaff, staffCard).Any(u => u.ToJsonString().Contains("Reassign", StringComparison.Ordinal)), "legal staff's card updated");
    }

    [Fact]
    public async Task Complete_InADialog_AsTheProfessional_LogsTheHoursAndTheOutcome()
    {
        var (id, triage) = await FileAsync();
        await As(TeamsUser.LegalStaff).ExecuteAsync(triage, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var accepted = await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        var opener = Opener(accepted.Card, "Complete", WorkDialogOpener.Write);

        var (_, fetched) = await InvokeAsync(TeamsUser.Alsp, "task/fetch", new JsonObject { ["data"] = opener.DeepClone() });
        var dialog = fetched!["task"]!["value"]!["card"]!["content"]!.AsObject();
        Assert.Equal($"Complete {id}", (string?)fetched["task"]!["value"]!["title"]);
        var submit = BotReplies.ActionData(dialog, "Complete");
        submit["request.complete.hours"] = "3.5";
        submit["request.complete.note"] = "Reviewed; two redlines sent to the counterparty.\nSigned version attached to the thread.";
        var (_, done) = await InvokeAsync(TeamsUser.Alsp, "task/submit", new JsonObject { ["data"] = submit });

        Assert.Equal("message", (string?)done!["task"]!["type"]);
        var request = (await Store.GetAsync(Number(id)))!;
        Assert.Equal(RequestState.Completed, request.State);
        Assert.Equal(3.5m, request.HoursSpent);
        Assert.Equal("Reviewed; two redlines sent to the counterparty.\nSigned version attached to the thread.", (await Store.GetHistoryAsync(request.Number))[^1].Note);
    }

    [Fact]
    public async Task SomeoneOutsideTheRole_OpeningOrSubmittingTheDialog_IsRefused_AndNothingChanges()
    {
        var (id, triage) = await FileAsync();
        var opener = Opener(triage, "Assign", WorkDialogOpener.Compare);

        // The requester (who may see the request) and a stranger (who may not) send the legal team's dialog data.
        var (_, asRequester) = await InvokeAsync(TeamsUser.Requester, "task/fetch", new JsonObject { ["data"] = opener.DeepClone() });
        var (_, asStranger) = await InvokeAsync(TeamsUser.OtherRequester, "task/fetch", new JsonObject { ["data"] = opener.DeepClone() });
        var forged = (JsonObject)opener.DeepClone();
        forged["request.assign.assignee"] = TeamsUser.Alsp.AadObjectId;
        var (_, submitted) = await InvokeAsync(TeamsUser.Requester, "task/submit", new JsonObject { ["data"] = forged });

        Assert.Equal("message", (string?)asRequester!["task"]!["type"]);
        Assert.DoesNotContain("Acme", asRequester.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(LegalBot.Application.Workflow.VisibleRequests.NotFound(Number(id)), (string?)asStranger!["task"]!["value"]);
        Assert.DoesNotContain("Acme", asStranger.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("message", (string?)submitted!["task"]!["type"]);
        var request = (await Store.GetAsync(Number(id)))!;
        Assert.Equal(RequestState.Submitted, request.State);
        Assert.Null(request.AssignedTo);
    }

    [Fact]
    public async Task ADialogOpenedBeforeSomeoneElseAssigned_IsRefusedOnSubmit_AndTheFirstAssignmentStands()
    {
        var (id, triage) = await FileAsync();
        var opener = Opener(triage, "Assign", WorkDialogOpener.Compare);
        var (_, fetched) = await InvokeAsync(TeamsUser.LegalStaff, "task/fetch", new JsonObject { ["data"] = opener.DeepClone() });
        var submit = BotReplies.ActionData(fetched!["task"]!["value"]!["card"]!["content"]!.AsObject(), "Assign");

        // Meanwhile another member of the legal team assigns it from the card.
        await As(TeamsUser.SecondLegalStaff).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.SecondLegalStaff, id), "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.SecondAlsp.AadObjectId));
        submit["request.assign.assignee"] = TeamsUser.Alsp.AadObjectId;
        var (_, late) = await InvokeAsync(TeamsUser.LegalStaff, "task/submit", new JsonObject { ["data"] = submit });

        // The dialog closes with a line and shows no card, so the line speaks of the dialog and promises no card.
        Assert.Equal("message", (string?)late!["task"]!["type"]);
        Assert.Equal(
            $"{id} changed since this dialog was opened ({TeamsUser.SecondLegalStaff.Name} acted first): it is now Assigned, with {TeamsUser.SecondAlsp.Name}. Nothing was changed; type status {id} for the current card.",
            (string?)late["task"]!["value"]);
        var request = (await Store.GetAsync(Number(id)))!;
        Assert.Equal(TeamsUser.SecondAlsp.AadObjectId, request.AssignedTo!.AadObjectId);
        Assert.Equal(2, (await Store.GetHistoryAsync(request.Number)).Count);
    }

    [Theory]
    [InlineData("{ \"action\": \"workflow.dialog\", \"verb\": \"request.assign\" }", "doesn't say which request")]
    [InlineData("{ \"action\": \"workflow.dialog\", \"verb\": \"request.reject\", \"number\": \"LR-1001\" }", "can't be taken in a dialog")]
    [InlineData("{ \"action\": \"workflow.dialog\", \"verb\": \"request.refresh\", \"number\": \"LR-1001\" }", "can't be taken in a dialog")]
    [InlineData("{ \"action\": \"workflow.dialog\", \"verb\": \"request.assign\", \"number\": \"LR-999999\" }", "LR-999999")]
    public async Task MalformedOrUnknownDialogData_GetsALine_AndChangesNothing(string data, string says)
    {
        var (id, _) = await FileAsync();

        foreach (var name in (string[])["task/fetch", "task/submit"])
        {
            var (status, body) = await InvokeAsync(TeamsUser.LegalStaff, name, new JsonObject { ["data"] = JsonNode.Parse(data) });

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("message", (string?)body!["task"]!["type"]);
            Assert.Contains(says, (string?)body["task"]!["value"], StringComparison.Ordinal);
        }

        Assert.Equal(RequestState.Submitted, (await Store.GetAsync(Number(id)))!.State);
    }

    private static class WorkDialogOpener
    {
        public const string Compare = "Compare in a dialog";
        public const string Write = "Open in a dialog";
    }

    private async Task<(string Id, JsonObject TriageCard)> FileAsync()
    {
        await As(TeamsUser.LegalStaff).SayAsync("hi");
        await As(TeamsUser.SecondLegalStaff).SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        return (id, await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id));
    }

    /// <summary>The data of the button in the card's <paramref name="form"/> form that opens it in a dialog, as Teams sends it back.</summary>
    private static JsonObject Opener(JsonObject card, string form, string title)
    {
        var showCard = Scenarios.Elements(card).Single(e => (string?)e["type"] == "Action.ShowCard" && (string?)e["title"] == form);
        var button = Scenarios.Elements(showCard["card"]).Single(e => (string?)e["type"] == "Action.Submit" && (string?)e["title"] == title);
        Assert.Equal("task/fetch", (string?)button["data"]!["msteams"]!["type"]);
        return button["data"]!.AsObject();
    }

    private static RequestNumber Number(string id) => RequestNumber.TryParse(id, out var number) ? number.Value : throw new ArgumentException(id);

    private Task<(HttpStatusCode Status, JsonObject? Body)> InvokeAsync(TeamsUser user, string name, JsonObject value)
    {
        var activity = TeamsActivities.ChannelInvoke(user, Channel.ServiceUrl, $"t-{Guid.NewGuid():N}", name, value);
        activity["conversation"] = new JsonObject { ["conversationType"] = "personal", ["tenantId"] = user.TenantId, ["id"] = user.PersonalConversationId };
        activity["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = user.TenantId } };
        return As(user).AnswerAsync(activity);
    }
}
