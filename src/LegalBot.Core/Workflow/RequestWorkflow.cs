using LegalBot.Core.Access;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Workflow;

/// <summary>The answer to "may this person do this to this request now?", with the reason when not.</summary>
public sealed record WorkflowDecision(Transition? Transition, WorkflowRefusal? Refusal)
{
    public bool Allowed => Transition is not null;

    public static WorkflowDecision Allow(Transition transition) => new(transition, null);

    public static WorkflowDecision Refuse(WorkflowRefusal reason) => new(null, reason);
}

/// <summary>Why the workflow refuses an action; the presentation layer words it for the reader.</summary>
public abstract record WorkflowRefusal(WorkflowAction Action)
{
    /// <summary>The person is none of the parties who may ever take the action on this request.</summary>
    /// <param name="MayTakeIt">The parties who may, in the order the transition table lists them.</param>
    public sealed record NotYourAction(WorkflowAction Action, IReadOnlyList<Party> MayTakeIt) : WorkflowRefusal(Action);

    /// <summary>The person may take the action on this request, but not in the state it is in now.</summary>
    public sealed record WrongState(WorkflowAction Action, RequestState State) : WorkflowRefusal(Action);
}

/// <summary>
/// Decides transitions from <see cref="WorkflowTable"/> and the actor's relation to the request, which
/// comes from the activity's sender (their AAD object id), never from card data.
/// </summary>
public sealed class RequestWorkflow(AccessPolicy access)
{
    /// <summary>The parties this person is for this request (a legal staff member may also be its requester).</summary>
    public IReadOnlySet<Party> PartiesOf(LegalRequest request, string aadObjectId)
    {
        var parties = new HashSet<Party>();
        if (access.RoleOf(aadObjectId) == Role.LegalStaff)
        {
            parties.Add(Party.LegalStaff);
        }

        if (AccessPolicy.IsAssignee(request, aadObjectId) && access.Professional(aadObjectId) is not null)
        {
            parties.Add(Party.AssignedProfessional);
        }

        if (AccessPolicy.IsRequester(request, aadObjectId))
        {
            parties.Add(Party.Requester);
        }

        return parties;
    }

    public WorkflowDecision Decide(LegalRequest request, WorkflowAction action, string aadObjectId)
    {
        var parties = PartiesOf(request, aadObjectId);
        var candidates = WorkflowTable.Transitions.Where(t => t.Action == action).ToList();
        var mine = candidates.Where(t => parties.Contains(t.By)).ToList();
        if (mine.Count == 0)
        {
            return WorkflowDecision.Refuse(new WorkflowRefusal.NotYourAction(action, [.. candidates.Select(t => t.By).Distinct()]));
        }

        var allowed = mine.FirstOrDefault(t => t.Allows(request.State));
        return allowed is not null
            ? WorkflowDecision.Allow(allowed)
            : WorkflowDecision.Refuse(new WorkflowRefusal.WrongState(action, request.State));
    }

    /// <summary>What this person may do to the request now: drives which buttons their card shows.</summary>
    /// <remarks>
    /// One move per action, the one <see cref="Decide"/> takes: a legal staff member who filed the request may
    /// cancel it as either party, and should see one Cancel button, not two.
    /// </remarks>
    public IReadOnlyList<Transition> Available(LegalRequest request, string aadObjectId)
    {
        var parties = PartiesOf(request, aadObjectId);
        return [.. WorkflowTable.Transitions.Where(t => parties.Contains(t.By) && t.Allows(request.State)).DistinctBy(t => t.Action)];
    }
}
