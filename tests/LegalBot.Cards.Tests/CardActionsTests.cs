using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

public sealed class CardActionsTests
{
    public static TheoryData<WorkflowAction, string> ExpectedVerbs => new()
    {
        { WorkflowAction.Assign, "request.assign" },
        { WorkflowAction.Reassign, "request.reassign" },
        { WorkflowAction.KeepInHouse, "request.keepInHouse" },
        { WorkflowAction.AskForInfo, "request.askForInfo" },
        { WorkflowAction.ProvideInfo, "request.provideInfo" },
        { WorkflowAction.Reject, "request.reject" },
        { WorkflowAction.Accept, "request.accept" },
        { WorkflowAction.Decline, "request.decline" },
        { WorkflowAction.AskRequester, "request.askRequester" },
        { WorkflowAction.Answer, "request.answer" },
        { WorkflowAction.Complete, "request.complete" },
        { WorkflowAction.Cancel, "request.cancel" },
        { WorkflowAction.Rate, "request.rate" },
    };

    [Theory]
    [MemberData(nameof(ExpectedVerbs))]
    public void Verb_MapsBothWays(WorkflowAction action, string verb)
    {
        Assert.Equal(verb, CardActions.Verb(action));
        Assert.True(CardActions.TryGetAction(verb, out var back));
        Assert.Equal(action, back);
        Assert.Equal(action, CardActions.WorkflowVerbs[verb]);
    }

    [Fact]
    public void EveryWorkflowAction_HasItsOwnVerb()
    {
        var actions = Enum.GetValues<WorkflowAction>();

        Assert.Equal(actions.Length, CardActions.WorkflowVerbs.Count);
        Assert.Equal(actions.Length, actions.Select(CardActions.Verb).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [InlineData(CardActions.RefreshVerb)]
    [InlineData("REQUEST.ACCEPT")]
    [InlineData("accept")]
    [InlineData("")]
    [InlineData(null)]
    public void TryGetAction_RefusesRefreshAndUnknownVerbs(string? verb)
    {
        Assert.False(CardActions.TryGetAction(verb, out _));
    }

    [Fact]
    public void RefreshVerb_IsRequestRefresh()
    {
        Assert.Equal("request.refresh", CardActions.RefreshVerb);
    }

    [Fact]
    public void Verb_OfAnUnknownAction_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => CardActions.Verb((WorkflowAction)99));
    }

    [Fact]
    public void InputId_IsTheVerbAndTheField()
    {
        Assert.Equal("request.reject.note", CardActions.InputId(WorkflowAction.Reject, CardActions.NoteField));
        Assert.Equal("request.assign.assignee", CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField));
        Assert.Equal("request.complete.hours", CardActions.InputId(WorkflowAction.Complete, CardActions.HoursField));
        Assert.Equal("request.rate.rating", CardActions.InputId(WorkflowAction.Rate, CardActions.RatingField));
    }

    [Fact]
    public void RequestData_IsTheNumberAndTheVersion()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["number"] = "LR-1042", ["version"] = "12" },
            CardActions.RequestData(new RequestNumber(1042), 12));
    }

    [Fact]
    public void FallbackData_SaysWorkflowAndTheVerb_ThenTheSameData()
    {
        var data = CardActions.FallbackData(CardActions.AcceptVerb, CardActions.RequestData(new RequestNumber(7), 3));

        Assert.Equal(["action", "verb", "number", "version"], data.Keys);
        Assert.Equal(["workflow", "request.accept", "LR-7", "3"], data.Values);
    }
}
