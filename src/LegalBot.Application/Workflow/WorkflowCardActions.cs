using System.Globalization;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using Microsoft.Extensions.Logging;

namespace LegalBot.Application.Workflow;

/// <summary>
/// The answer to a card button: the card to show in its place (null when there is none to show), the request it
/// shows, and a line to say. The card itself carries the line (as its banner or notice).
/// </summary>
/// <param name="InPlace">A card to show in place of the pressed one other than the request's (a notice, once answered).</param>
public sealed record CardActionResult(RequestCardView? Card, string Message, bool Changed, RequestNumber? About = null, AdaptiveCard? InPlace = null);

/// <summary>
/// Handles the request card's buttons, whether they arrive as Universal Actions (Action.Execute invokes)
/// or as the Action.Submit fallback. The actor is always the activity's sender.
/// </summary>
public sealed class WorkflowCardActions(WorkflowService service, RequestCards cards, VisibleRequests visible, ILogger<WorkflowCardActions> logger)
{
    public async Task<CardActionResult> HandleAsync(Person actor, string? verb, IReadOnlyDictionary<string, string> data, CancellationToken cancellationToken)
    {
        if (!RequestNumber.TryParse(data.GetValueOrDefault(CardActions.NumberKey), out var parsed))
        {
            Log.Refused(logger, actor.AadObjectId, null, CardActions.TryGetAction(verb, out var named) ? named : null, RefusalReason.NoRequestNumber);
            return new CardActionResult(null, "This card doesn't say which request it is about.", false);
        }

        var number = parsed.Value;
        if (verb == CardActions.RefreshVerb)
        {
            var request = await visible.FindAsync(number, actor.AadObjectId, cancellationToken);
            if (request is null && data.GetValueOrDefault(CardActions.SourceKey) == CardActions.SharedSource)
            {
                // A card shared into a conversation: whoever may not see the request sees a card saying so.
                return new CardActionResult(null, VisibleRequests.NotFound(number), false, InPlace: SharedRequestCard.NotVisible(number));
            }

            return request is null
                ? new CardActionResult(null, VisibleRequests.NotFound(number), false)
                : new CardActionResult(await cards.ViewAsync(request, actor.AadObjectId, cancellationToken: cancellationToken), "", false, number);
        }

        if (!CardActions.TryGetAction(verb, out var action))
        {
            Log.Refused(logger, actor.AadObjectId, number, null, RefusalReason.UnknownAction);
            return new CardActionResult(null, "That button is not one I know. Type status " + number + " for the current card.", false);
        }

        int? version = int.TryParse(data.GetValueOrDefault(CardActions.VersionKey), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : null;
        var inputs = InputsOf(action, data);
        var result = await service.ActAsync(actor, new WorkflowCommand(number, action, version, inputs), cancellationToken);
        if (result.Request is null)
        {
            return new CardActionResult(null, result.Message, false);
        }

        if (data.GetValueOrDefault(CardActions.SourceKey) == CardActions.NoticeSource)
        {
            // Answered from a notice: the notice says so; the request's cards are brought up to date by the change.
            return result.Changed
                ? new CardActionResult(null, WorkflowService.AnswerTaken(number), true, number, NoticeCard.Answered(number, inputs.GetValueOrDefault(CardActions.NoteField) ?? ""))
                : new CardActionResult(null, result.Message, false, number);
        }

        var card = await cards.ViewAsync(
            result.Request,
            actor.AadObjectId,
            notice: result.Changed ? null : result.Message,
            banner: result.Changed ? result.Message : null,
            cancellationToken: cancellationToken);
        return new CardActionResult(card, result.Message, result.Changed, number);
    }

    /// <summary>A form's inputs, named after its action on the card (<c>request.reject.note</c>), by the plain names the service reads.</summary>
    public static Dictionary<string, string> InputsOf(WorkflowAction action, IReadOnlyDictionary<string, string> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var inputs = new Dictionary<string, string>();
        foreach (var field in (string[])[CardActions.NoteField, CardActions.AssigneeField, CardActions.HoursField, CardActions.RatingField])
        {
            if (data.TryGetValue(CardActions.InputId(action, field), out var value))
            {
                inputs[field] = value;
            }
        }

        return inputs;
    }
}
