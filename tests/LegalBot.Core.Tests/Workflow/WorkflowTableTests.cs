using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using static LegalBot.Core.Requests.RequestState;
using static LegalBot.Core.Workflow.WorkflowAction;

namespace LegalBot.Core.Tests.Workflow;

/// <summary>
/// The documented request workflow, written out state by state independently of <see cref="WorkflowTable"/>,
/// and checked against <see cref="RequestWorkflow"/> for every state, action and party.
/// </summary>
public sealed class WorkflowTableTests
{
    /// <summary>Who is acting, relative to the request under test.</summary>
    public enum Actor
    {
        LegalStaff,
        AssignedAlsp,
        Requester,

        /// <summary>On the ALSP roster, but the request is assigned to someone else.</summary>
        UnassignedAlsp,

        /// <summary>Neither legal staff, nor on the roster, nor the requester.</summary>
        Unrelated,
    }

    private static readonly Dictionary<Actor, string> Ids = new()
    {
        [Actor.LegalStaff] = "legal-staff",
        [Actor.AssignedAlsp] = "alsp-1",
        [Actor.Requester] = "requester",
        [Actor.UnassignedAlsp] = "alsp-2",
        [Actor.Unrelated] = "unrelated-user",
    };

    /// <summary>The specification: every allowed move, listed under the state it starts from. Anything else is refused.</summary>
    private static readonly Dictionary<RequestState, (WorkflowAction Action, Actor By, RequestState To)[]> Spec = new()
    {
        [Submitted] =
        [
            (Assign, Actor.LegalStaff, Assigned),
            (KeepInHouse, Actor.LegalStaff, KeptInHouse),
            (AskForInfo, Actor.LegalStaff, NeedsInfo),
            (Reject, Actor.LegalStaff, Rejected),
            (Cancel, Actor.LegalStaff, Cancelled),
            (Cancel, Actor.Requester, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, Submitted),
        ],
        [InTriage] =
        [
            (Assign, Actor.LegalStaff, Assigned),
            (KeepInHouse, Actor.LegalStaff, KeptInHouse),
            (AskForInfo, Actor.LegalStaff, NeedsInfo),
            (Reject, Actor.LegalStaff, Rejected),
            (Cancel, Actor.LegalStaff, Cancelled),
            (Cancel, Actor.Requester, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, InTriage),
        ],
        [NeedsInfo] =
        [
            (ProvideInfo, Actor.Requester, InTriage),
            (Reject, Actor.LegalStaff, Rejected),
            (Cancel, Actor.LegalStaff, Cancelled),
            (Cancel, Actor.Requester, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, NeedsInfo),
        ],
        [Assigned] =
        [
            (Reassign, Actor.LegalStaff, Assigned),
            (Accept, Actor.AssignedAlsp, InProgress),
            (Decline, Actor.AssignedAlsp, InTriage),
            (Cancel, Actor.LegalStaff, Cancelled),
            (Cancel, Actor.Requester, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, Assigned),
        ],
        [InProgress] =
        [
            (Reassign, Actor.LegalStaff, Assigned),
            (AskRequester, Actor.AssignedAlsp, WaitingOnRequester),
            (Complete, Actor.AssignedAlsp, Completed),
            (Cancel, Actor.LegalStaff, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, InProgress),
        ],
        [WaitingOnRequester] =
        [
            (Reassign, Actor.LegalStaff, Assigned),
            (Answer, Actor.Requester, InProgress),
            (Cancel, Actor.LegalStaff, Cancelled),
            (AcceptRequestedDate, Actor.LegalStaff, WaitingOnRequester),
        ],
        [KeptInHouse] =
        [
            (Complete, Actor.LegalStaff, Completed),
            (Cancel, Actor.LegalStaff, Cancelled),
        ],
        [Completed] =
        [
            (Rate, Actor.Requester, Completed),
        ],
        [Rejected] = [],
        [Cancelled] = [],
    };

    /// <summary>The parties who may ever take each action, in the order the refusal names them.</summary>
    private static readonly Dictionary<WorkflowAction, Party[]> OnlyWho = new()
    {
        [Assign] = [Party.LegalStaff],
        [Reassign] = [Party.LegalStaff],
        [KeepInHouse] = [Party.LegalStaff],
        [AskForInfo] = [Party.LegalStaff],
        [ProvideInfo] = [Party.Requester],
        [Reject] = [Party.LegalStaff],
        [Accept] = [Party.AssignedProfessional],
        [Decline] = [Party.AssignedProfessional],
        [AskRequester] = [Party.AssignedProfessional],
        [Answer] = [Party.Requester],
        [Complete] = [Party.AssignedProfessional, Party.LegalStaff],
        [Cancel] = [Party.Requester, Party.LegalStaff],
        [Rate] = [Party.Requester],
        [AcceptRequestedDate] = [Party.LegalStaff],
    };

    private static readonly RequestWorkflow Workflow = new(new AccessPolicy(new RoleOptions
    {
        LegalStaff = [Ids[Actor.LegalStaff]],
        Alsp =
        [
            new AlspProfessional { AadObjectId = Ids[Actor.AssignedAlsp], Name = "alsp-1", Firm = "alsp-firm" },
            new AlspProfessional { AadObjectId = Ids[Actor.UnassignedAlsp], Name = "alsp-2", Firm = "alsp-firm" },
        ],
    }));

    public static TheoryData<RequestState, WorkflowAction, Actor> AllowedMoves() => Combinations(allowed: true);

    public static TheoryData<RequestState, WorkflowAction, Actor> RefusedMoves() => Combinations(allowed: false);

    public static TheoryData<RequestState, Actor> StatesAndActors()
    {
        var data = new TheoryData<RequestState, Actor>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var actor in Enum.GetValues<Actor>())
            {
                data.Add(state, actor);
            }
        }

        return data;
    }

    public static TheoryData<RequestState, WorkflowAction> StatesAndActions()
    {
        var data = new TheoryData<RequestState, WorkflowAction>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var action in Enum.GetValues<WorkflowAction>())
            {
                data.Add(state, action);
            }
        }

        return data;
    }

    public static TheoryData<RequestState> AllStates() => [.. Enum.GetValues<RequestState>()];

    [Fact]
    public void Specification_CoversEveryStateAndEveryAction()
    {
        Assert.Equal(Enum.GetValues<RequestState>().Order(), Spec.Keys.Order());
        Assert.Equal(Enum.GetValues<WorkflowAction>().Order(), Spec.Values.SelectMany(moves => moves).Select(m => m.Action).Distinct().Order());
    }

    [Fact]
    public void EveryCombination_IsEitherAllowedOrRefused()
    {
        var all = Enum.GetValues<RequestState>().Length * Enum.GetValues<WorkflowAction>().Length * Enum.GetValues<Actor>().Length;

        Assert.Equal(700, all);
        Assert.Equal(all, AllowedMoves().Count + RefusedMoves().Count);
    }

    [Theory]
    [MemberData(nameof(AllowedMoves))]
    public void Decide_AllowsADocumentedMove_AndGivesItsTargetState(RequestState state, WorkflowAction action, Actor actor)
    {
        var decision = Workflow.Decide(RequestIn(state), action, Ids[actor]);

        Assert.True(decision.Allowed);
        Assert.Null(decision.Refusal);
        Assert.Equal(action, decision.Transition!.Action);
        Assert.Equal(ExpectedTarget(state, action, [actor]), decision.Transition.To);
        Assert.Equal(PartyOf(actor), decision.Transition.By);
        Assert.True(decision.Transition.Allows(state));
    }

    [Theory]
    [MemberData(nameof(RefusedMoves))]
    public void Decide_RefusesAnyOtherMove_SayingWhoMayOrWhyNotNow(RequestState state, WorkflowAction action, Actor actor)
    {
        var decision = Workflow.Decide(RequestIn(state), action, Ids[actor]);

        Assert.False(decision.Allowed);
        Assert.Null(decision.Transition);
        Assert.Equal(ExpectedRefusal(state, action, [actor]), Shape(decision.Refusal));
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void Available_ListsExactlyTheDocumentedMoves(RequestState state, Actor actor)
    {
        var available = Workflow.Available(RequestIn(state), Ids[actor]);

        Assert.Equal(ExpectedMoves(state, [actor]), available.Select(t => (t.Action, t.To)).Order());
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void Available_OffersEachActionOnce_AsTheMoveDecideWouldTake(RequestState state, Actor actor)
    {
        var request = RequestIn(state);

        var available = Workflow.Available(request, Ids[actor]);

        Assert.Equal(available.Count, available.Select(t => t.Action).Distinct().Count());
        Assert.All(available, t => Assert.Equal(t, Workflow.Decide(request, t.Action, Ids[actor]).Transition));
    }

    [Theory]
    [MemberData(nameof(StatesAndActions))]
    public void LegalStaffWhoFiledTheRequest_GetsBothPartiesMoves(RequestState state, WorkflowAction action)
    {
        var request = RequestIn(state) with { Requester = new Person(Ids[Actor.LegalStaff], "legal-staff") };
        Actor[] both = [Actor.LegalStaff, Actor.Requester];

        var decision = Workflow.Decide(request, action, Ids[Actor.LegalStaff]);

        var target = ExpectedTarget(state, action, both);
        Assert.Equal(target, decision.Transition?.To);
        Assert.Equal(target is null ? ExpectedRefusal(state, action, both) : null, Shape(decision.Refusal));
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void LegalStaffWhoFiledTheRequest_SeesBothPartiesMovesAvailable(RequestState state)
    {
        var request = RequestIn(state) with { Requester = new Person(Ids[Actor.LegalStaff], "legal-staff") };

        var available = Workflow.Available(request, Ids[Actor.LegalStaff]);

        Assert.Equal(ExpectedMoves(state, [Actor.LegalStaff, Actor.Requester]), available.Select(t => (t.Action, t.To)).Order());
    }

    [Fact]
    public void LegalStaffWhoFiledTheRequest_CanBothCompleteInHouseWorkAndRateIt()
    {
        var request = RequestIn(KeptInHouse) with { Requester = new Person(Ids[Actor.LegalStaff], "legal-staff") };

        Assert.Equal(Completed, Workflow.Decide(request, Complete, Ids[Actor.LegalStaff]).Transition?.To);
        Assert.True(Workflow.Decide(request with { State = Completed }, Rate, Ids[Actor.LegalStaff]).Allowed);
    }

    [Theory]
    [MemberData(nameof(AllStates))]
    public void AlspProfessionalWhoIsNotTheAssignee_CanDoNothing(RequestState state)
    {
        var request = RequestIn(state);

        Assert.Empty(Workflow.Available(request, Ids[Actor.UnassignedAlsp]));
        Assert.Empty(Workflow.PartiesOf(request, Ids[Actor.UnassignedAlsp]));
        Assert.All(Enum.GetValues<WorkflowAction>(), action =>
            Assert.Equal(NotYours(action), Shape(Workflow.Decide(request, action, Ids[Actor.UnassignedAlsp]).Refusal)));
    }

    [Fact]
    public void AssigneeNoLongerOnTheRoster_IsNotTheAssignedProfessional()
    {
        var request = RequestIn(Assigned) with { AssignedTo = new Person("former-alsp", "former-alsp") };

        var decision = Workflow.Decide(request, Accept, "former-alsp");

        Assert.False(decision.Allowed);
        Assert.Equal(NotYours(Accept), Shape(decision.Refusal));
    }

    [Theory]
    [MemberData(nameof(StatesAndActors))]
    public void PartiesOf_NamesTheActorsRelationToTheRequest(RequestState state, Actor actor)
    {
        var parties = Workflow.PartiesOf(RequestIn(state), Ids[actor]);

        Party[] expected = PartyOf(actor) is { } party ? [party] : [];
        Assert.Equal(expected, parties.Order());
    }

    [Fact]
    public void Refusals_SayWhoMay_OrWhichStateStandsInTheWay()
    {
        var notYours = Assert.IsType<WorkflowRefusal.NotYourAction>(Workflow.Decide(RequestIn(Submitted), Complete, Ids[Actor.Requester]).Refusal);
        Assert.Equal(Complete, notYours.Action);
        Assert.Equal([Party.AssignedProfessional, Party.LegalStaff], notYours.MayTakeIt);

        var wrongState = Assert.IsType<WorkflowRefusal.WrongState>(Workflow.Decide(RequestIn(NeedsInfo), Assign, Ids[Actor.LegalStaff]).Refusal);
        Assert.Equal(new WorkflowRefusal.WrongState(Assign, NeedsInfo), wrongState);
    }

    [Theory]
    [InlineData(Submitted, false)]
    [InlineData(InTriage, false)]
    [InlineData(Assigned, false)]
    [InlineData(InProgress, false)]
    [InlineData(WaitingOnRequester, false)]
    [InlineData(NeedsInfo, false)]
    [InlineData(KeptInHouse, false)]
    [InlineData(Completed, true)]
    [InlineData(Rejected, true)]
    [InlineData(Cancelled, true)]
    public void IsTerminal_OnlyForCompletedRejectedAndCancelled(RequestState state, bool terminal) =>
        Assert.Equal(terminal, WorkflowTable.IsTerminal(state));

    [Theory]
    [MemberData(nameof(AllStates))]
    public void TerminalStates_LeadNowhere_AndOpenStatesCanAlwaysBeCancelledByLegalStaff(RequestState state)
    {
        var leaving = WorkflowTable.Transitions.Where(t => t.Allows(state) && t.To != state);

        if (WorkflowTable.IsTerminal(state))
        {
            Assert.Empty(leaving);
        }
        else
        {
            Assert.Equal(Cancelled, Workflow.Decide(RequestIn(state), Cancel, Ids[Actor.LegalStaff]).Transition?.To);
        }
    }

    private static TheoryData<RequestState, WorkflowAction, Actor> Combinations(bool allowed)
    {
        var data = new TheoryData<RequestState, WorkflowAction, Actor>();
        foreach (var state in Enum.GetValues<RequestState>())
        {
            foreach (var action in Enum.GetValues<WorkflowAction>())
            {
                foreach (var actor in Enum.GetValues<Actor>())
                {
                    if ((ExpectedTarget(state, action, [actor]) is not null) == allowed)
                    {
                        data.Add(state, action, actor);
                    }
                }
            }
        }

        return data;
    }

    private static RequestState? ExpectedTarget(RequestState state, WorkflowAction action, Actor[] actors)
    {
        var targets = Spec[state].Where(m => m.Action == action && actors.Contains(m.By)).Select(m => m.To).Distinct().ToList();
        return targets.Count == 0 ? null : Assert.Single(targets);
    }

    private static string ExpectedRefusal(RequestState state, WorkflowAction action, Actor[] actors)
    {
        var mayEverDoIt = Spec.Values.SelectMany(moves => moves).Any(m => m.Action == action && actors.Contains(m.By));
        return mayEverDoIt ? $"WrongState {action} {state}" : NotYours(action);
    }

    private static string NotYours(WorkflowAction action) => $"NotYourAction {action} {string.Join("+", OnlyWho[action])}";

    /// <summary>A refusal as comparable text: its kind, its action and what it names.</summary>
    private static string? Shape(WorkflowRefusal? refusal) => refusal switch
    {
        null => null,
        WorkflowRefusal.NotYourAction n => $"NotYourAction {n.Action} {string.Join("+", n.MayTakeIt)}",
        WorkflowRefusal.WrongState w => $"WrongState {w.Action} {w.State}",
        _ => refusal.ToString(),
    };

    private static IEnumerable<(WorkflowAction, RequestState)> ExpectedMoves(RequestState state, Actor[] actors) =>
        Spec[state].Where(m => actors.Contains(m.By)).Select(m => (m.Action, m.To)).Distinct().Order();

    private static Party? PartyOf(Actor actor) => actor switch
    {
        Actor.LegalStaff => Party.LegalStaff,
        Actor.AssignedAlsp => Party.AssignedProfessional,
        Actor.Requester => Party.Requester,
        _ => null,
    };

    /// <summary>
    /// LR-1042, filed by the requester and assigned to alsp-1 in every state, so that only the state decides
    /// what the assignee may do (a declined request keeps its last assignee, for instance).
    /// </summary>
    private static LegalRequest RequestIn(RequestState state)
    {
        var at = new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero);
        return new LegalRequest
        {
            Number = new RequestNumber(1042),
            Details = new RequestDraft { TypeKey = "nda", Title = "Supplier NDA", Description = "We will share our roadmap.", BusinessUnit = "Sales", Priority = Priority.Normal },
            Requester = new Person(Ids[Actor.Requester], "requester"),
            AssignedTo = new Person(Ids[Actor.AssignedAlsp], "alsp-1"),
            State = state,
            CreatedAt = at,
            UpdatedAt = at,
            TargetDate = new DateOnly(2026, 11, 30),
            Version = 1,
        };
    }
}
