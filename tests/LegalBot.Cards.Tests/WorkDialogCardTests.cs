using LegalBot.Cards.Builders;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

public sealed class WorkDialogCardTests
{
    [Fact]
    public void Assign_ComparesEveryCandidate_AndPicksOneWithAnOptionalNote()
    {
        var three = WorkSamples.Professional(3, ["nda", "contract-review"]);
        three.HourlyRate = 140m;
        var ranked = AssignmentAdvisor.Rank("nda", [WorkSamples.One, WorkSamples.Two, three], new Dictionary<string, ProfessionalStats>
        {
            [WorkSamples.One.AadObjectId] = new(WorkSamples.One.AadObjectId, 2, 10, 9),
        });
        var card = Build(WorkSamples.Request(RequestState.Submitted), WorkflowAction.Assign, ranked);

        // Best first, each with what a choice between them rests on.
        var choices = card.Input("request.assign.assignee");
        Assert.Equal(
            [
                "ALSP Professional Three · Provider Firm 3 · takes NDA · USD 140/h · 0 of 5 open this week · no completed work yet",
                "ALSP Professional One · Provider Firm 1 · takes NDA · 2 of 5 open this week · 90% on time over 10 completed",
                "ALSP Professional Two · Provider Firm 2 · 0 of 5 open this week · no completed work yet",
            ],
            choices["choices"]!.AsArray().Select(c => (string)c!["title"]!));
        Assert.Equal("expanded", (string?)choices["style"]);
        Assert.True((bool?)choices["wrap"]);
        Assert.True((bool?)choices["isRequired"]);
        Assert.Equal(
            [WorkSamples.Three.AadObjectId, WorkSamples.One.AadObjectId, WorkSamples.Two.AadObjectId],
            choices["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        var note = card.Input("request.assign.note");
        Assert.Null(note["isRequired"]);
        Assert.Equal(RequestRules.MaxNoteLength, (int?)note["maxLength"]);

        var submit = card.Submit("Assign");
        Assert.Equal(
            new Dictionary<string, string>
            {
                [CardActions.ActionKey] = CardActions.WorkDialog,
                [CardActions.VerbKey] = CardActions.AssignVerb,
                [CardActions.NumberKey] = "LR-1042",
                [CardActions.VersionKey] = "7",
            },
            CardJson.Data(submit));
    }

    [Fact]
    public void Reassign_LeavesOutTheCurrentAssignee()
    {
        var card = Build(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)), WorkflowAction.Reassign, WorkSamples.Suggestions());

        var choices = card.Input("request.reassign.assignee");
        Assert.Equal([WorkSamples.Three.AadObjectId, WorkSamples.Two.AadObjectId], choices["choices"]!.AsArray().Select(c => (string)c!["value"]!));
        Assert.Equal("New ALSP professional", (string?)choices["label"]);
        Assert.Equal(CardActions.ReassignVerb, CardJson.Data(card.Submit("Reassign"))[CardActions.VerbKey]);
    }

    [Fact]
    public void Assign_WithNobodyOnTheRoster_SaysSo_AndOffersNoSubmit()
    {
        var card = Build(WorkSamples.Request(RequestState.Submitted), WorkflowAction.Assign, []);

        Assert.Contains("No active ALSP professional is on the roster.", card.Texts);
        Assert.Empty(card.Submits);
        Assert.Empty(card.Inputs);
    }

    [Fact]
    public void Complete_AsksForTheHoursAndARequiredOutcome()
    {
        var card = Build(WorkSamples.Request(RequestState.InProgress, WorkSamples.AsPerson(WorkSamples.One)), WorkflowAction.Complete, []);

        var hours = card.Input("request.complete.hours");
        Assert.Equal("Input.Number", (string?)hours["type"]);
        Assert.True((bool?)hours["isRequired"]);
        var outcome = card.Input("request.complete.note");
        Assert.True((bool?)outcome["isMultiline"]);
        Assert.True((bool?)outcome["isRequired"]);
        Assert.Equal("Outcome", (string?)outcome["label"]);
        Assert.Equal(CardActions.CompleteVerb, CardJson.Data(card.Submit("Complete"))[CardActions.VerbKey]);
        Assert.Equal("Complete LR-1042", WorkDialogCard.Title(WorkflowAction.Complete, new RequestNumber(1042)));
    }

    [Fact]
    public void ARosterLargerThanTheDialogShows_IsCutAtItsLimit_BestFirst()
    {
        var candidates = CardGallery.MaximalCandidates(n => new string('x', n), WorkDialogCard.MaxCandidates + 30);

        var card = Build(WorkSamples.Request(RequestState.Submitted), WorkflowAction.Assign, candidates);

        Assert.Equal(
            candidates.Take(WorkDialogCard.MaxCandidates).Select(c => c.Professional.AadObjectId),
            card.Input("request.assign.assignee")["choices"]!.AsArray().Select(c => (string)c!["value"]!));
    }

    [Theory]
    [InlineData(WorkflowAction.Reject, Needs.Note)]
    [InlineData(WorkflowAction.Complete, Needs.Note)]
    [InlineData(WorkflowAction.Accept, Needs.Nothing)]
    [InlineData(WorkflowAction.Rate, Needs.Rating)]
    public void ShortSteps_HaveNoDialog(WorkflowAction action, Needs needs)
    {
        Assert.False(WorkDialogCard.Shows(needs));
        Assert.Throws<ArgumentOutOfRangeException>(() => WorkDialogCard.Build(new WorkDialogModel(WorkSamples.Request(RequestState.Submitted), "NDA", action, needs, [], "USD")));
    }

    private static CardJson Build(LegalRequest request, WorkflowAction action, IReadOnlyList<AssignmentSuggestion> candidates) =>
        new(WorkDialogCard.Build(new WorkDialogModel(request, "NDA", action, action == WorkflowAction.Complete ? Needs.HoursAndNote : Needs.Assignee, candidates, "USD")));
}
