using LegalBot.Application.Metrics;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary><c>metrics</c> or <c>metrics this quarter</c>: legal operations' figures, for legal staff.</summary>
public sealed class MetricsIntent(MetricsService metrics) : IIntentHandler
{
    public const string Periods = "**metrics**, **metrics last 7 days**, **metrics this month**, **metrics last quarter** or **metrics this year**";

    public IntentHelp Help => new("metrics this quarter", "Turnaround, SLA compliance, backlog and cost saved", Role.LegalStaff);

    public Intent? RecognizeCommand(IntentInput input) =>
        input.Action == CardActions.Metrics ? new Intent(this, Text: "")
        : input.WordsAfter("metrics") is { } period ? new Intent(this, Text: period)
        : null;

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        switch (await metrics.CardAsync(dc.Input.User.AadObjectId, intent.Text ?? "", cancellationToken))
        {
            case MetricsAnswer.Card card:
                dc.Show(card.Value);
                break;
            case MetricsAnswer.NotLegalStaff:
                dc.Say("Metrics are for the legal team. Type **my requests** to see yours.");
                break;
            case MetricsAnswer.UnknownPeriod:
                dc.Say($"I can show the metrics for these periods: {Periods}, or **metrics last 90 days**.");
                break;
        }
    }
}
