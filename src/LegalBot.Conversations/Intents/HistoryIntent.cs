using System.Text.RegularExpressions;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Workflow;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Intents;

/// <summary><c>history LR-1042</c>: every change to the request, oldest first, to whoever may see it, as a card.</summary>
public sealed partial class HistoryIntent(IRequestStore requests, VisibleRequests visible, ViewerTimeZones zones) : IIntentHandler
{
    public Intent? RecognizeCommand(IntentInput input) =>
        HistoryCommand().Match(input.Text) is { Success: true } history && RequestNumber.TryParse(history.Groups["id"].Value, out var number)
            ? new Intent(this, Number: number)
            : null;

    [GeneratedRegex(@"^(history|log|timeline)( of| for)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex HistoryCommand();

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var number = intent.Number!.Value;
        var request = await visible.FindAsync(number, dc.Input.User.AadObjectId, cancellationToken);
        if (request is null)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        var history = await requests.GetHistoryAsync(number, cancellationToken);
        var zone = await zones.ForAsync(dc.Input.User.AadObjectId, cancellationToken);
        dc.Show(HistoryCard.Build(new HistoryModel(request, history, zone)));
    }
}
