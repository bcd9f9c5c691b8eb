using System.Text.RegularExpressions;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// Request card buttons pressed on clients without Universal Actions (the Action.Submit fallback), and
/// "answer LR-1042 …" typed by a requester whose request waits on them.
/// </summary>
public sealed partial class WorkflowIntent(WorkflowCardActions actions, WorkflowService service, RequestCards cards) : IIntentHandler
{
    public IntentHelp Help => new("answer LR-1042 …", "Answer a question about your request right here in the chat");

    /// <summary>A request card button, or "answer LR-1042 …" (the answer exactly as typed).</summary>
    public Intent? RecognizeCommand(IntentInput input)
    {
        if (input.Action is { } action)
        {
            return action == CardActions.Workflow ? new Intent(this) : null;
        }

        var answer = AnswerCommand().Match(input.Typed);
        return answer.Success && RequestNumber.TryParse(answer.Groups["id"].Value, out var number)
            ? new Intent(this, Number: number, Text: answer.Groups["text"].Value.Trim())
            : null;
    }

    [GeneratedRegex(@"^(answer|reply|info)\s+(?<id>(lr[- _]?|#)?\d{1,15})[\s:,-]+(?<text>\S.*)$", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex AnswerCommand();

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (intent.Number is not null)
        {
            await AnswerAsync(dc, intent, cancellationToken);
            return;
        }

        // One outcome per press: the pressed card shows the result in place (its banner or notice says what
        // happened), as an Action.Execute answer would; a line only when there is no card to show.
        var value = dc.Input.Value ?? new Dictionary<string, string>();
        var result = await actions.HandleAsync(dc.Input.User, value.GetValueOrDefault(CardActions.VerbKey), value, cancellationToken);
        if (result is { Card: { } card, About: { } number })
        {
            dc.Replace(card, number);
        }
        else if (result.Message.Length > 0)
        {
            dc.SayAsWritten(result.Message);
        }
    }

    private async Task AnswerAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        var number = intent.Number!.Value;
        var result = await service.AnswerAsync(dc.Input.User, number, intent.Text ?? "", cancellationToken);
        if (result.Request is null)
        {
            dc.Say(result.Message);
            return;
        }

        dc.SayAsWritten(result.Changed ? WorkflowService.AnswerTaken(number) : result.Message);
        dc.Show(await cards.ViewAsync(result.Request, dc.Input.User.AadObjectId, cancellationToken: cancellationToken), number);
    }
}
