using System.Globalization;
using LegalBot.Application.Metrics;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Workflow;

/// <summary>What a workflow dialog shows next: a form (<see cref="Form"/>) or a line that ends it (<see cref="Said"/>).</summary>
public abstract record WorkDialogStep
{
    private WorkDialogStep()
    {
    }

    public sealed record Form(string Title, AdaptiveCard Card) : WorkDialogStep;

    /// <param name="Changed">Whether the step was taken (the request's cards are then brought up to date by the change).</param>
    public sealed record Said(string Message, bool Changed = false) : WorkDialogStep;
}

/// <summary>
/// The request card's long steps in a Teams dialog (<see cref="WorkDialogCard"/>): opened with the request as it is now
/// for someone to whom the step is open, and submitted through the same <see cref="WorkflowService"/> as the card's
/// buttons (the sender is the actor; the card's version and inputs are checked again; nothing in the data is trusted).
/// </summary>
public sealed class WorkflowDialogs(
    WorkflowService service,
    VisibleRequests visible,
    RequestWorkflow rules,
    RequestCards cards,
    RequestTypeCatalog catalog,
    ViewerTimeZones zones,
    IOptions<MetricsOptions> metrics,
    ILogger<WorkflowDialogs> logger)
{
    public async Task<WorkDialogStep> OpenAsync(Person actor, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Read(data) is not ({ } number, { } action))
        {
            return Unreadable(actor, data);
        }

        var request = await visible.FindAsync(number, actor.AadObjectId, cancellationToken);
        if (request is null)
        {
            Log.Refused(logger, actor.AadObjectId, number, action, RefusalReason.NotVisible);
            return new WorkDialogStep.Said(VisibleRequests.NotFound(number));
        }

        // The dialog shows the request as it is now and acts on that version; a step no longer open is refused as a
        // press of the card's button would be.
        var decision = rules.Decide(request, action, actor.AadObjectId);
        if (decision.Transition is not { } transition)
        {
            var refusal = decision.Refusal!;
            Log.Refused(logger, actor.AadObjectId, number, action, refusal is WorkflowRefusal.NotYourAction ? RefusalReason.NotYourAction : RefusalReason.WrongState);
            return new WorkDialogStep.Said(RefusalText.For(number, refusal));
        }

        if (!WorkDialogCard.Shows(transition.Needs))
        {
            // Kept in-house, legal staff complete with a note alone: that form is on the card.
            return new WorkDialogStep.Said($"That step is on the card itself. Type status {number} for the current card.");
        }

        IReadOnlyList<AssignmentSuggestion> candidates = transition.Needs == Needs.Assignee
            ? await cards.SuggestionsAsync(request, cancellationToken)
            : [];
        var model = new WorkDialogModel(
            request,
            catalog.Find(request.Details.TypeKey)?.Name ?? request.Details.TypeKey,
            action,
            transition.Needs,
            candidates,
            metrics.Value.Currency,
            await zones.ForAsync(actor.AadObjectId, cancellationToken),
            key => catalog.Find(key)?.Name ?? key);
        return new WorkDialogStep.Form(WorkDialogCard.Title(action, number), WorkDialogCard.Build(model));
    }

    public async Task<WorkDialogStep> SubmitAsync(Person actor, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (Read(data) is not ({ } number, { } action))
        {
            return Unreadable(actor, data);
        }

        int? version = int.TryParse(data.GetValueOrDefault(CardActions.VersionKey), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var result = await service.ActAsync(actor, new WorkflowCommand(number, action, version, WorkflowCardActions.InputsOf(action, data), InDialog: true), cancellationToken);
        return new WorkDialogStep.Said(result.Message, result.Changed);
    }

    /// <summary>The request and the step the data names, when it names a step this dialog shows.</summary>
    private static (RequestNumber? Number, WorkflowAction? Action) Read(IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!RequestNumber.TryParse(data.GetValueOrDefault(CardActions.NumberKey), out var number)
            || !CardActions.TryGetAction(data.GetValueOrDefault(CardActions.VerbKey), out var action)
            || !WorkflowTable.Transitions.Any(t => t.Action == action && WorkDialogCard.Shows(t.Needs)))
        {
            return (null, null);
        }

        return (number.Value, action);
    }

    private WorkDialogStep Unreadable(Person actor, IReadOnlyDictionary<string, string> data)
    {
        var number = RequestNumber.TryParse(data.GetValueOrDefault(CardActions.NumberKey), out var parsed) ? parsed : null;
        Log.Refused(logger, actor.AadObjectId, number, null, number is null ? RefusalReason.NoRequestNumber : RefusalReason.UnknownAction);
        return new WorkDialogStep.Said(number is null
            ? "This dialog doesn't say which request it is about."
            : $"That step can't be taken in a dialog. Type status {number} for the current card.");
    }
}
