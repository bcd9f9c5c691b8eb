using LegalBot.Core.Access;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Workflow;

/// <summary>The answer to "may this person do this to this request now?", with a plain reason when not.</summary>
public sealed record WorkflowDecision(Transition? Transition, string? Refusal)
{
    public bool Allowed => Transition is not null;

    public static WorkflowDecision Allow(Transition transition) => new(transition, null);

    public static WorkflowDecision Refuse(string reason) => new(null, reason);
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
            return WorkflowDecision.Refuse(NotYourAction(action, candidates));
        }

        var allowed = mine.FirstOrDefault(t => t.Allows(request.State));
        return allowed is not null
            ? WorkflowDecision.Allow(allowed)
            : WorkflowDecision.Refuse($"{request.Number} is {Situation(request.State)} now, so it can't be {Past(action)}.");
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

    private static string NotYourAction(WorkflowAction action, IEnumerable<Transition> candidates)
    {
        var who = candidates.Select(t => t.By).Distinct().Select(p => p switch
        {
            Party.LegalStaff => "legal staff",
            Party.AssignedProfessional => "the assigned ALSP professional",
            _ => "the requester",
        });
        return $"Only {string.Join(" or ", who)} can {OnThisRequest(action)}.";
    }

    private static string OnThisRequest(WorkflowAction action) => action switch
    {
        WorkflowAction.KeepInHouse => "keep this request in-house",
        _ => $"{Verb(action)} this request",
    };

    // Completes "LR-1042 is … now": some status labels ("Needs info") don't read as part of a sentence.
    private static string Situation(RequestState state) => state switch
    {
        RequestState.NeedsInfo => "waiting for more information",
        RequestState.WaitingOnRequester => "waiting on the requester",
        _ => state.Describe().ToLowerInvariant(),
    };

    public static string Verb(WorkflowAction action) => action switch
    {
        WorkflowAction.Assign => "assign",
        WorkflowAction.Reassign => "reassign",
        WorkflowAction.KeepInHouse => "keep in-house",
        WorkflowAction.AskForInfo => "ask for more information on",
        WorkflowAction.ProvideInfo => "add information to",
        WorkflowAction.Reject => "reject",
        WorkflowAction.Accept => "accept",
        WorkflowAction.Decline => "decline",
        WorkflowAction.AskRequester => "put a question to the requester on",
        WorkflowAction.Answer => "answer questions on",
        WorkflowAction.Complete => "complete",
        WorkflowAction.Cancel => "cancel",
        WorkflowAction.Rate => "rate",
        _ => action.ToString().ToLowerInvariant(),
    };

    private static string Past(WorkflowAction action) => action switch
    {
        WorkflowAction.Assign => "assigned",
        WorkflowAction.Reassign => "reassigned",
        WorkflowAction.KeepInHouse => "kept in-house",
        WorkflowAction.AskForInfo => "sent back for more information",
        WorkflowAction.ProvideInfo => "given more information",
        WorkflowAction.Reject => "rejected",
        WorkflowAction.Accept => "accepted",
        WorkflowAction.Decline => "declined",
        WorkflowAction.AskRequester => "put on hold for the requester",
        WorkflowAction.Answer => "answered",
        WorkflowAction.Complete => "completed",
        WorkflowAction.Cancel => "cancelled",
        WorkflowAction.Rate => "rated",
        _ => action.ToString().ToLowerInvariant(),
    };
}
