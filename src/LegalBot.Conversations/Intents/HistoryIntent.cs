using System.Text;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Workflow;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Conversations.Intents;

/// <summary><c>history LR-1042</c>: every change to the request, oldest first, to whoever may see it.</summary>
public sealed class HistoryIntent(IRequestStore requests, VisibleRequests visible, ViewerTimeZones zones) : IIntentHandler
{
    private const int MaxLines = 50;

    public async Task HandleAsync(DialogContext dc, Intent intent, CancellationToken cancellationToken)
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
        var text = new StringBuilder($"History of {number} (now {request.State.Describe()}):\n\n");
        foreach (var entry in history.TakeLast(MaxLines))
        {
            text.Append("- ")
                .Append(TimeText.DateTime(entry.At, zone))
                .Append(": ").Append(entry.Actor.Name).Append(" · ").Append(RequestWorkCard.What(entry))
                .Append(entry.FromState is { } from && from != entry.ToState ? $" ({from.Describe()} → {entry.ToState.Describe()})" : "")
                .Append(entry.Note is { Length: > 0 } note ? ": " + CardText.Clip(note, 300).ReplaceLineEndings(" ") : "")
                .Append('\n');
        }

        // Names and notes are what people wrote: shown as written, never as Markdown.
        dc.SayAsWritten(text.ToString().TrimEnd());
    }
}
