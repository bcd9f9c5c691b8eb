using System.Text.RegularExpressions;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

/// <summary><c>status LR-1042</c>: the request's card, to its requester and to legal staff only.</summary>
public sealed partial class StatusIntent(VisibleRequests visible, RequestCards cards) : IIntentHandler
{
    public IntentHelp Help => new("status LR-1042", "See where a request stands");

    public Intent? RecognizeCommand(IntentInput input)
    {
        if (input.Action == CardActions.Status)
        {
            return new Intent(this, Number: RequestNumber.TryParse(input.Value.GetValueOrDefault(CardActions.IdKey), out var pressed) ? pressed : null);
        }

        return StatusCommand().Match(input.Text) is { Success: true } status && RequestNumber.TryParse(status.Groups["id"].Value, out var number)
            ? new Intent(this, Number: number)
            : null;
    }

    /// <summary>"status" alone, or a bare id such as LR-1042: an answer when a question waits.</summary>
    public Intent? RecognizeWhenIdle(IntentInput input) =>
        input.Text == "status" ? new Intent(this)
        : RequestNumber.TryParse(input.Text, out var bare) ? new Intent(this, Number: bare)
        : null;

    [GeneratedRegex(@"^(status|check|where is|show|track)( of| on| for)?( request)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex StatusCommand();

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (intent.Number is not { } number)
        {
            dc.Say("Which request? Type **status** followed by its id, for example **status LR-1042**, or **my requests** to see yours.");
            return;
        }

        var request = await visible.FindAsync(number, dc.Input.User.AadObjectId, cancellationToken);
        if (request is null)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        // The card carries the buttons this person may use on the request now.
        dc.Show(await cards.ViewAsync(request, dc.Input.User.AadObjectId, cancellationToken: cancellationToken), request.Number);
    }
}
