using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using static LegalBot.Core.Requests.RequestState;
using static LegalBot.Core.Workflow.WorkflowAction;

namespace LegalBot.Cards.Tests;

/// <summary>How a refused action reads: who may take it, or why not now. The domain decides; this words it.</summary>
public sealed class RefusalTextTests
{
    /// <summary>The refusal for someone who may never take the action on this request.</summary>
    private static readonly Dictionary<WorkflowAction, string> OnlyWho = new()
    {
        [Assign] = "Only legal staff can assign this request.",
        [Reassign] = "Only legal staff can reassign this request.",
        [KeepInHouse] = "Only legal staff can keep this request in-house.",
        [AskForInfo] = "Only legal staff can ask for more information on this request.",
        [ProvideInfo] = "Only the requester can add information to this request.",
        [Reject] = "Only legal staff can reject this request.",
        [Accept] = "Only the assigned ALSP professional can accept this request.",
        [Decline] = "Only the assigned ALSP professional can decline this request.",
        [AskRequester] = "Only the assigned ALSP professional can put a question to the requester on this request.",
        [Answer] = "Only the requester can answer questions on this request.",
        [Complete] = "Only the assigned ALSP professional or legal staff can complete this request.",
        [Cancel] = "Only the requester or legal staff can cancel this request.",
        [Rate] = "Only the requester can rate this request.",
        [AcceptRequestedDate] = "Only legal staff can accept the requested due date of this request.",
    };

    /// <summary>How the "why not now" refusal names each state ("LR-1042 is … now").</summary>
    private static readonly Dictionary<RequestState, string> StateNow = new()
    {
        [Submitted] = "submitted",
        [InTriage] = "in triage",
        [Assigned] = "assigned",
        [InProgress] = "in progress",
        [WaitingOnRequester] = "waiting on the requester",
        [NeedsInfo] = "waiting for more information",
        [KeptInHouse] = "kept in-house",
        [Completed] = "completed",
        [Rejected] = "rejected",
        [Cancelled] = "cancelled",
    };

    /// <summary>How the "why not now" refusal names each action ("so it can't be …").</summary>
    private static readonly Dictionary<WorkflowAction, string> CantBe = new()
    {
        [Assign] = "assigned",
        [Reassign] = "reassigned",
        [KeepInHouse] = "kept in-house",
        [AskForInfo] = "sent back for more information",
        [ProvideInfo] = "given more information",
        [Reject] = "rejected",
        [Accept] = "accepted",
        [Decline] = "declined",
        [AskRequester] = "put on hold for the requester",
        [Answer] = "answered",
        [Complete] = "completed",
        [Cancel] = "cancelled",
        [Rate] = "rated",
        [AcceptRequestedDate] = "given the requested due date",
    };

    public static TheoryData<RequestState, WorkflowAction, string> Refusals()
    {
        var data = new TheoryData<RequestState, WorkflowAction, string>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var action in Enum.GetValues<WorkflowAction>())
            {
                foreach (var actor in (string[])[WorkSamples.Counsel.AadObjectId, WorkSamples.One.AadObjectId, WorkSamples.Requester.AadObjectId, WorkSamples.Two.AadObjectId])
                {
                    if (!WorkSamples.Workflow.Decide(RequestIn(state), action, actor).Allowed)
                    {
                        data.Add(state, action, actor);
                    }
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Refusals))]
    public void EveryRefusal_ReadsAsAPlainSentence(RequestState state, WorkflowAction action, string actor)
    {
        var request = RequestIn(state);
        var refusal = WorkSamples.Workflow.Decide(request, action, actor).Refusal!;

        var expected = refusal is WorkflowRefusal.WrongState
            ? $"{request.Number} is {StateNow[state]} now, so it can't be {CantBe[action]}."
            : OnlyWho[action];
        Assert.Equal(expected, RefusalText.For(request.Number, refusal));
    }

    private static LegalRequest RequestIn(RequestState state) => WorkSamples.Request(state, assignedTo: WorkSamples.AsPerson(WorkSamples.One));

    [Fact]
    public void Refusals_ReadAsPlainSentences()
    {
        var number = new RequestNumber(1042);

        Assert.Equal("Only legal staff can assign this request.", RefusalText.For(number, new WorkflowRefusal.NotYourAction(Assign, [Party.LegalStaff])));
        Assert.Equal("LR-1042 is completed now, so it can't be accepted.", RefusalText.For(number, new WorkflowRefusal.WrongState(Accept, Completed)));
        Assert.Equal("LR-1042 is waiting for more information now, so it can't be assigned.", RefusalText.For(number, new WorkflowRefusal.WrongState(Assign, NeedsInfo)));
        Assert.Equal("Only legal staff can keep this request in-house.", RefusalText.For(number, new WorkflowRefusal.NotYourAction(KeepInHouse, [Party.LegalStaff])));
        Assert.Equal("Only the requester or legal staff can cancel this request.", RefusalText.For(number, new WorkflowRefusal.NotYourAction(Cancel, [Party.Requester, Party.LegalStaff])));
    }

    [Theory]
    [InlineData(Submitted, "Submitted")]
    [InlineData(InTriage, "In triage")]
    [InlineData(Assigned, "Assigned")]
    [InlineData(InProgress, "In progress")]
    [InlineData(WaitingOnRequester, "Waiting on requester")]
    [InlineData(NeedsInfo, "Needs info")]
    [InlineData(KeptInHouse, "Kept in-house")]
    [InlineData(Completed, "Completed")]
    [InlineData(Rejected, "Rejected")]
    [InlineData(Cancelled, "Cancelled")]
    public void EveryState_HasTheLabelCardsShow(RequestState state, string label) =>
        Assert.Equal(label, state.Describe());
}
