using System.Text.RegularExpressions;
using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

/// <summary><c>history LR-1042</c>: every change to the request, oldest first, to whoever may see it, as a card.</summary>
public sealed partial class HistoryIntent(RequestQueries queries) : IIntentHandler
{
    public IntentHelp Help => new("history LR-1042", "Every change to a request: who, when, what");

    public Intent? RecognizeCommand(IntentInput input) =>
        HistoryCommand().Match(input.Text) is { Success: true } history && RequestNumber.TryParse(history.Groups["id"].Value, out var number)
            ? new Intent(this, Number: number)
            : null;

    [GeneratedRegex(@"^(history|log|timeline)( of| for)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex HistoryCommand();

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var number = intent.Number!.Value;
        if (await queries.HistoryAsync(number, dc.Input.User.AadObjectId, cancellationToken) is not { } history)
        {
            dc.Say(VisibleRequests.NotFound(number));
            return;
        }

        dc.Show(HistoryCard.Build(history));
    }
}
