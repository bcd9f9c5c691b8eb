using System.Globalization;
using LegalBot.Cards;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace LegalBot.Application.Workflow;

/// <summary>A button press or command: do <see cref="Action"/> to request <see cref="Number"/>.</summary>
/// <param name="CardVersion">The request version the card showed; a different current version means the click is stale.</param>
/// <param name="Inputs">The card's inputs (note, assignee, hours, rating). Never used to decide who the actor is.</param>
/// <param name="InDialog">Taken in a Teams dialog, which closes with a line and shows no card: a stale step's line says so.</param>
public sealed record WorkflowCommand(RequestNumber Number, WorkflowAction Action, int? CardVersion, IReadOnlyDictionary<string, string> Inputs, bool InDialog = false);

/// <summary>What happened: the request as it is now (null when the actor may not see it) and one line to say.</summary>
public sealed record WorkflowResult(bool Changed, LegalRequest? Request, string Message);

/// <summary>
/// Applies workflow actions: checks the actor's right from their own AAD object id, refuses stale clicks,
/// validates inputs, and saves the change with its notifications (<see cref="RequestChanges"/>).
/// </summary>
public sealed class WorkflowService(
    IRequestStore requests,
    VisibleRequests visible,
    RequestChanges changes,
    RequestWorkflow rules,
    AccessPolicy access,
    NotificationPlanner planner,
    INotificationSignal signal,
    TimeProvider time,
    ServiceLevelClock serviceLevels,
    ILogger<WorkflowService> logger)
{
    public const int MaxNoteLength = RequestRules.MaxNoteLength;

    public async Task<WorkflowResult> ActAsync(Person actor, WorkflowCommand command, CancellationToken cancellationToken)
    {
        var request = await visible.FindAsync(command.Number, actor.AadObjectId, cancellationToken);
        return request is null
            ? NotVisible(actor, command.Number, command.Action)
            : await ActAsync(actor, request, command, cancellationToken);
    }

    /// <summary>
    /// A requester's typed answer: to the legal team's request for information when the request needs it,
    /// otherwise to the assigned professional's question.
    /// </summary>
    public async Task<WorkflowResult> AnswerAsync(Person actor, RequestNumber number, string answer, CancellationToken cancellationToken)
    {
        var request = await visible.FindAsync(number, actor.AadObjectId, cancellationToken);
        if (request is null)
        {
            return NotVisible(actor, number, WorkflowAction.Answer);
        }

        var action = request.State == RequestState.NeedsInfo ? WorkflowAction.ProvideInfo : WorkflowAction.Answer;
        var inputs = new Dictionary<string, string> { [CardActions.NoteField] = answer };
        return await ActAsync(actor, request, new WorkflowCommand(number, action, null, inputs), cancellationToken);
    }

    private async Task<WorkflowResult> ActAsync(Person actor, LegalRequest request, WorkflowCommand command, CancellationToken cancellationToken)
    {
        if (command.CardVersion is { } shown && shown != request.Version)
        {
            Log.Refused(logger, actor.AadObjectId, request.Number, command.Action, RefusalReason.StaleVersion);
            return new WorkflowResult(false, request, await MovedOnAsync(request, command.InDialog, cancellationToken));
        }

        var decision = rules.Decide(request, command.Action, actor.AadObjectId);
        if (decision.Transition is not { } transition)
        {
            var reason = decision.Refusal is WorkflowRefusal.NotYourAction ? RefusalReason.NotYourAction : RefusalReason.WrongState;
            Log.Refused(logger, actor.AadObjectId, request.Number, command.Action, reason);
            return new WorkflowResult(false, request, RefusalText.For(request.Number, decision.Refusal!));
        }

        var (change, error) = Build(request, transition, actor, command.Inputs);
        if (change is null)
        {
            return new WorkflowResult(false, request, error!);
        }

        var outcome = await changes.ApplyAsync(change, planner.ForChange(request, change, command.Action), cancellationToken);
        switch (outcome)
        {
            case ChangeOutcome.Applied applied:
                signal.Notify();
                return new WorkflowResult(true, applied.Request, Done(applied.Request, command.Action));
            case ChangeOutcome.Conflict conflict:
                Log.Refused(logger, actor.AadObjectId, request.Number, command.Action, RefusalReason.StaleVersion);
                return new WorkflowResult(false, conflict.Current, await MovedOnAsync(conflict.Current, command.InDialog, cancellationToken));
            default:
                return NotVisible(actor, command.Number, command.Action);
        }
    }

    private WorkflowResult NotVisible(Person actor, RequestNumber number, WorkflowAction action)
    {
        Log.Refused(logger, actor.AadObjectId, number, action, RefusalReason.NotVisible);
        return new WorkflowResult(false, null, VisibleRequests.NotFound(number));
    }

    /// <summary>
    /// The one-line reason for a stale click: who changed the request, and what it is now. A card answers with the
    /// current card; a dialog closes with this line alone, so it points to <c>status</c> instead.
    /// </summary>
    private async Task<string> MovedOnAsync(LegalRequest current, bool inDialog, CancellationToken cancellationToken)
    {
        var history = await requests.GetHistoryAsync(current.Number, cancellationToken);
        var last = history.Count > 0 ? history[^1] : null;
        var by = last is null ? "" : $" ({last.Actor.Name} acted first)";
        var with = current.AssignedTo is { } a && current.State.IsOpen() ? $", with {a.Name}" : "";
        return inDialog
            ? $"{current.Number} changed since this dialog was opened{by}: it is now {current.State.Describe()}{with}. Nothing was changed; type status {current.Number} for the current card."
            : $"{current.Number} changed since this card was shown{by}: it is now {current.State.Describe()}{with}. Nothing was changed; here is the current card.";
    }

    private (RequestChange? Change, string? Error) Build(LegalRequest request, Transition transition, Person actor, IReadOnlyDictionary<string, string> inputs)
    {
        var note = FieldValueParser.Clean(inputs.GetValueOrDefault(CardActions.NoteField));
        if (note.Length > MaxNoteLength)
        {
            return (null, $"That note is too long ({note.Length} characters); please keep it under {MaxNoteLength}.");
        }

        var change = new RequestChange
        {
            ChangeId = Guid.NewGuid().ToString("N"),
            Number = request.Number,
            ExpectedVersion = request.Version,
            To = transition.To,
            Actor = actor,
            Action = ActionName(transition.Action),
            Note = note.Length == 0 ? null : note,
            At = time.GetUtcNow(),
        };

        switch (transition.Needs)
        {
            case Needs.Note when note.Length == 0:
            case Needs.HoursAndNote when note.Length == 0:
                return (null, "Please add a note: it tells the others what happened.");
            case Needs.Assignee:
                var chosen = access.Professional(inputs.GetValueOrDefault(CardActions.AssigneeField)?.Trim() ?? "");
                if (chosen is null || !chosen.Active)
                {
                    return (null, "Please choose an active ALSP professional from the list.");
                }

                if (AccessPolicy.IsAssignee(request, chosen.AadObjectId))
                {
                    return (null, $"{request.Number} is already with {chosen.Name}.");
                }

                return (change with { ChangesAssignee = true, Assignee = new Person(chosen.AadObjectId, chosen.Name, chosen.Email) }, null);
            case Needs.HoursAndNote:
                if (!decimal.TryParse(inputs.GetValueOrDefault(CardActions.HoursField), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var hours) || !RequestRules.IsValidHours(hours))
                {
                    return (null, $"Please log the hours spent, between {RequestRules.MinHours.ToString(CultureInfo.InvariantCulture)} and {RequestRules.MaxHours.ToString("0", CultureInfo.InvariantCulture)}.");
                }

                return (change with { HoursSpent = hours }, null);
            case Needs.EarlierRequestedDate:
                return RequestedDueDates.Check(request, serviceLevels.Today) == RequestedDateCheck.Acceptable
                    ? (change with { TargetDate = request.Details.RequestedDueDate }, null)
                    : (null, RequestedDateText.WhyNot(request, serviceLevels.Today));
            case Needs.Rating:
                if (!int.TryParse(inputs.GetValueOrDefault(CardActions.RatingField), NumberStyles.None, CultureInfo.InvariantCulture, out var rating) || !RequestRules.IsValidRating(rating))
                {
                    return (null, $"Please choose a rating from {RequestRules.MinRating} to {RequestRules.MaxRating}.");
                }

                return (change with { Rating = rating }, null);
        }

        // Declining clears the assignee; the request goes back to triage.
        if (transition.Action == WorkflowAction.Decline)
        {
            change = change with { ChangesAssignee = true, Assignee = null };
        }

        return (change, null);
    }

    /// <summary>What a requester hears after answering a question (typed, or from its notice).</summary>
    public static string AnswerTaken(RequestNumber number) => $"Thanks, your answer is on {number}; I've let them know.";

    /// <summary>The history line's action: the action's name, camel-cased ("keepInHouse").</summary>
    public static string ActionName(WorkflowAction action) => action.HistoryName();

    private static string Done(LegalRequest request, WorkflowAction action) => action switch
    {
        WorkflowAction.Assign or WorkflowAction.Reassign => $"{request.Number} is assigned to {request.AssignedTo?.Name}. They'll be notified.",
        WorkflowAction.Accept => $"You accepted {request.Number}. It is in progress.",
        WorkflowAction.Decline => $"You declined {request.Number}; it is back with the legal team.",
        WorkflowAction.Complete => $"{request.Number} is completed. The requester will be told.",
        WorkflowAction.Rate => $"Thanks for rating {request.Number}.",
        WorkflowAction.AcceptRequestedDate => $"{request.Number} is now due {TimeText.Date(request.TargetDate)}, the requester's date. Everyone on it will be told.",
        // The state by the name the card shows ("Waiting on requester").
        _ => $"{request.Number} is now {request.State.Describe()}.",
    };
}
