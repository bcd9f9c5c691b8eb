using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace LegalBot.Tests.Workflow;

/// <summary>
/// Each refused workflow action is logged once, with ids only: who, which request, which action, why. What the
/// person typed, and what the request says, never reaches the log.
/// </summary>
public class RefusalLogTests : HostTestBase
{
    private const int ActionRefused = 6001;
    private const string Title = "Orchid merger NDA";
    private const string Typed = "Zebra lighthouse pineapple note";

    /// <summary>The line a refusal is logged as: ids and names of enum values only.</summary>
    private static string Line(string action, string id, TeamsUser who, string reason) => $"Refused {action} on {id} by {who.AadObjectId}: {reason}";

    private IReadOnlyList<LogSink.Entry> Refusals() => [.. Logs.Entries.Where(e => e.EventId.Id == ActionRefused)];

    private void AssertNoFreeText() =>
        Assert.DoesNotContain(Logs.Entries, e => e.Message.Contains(Title, StringComparison.Ordinal)
            || e.Message.Contains(Typed, StringComparison.Ordinal)
            || e.Message.Contains("Mutual NDA before we share pricing", StringComparison.Ordinal));

    [Fact]
    public async Task NotYourAction_IsLoggedOnce_WithWhoWhichRequestWhichActionAndWhy()
    {
        var requester = As(TeamsUser.Requester);
        var id = await Scenarios.FileNdaAsync(requester, Title);
        var forged = new JsonObject
        {
            ["number"] = id,
            ["version"] = "1",
            [CardActions.InputId(WorkflowAction.Reject, CardActions.NoteField)] = Typed,
        };

        var answer = await requester.InvokeAsync(CardActions.Verb(WorkflowAction.Reject), forged);

        Assert.Contains("Only legal staff can reject", answer.Card.Json());
        var entry = Assert.Single(Refusals());
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Equal(Line("Reject", id, TeamsUser.Requester, "NotYourAction"), entry.Message);
        AssertNoFreeText();
    }

    [Fact]
    public async Task WrongStateAndStaleClicks_AreLoggedOnceEach()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Title);
        var card = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(card, "Keep in-house");

        // The old card, pressed again: stale. The current version, with an action the state no longer allows: wrong state.
        await staff.ExecuteAsync(card, "Reject", Scenarios.Input(WorkflowAction.Reject, CardActions.NoteField, Typed));
        var current = new JsonObject { ["number"] = id, ["version"] = "2", [CardActions.InputId(WorkflowAction.Reject, CardActions.NoteField)] = Typed };
        var wrongState = await staff.InvokeAsync(CardActions.Verb(WorkflowAction.Reject), current);

        Assert.Contains("is kept in-house now, so it can't be rejected", wrongState.Card.Json());
        Assert.Equal([Line("Reject", id, TeamsUser.LegalStaff, "StaleVersion"), Line("Reject", id, TeamsUser.LegalStaff, "WrongState")], Refusals().Select(e => e.Message));
        AssertNoFreeText();
    }

    [Fact]
    public async Task ARequestTheSenderCannotSee_IsLoggedOnce_FromAButtonOrATypedAnswer()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Title);
        var stranger = As(TeamsUser.SecondAlsp);

        var pressed = await stranger.InvokeAsync(CardActions.AcceptVerb, new JsonObject { ["number"] = id, ["version"] = "1" });
        var typed = await stranger.SayAsync($"answer {id}: {Typed}");

        Assert.Contains("couldn't find", pressed.Message);
        Assert.Contains("couldn't find", typed.Texts.Single());
        Assert.Equal([Line("Accept", id, TeamsUser.SecondAlsp, "NotVisible"), Line("Answer", id, TeamsUser.SecondAlsp, "NotVisible")], Refusals().Select(e => e.Message));
        AssertNoFreeText();
    }
}
