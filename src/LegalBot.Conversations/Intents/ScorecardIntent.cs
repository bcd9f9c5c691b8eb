using LegalBot.Application.Metrics;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// <c>scorecard Contoso Legal this year</c>: an ALSP professional's or firm's figures, for legal staff; <c>scorecard</c>
/// alone lists the roster, and a name matching several offers them as buttons.
/// </summary>
public sealed class ScorecardIntent(ScorecardService scorecards) : IIntentHandler
{
    private const string Command = "scorecard";

    /// <summary>How much of what was looked for an answer repeats.</summary>
    public const int QueryShown = 60;

    public IntentHelp Help => new("scorecard Contoso Legal this year", "An ALSP professional's or firm's record: on time, turnaround, ratings, cost", Role.LegalStaff);

    public Intent? RecognizeCommand(IntentInput input)
    {
        if (input.Action == CardActions.Scorecard)
        {
            return new Intent(this, Text: input.Value.GetValueOrDefault(CardActions.PeriodKey) ?? "")
            {
                Subject = input.Value.GetValueOrDefault(CardActions.SubjectKey) ?? "",
            };
        }

        return input.Action is null && (input.Text == Command || input.Text.StartsWith(Command + " ", StringComparison.Ordinal))
            ? new Intent(this, Text: AsTyped(input))
            : null;
    }

    /// <summary>What followed the command, in the case it was typed in (names are repeated back as written), without closing punctuation.</summary>
    private static string AsTyped(IntentInput input)
    {
        var typed = input.Typed.Trim();
        var rest = typed.StartsWith(Command, StringComparison.OrdinalIgnoreCase) ? typed[Command.Length..] : input.Text[Command.Length..];
        return rest.Trim().TrimEnd('.', '!', '?').Trim();
    }

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var who = dc.Input.User.AadObjectId;
        var answer = intent.Subject is { Length: > 0 } subject
            ? await scorecards.ForChoiceAsync(who, subject, intent.Text ?? "", cancellationToken)
            : await scorecards.ForTextAsync(who, intent.Text ?? "", cancellationToken);
        switch (answer)
        {
            case ScorecardAnswer.Card card:
                dc.Show(card.Value);
                break;
            case ScorecardAnswer.NotLegalStaff:
                dc.Say("Scorecards are for the legal team. Type **my requests** to see yours.");
                break;
            case ScorecardAnswer.NoMatch none:
                // Plain text: what was typed is repeated as written, never read as Markdown.
                dc.SayAsWritten($"No ALSP professional or firm matches \"{CardText.Clip(none.Query, QueryShown)}\". Type scorecard alone to list the firms and professionals on the roster.");
                break;
        }
    }
}
