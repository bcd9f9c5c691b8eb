using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Workflow;

/// <summary>Over real HTTP on a fake clock: the due date on a request's card, counted on the legal team's calendar.</summary>
public sealed class ServiceLevelTests : HostTestBase
{
    // Friday 27 November 2026, 10:00 in London; Monday 30 November is a holiday of the legal team's.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Sla:TimeZone"] = "Europe/London",
        ["Sla:Holidays:0"] = "2026-11-30",
    };

    protected override TimeProvider HostClock => clock;

    [Fact]
    public async Task TheCard_ShowsWhenTheRequestIsDue_SkippingWeekendAndHolidays_ThenThatItIsOverdue()
    {
        var requester = As(TeamsUser.Requester);
        var id = await Scenarios.FileNdaAsync(requester);

        // An NDA takes two business days: Tuesday 1 and Wednesday 2 December (the weekend and Monday's holiday skipped).
        var filed = (await requester.SayAsync($"status {id}")).Card.Json();
        Assert.Contains("2 Dec 2026 · due in 2 business days", filed, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(6));
        var late = (await requester.SayAsync($"status {id}")).Card.Json();
        Assert.Contains("2 Dec 2026 · overdue by 1 business day", late, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LegalStaff_AcceptTheRequestersEarlierDate_ItBecomesTheDueDateEverywhere_AndHistoryRecordsIt()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var id = await FileWithRequestedDateAsync(requester, "2026-12-01");

        // The requester sees their date, but only legal staff get the button, which names it.
        var own = (await requester.SayAsync($"status {id}")).Card;
        Assert.Equal("1 Dec 2026", Scenarios.Fact(own, "Requested due date"));
        Assert.Equal("2 Dec 2026 · due in 2 business days", Scenarios.Fact(own, "Due"));
        Assert.DoesNotContain(BotReplies.ExecuteTitles(own), t => t.StartsWith("Accept requested date", StringComparison.Ordinal));

        // Forged by the requester: refused from the sender's own role, nothing changes.
        var forged = await requester.InvokeAsync(CardActions.AcceptRequestedDateVerb, new JsonObject { ["number"] = id, ["version"] = "1" });
        Assert.Contains("Only legal staff can accept the requested due date of this request.", forged.Card.Json(), StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 12, 2), (await RequestAsync(id)).TargetDate);

        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        var accepted = await staff.ExecuteAsync(triage, "Accept requested date (1 Dec 2026)");

        Assert.Equal("1 Dec 2026 · due in 1 business day", Scenarios.Fact(accepted.Card, "Due"));
        Assert.Equal("1 Dec 2026 · the due date", Scenarios.Fact(accepted.Card, "Requested due date"));
        Assert.DoesNotContain(BotReplies.ExecuteTitles(accepted.Card), t => t.StartsWith("Accept requested date", StringComparison.Ordinal));
        Assert.Equal("Submitted", Scenarios.Fact(accepted.Card, "State"));
        var request = await RequestAsync(id);
        Assert.Equal(new DateOnly(2026, 12, 1), request.TargetDate);
        Assert.Equal(RequestState.Submitted, request.State);

        var history = (await requester.SayAsync($"history {id}")).Card.Json();
        Assert.Contains("Accepted the requested due date: due 1 Dec 2026", history, StringComparison.Ordinal);
        // The dispatcher's polls and the chats' rate limits run on the clock: move it a moment at a time.
        await Channel.WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                return Scenarios.TextsTo(Channel, TeamsUser.Requester).Any(t => t.Contains($"{TeamsUser.LegalStaff.Name} accepted your requested due date for {id}: it is now due 1 Dec 2026.", StringComparison.Ordinal));
            },
            "the requester is told");

        // A day after the requested date it is overdue, a day before the turnaround date would have been.
        clock.Advance(TimeSpan.FromDays(5));
        Assert.Equal("1 Dec 2026 · overdue by 1 business day", Scenarios.Fact((await requester.SayAsync($"status {id}")).Card, "Due"));
    }

    [Fact]
    public async Task ARequestedDateLaterThanTheTurnaround_OrPassed_IsNotOffered_AndAForgedPressSaysWhy()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var later = await FileWithRequestedDateAsync(requester, "2026-12-09");
        var earlier = await FileWithRequestedDateAsync(requester, "2026-12-01", "Beta NDA");

        var laterCard = (await staff.SayAsync($"status {later}")).Card;
        Assert.Equal("9 Dec 2026 · later than the turnaround date, which stands", Scenarios.Fact(laterCard, "Requested due date"));
        Assert.Equal("2 Dec 2026 · due in 2 business days", Scenarios.Fact(laterCard, "Due"));
        Assert.DoesNotContain(BotReplies.ExecuteTitles(laterCard), t => t.StartsWith("Accept requested date", StringComparison.Ordinal));
        var refused = await staff.InvokeAsync(CardActions.AcceptRequestedDateVerb, new JsonObject { ["number"] = later, ["version"] = "1" });
        Assert.Contains($"The requested date, 9 Dec 2026, is not earlier than {later}'s turnaround date, 2 Dec 2026, which stands. Nothing was changed.", refused.Card.Json(), StringComparison.Ordinal);

        // Wednesday 2 December: the requested Tuesday has passed.
        clock.Advance(TimeSpan.FromDays(5));
        var passedCard = (await staff.SayAsync($"status {earlier}")).Card;
        Assert.DoesNotContain(BotReplies.ExecuteTitles(passedCard), t => t.StartsWith("Accept requested date", StringComparison.Ordinal));
        var passed = await staff.InvokeAsync(CardActions.AcceptRequestedDateVerb, new JsonObject { ["number"] = earlier, ["version"] = "1" });
        Assert.Contains($"The requested date, 1 Dec 2026, has passed, so {earlier} stays due 2 Dec 2026. Nothing was changed.", passed.Card.Json(), StringComparison.Ordinal);

        foreach (var id in new[] { later, earlier })
        {
            var request = await RequestAsync(id);
            Assert.Equal(new DateOnly(2026, 12, 2), request.TargetDate);
            Assert.Equal(1, request.Version);
        }
    }

    [Fact]
    public async Task MyRequestsAndMyAssignments_ShowEachRowsDueStatus_OnHoldWhileWaitingOnTheRequester()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var alsp = As(TeamsUser.Alsp);
        var first = await Scenarios.FileNdaAsync(requester, "First NDA");
        await Scenarios.FileNdaAsync(requester, "Second NDA");
        await staff.ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, first), "Assign", Scenarios.Input(Core.Workflow.WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        var accepted = await alsp.ExecuteAsync((await alsp.SayAsync($"status {first}")).Card, "Accept");
        await alsp.ExecuteAsync(accepted.Card, "Send", Scenarios.Input(Core.Workflow.WorkflowAction.AskRequester, CardActions.NoteField, "Which entity signs?"));

        var mine = BotReplies.TextLines((await requester.SayAsync("my requests")).Card);
        Assert.Contains("On hold (waiting on the requester)", mine);
        Assert.Contains("Due 2 Dec · in 2 business days", mine);
        Assert.Contains("On hold (waiting on the requester)", BotReplies.TextLines((await alsp.SayAsync("my assignments")).Card));

        // Tuesday 1 December: the second is due tomorrow, the first still on hold; on Thursday the second is overdue.
        clock.Advance(TimeSpan.FromDays(4));
        Assert.Contains("Due 2 Dec · in 1 business day", BotReplies.TextLines((await requester.SayAsync("my requests")).Card));
        clock.Advance(TimeSpan.FromDays(2));
        var later = BotReplies.TextLines((await requester.SayAsync("my requests")).Card);
        Assert.Contains("Overdue by 1 business day", later);
        Assert.Contains("On hold (waiting on the requester)", later);
    }

    [Fact]
    public async Task TheMetrics_CountOnTimeAgainstTheAcceptedDate()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        var alsp = As(TeamsUser.Alsp);
        var accepted = await FileWithRequestedDateAsync(requester, "2026-12-01", "Accepted date NDA");
        var kept = await FileWithRequestedDateAsync(requester, "2026-12-01", "Turnaround date NDA");
        await staff.ExecuteAsync((await staff.SayAsync($"status {accepted}")).Card, "Accept requested date (1 Dec 2026)");

        // Both are completed on Wednesday 2 December: on time against the turnaround date, a day late against the
        // requester's date.
        clock.Advance(TimeSpan.FromDays(5));
        foreach (var id in new[] { accepted, kept })
        {
            await staff.ExecuteAsync((await staff.SayAsync($"status {id}")).Card, "Assign", Scenarios.Input(Core.Workflow.WorkflowAction.Assign, CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
            var working = await alsp.ExecuteAsync((await alsp.SayAsync($"status {id}")).Card, "Accept");
            await alsp.ExecuteAsync(working.Card, "Complete", new JsonObject
            {
                [CardActions.InputId(Core.Workflow.WorkflowAction.Complete, CardActions.HoursField)] = "2",
                [CardActions.InputId(Core.Workflow.WorkflowAction.Complete, CardActions.NoteField)] = "Signed.",
            });
        }

        clock.Advance(TimeSpan.FromMinutes(1));
        var metrics = (await staff.SayAsync("metrics")).Card;

        Assert.Equal("2 · 50% on time (1 of 2)", Scenarios.Fact(metrics, "Completed"));
    }

    private async Task<LegalRequest> RequestAsync(string id) =>
        (await Store.GetAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))!;

    private static async Task<string> FileWithRequestedDateAsync(TeamsClient requester, string date, string title = "Acme distribution NDA")
    {
        var picker = await requester.SayAsync("new request");
        var form = await requester.SubmitAsync(BotReplies.ActionData(picker.Card, "NDA"));
        var data = Scenarios.FillNda(BotReplies.ActionData(form.Card, "Review request"), title);
        data["dueDate"] = date;
        var summary = await requester.SubmitAsync(data);
        var filed = await requester.SubmitAsync(BotReplies.ActionData(summary.Card, "Submit"));
        return System.Text.RegularExpressions.Regex.Match(filed.Texts.First(), @"LR-\d+").Value;
    }
}
