using System.Text.RegularExpressions;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// <c>new request</c> or an opener such as "I need an NDA": starts (or restarts) filing in the 1:1 chat; in a group
/// chat or channel, offers the form in a Teams dialog (<see cref="OpenFormCard"/>).
/// </summary>
public sealed partial class NewRequestIntent(RequestTypeCatalog catalog) : IIntentHandler
{
    public IntentHelp Help => new("new request", "Start a new legal request, or just say what you need, e.g. \"I need an NDA\"");

    public IntentInterruption Interruption => IntentInterruption.TakeOver;

    public Intent? RecognizeCommand(IntentInput input) =>
        input.Action == CardActions.NewRequest || input.Text is "new request" or "new legal request" or "file a request" or "file a new request"
            ? new Intent(this)
            : null;

    /// <summary>"new", or what someone needs ("I need an NDA for Acme"), with its type when the catalog knows it.</summary>
    public Intent? RecognizeWhenIdle(IntentInput input)
    {
        var text = input.Text;
        if (text is "new" or "request" or "open a request")
        {
            return new Intent(this);
        }

        var opener = Opener().Match(text);
        if (opener.Success || text.Length <= 200)
        {
            if (catalog.Recognize(text) is { } type)
            {
                return new Intent(this, type);
            }

            if (opener.Success)
            {
                return new Intent(this);
            }
        }

        return null;
    }

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (!dc.Input.IsPersonal)
        {
            // In a group chat or channel a form would be posted for everyone to see and fill: open it in a dialog.
            dc.Show(OpenFormCard.Build());
            return;
        }

        if (dc.ActiveDialog is not null)
        {
            dc.Say("Starting a new request. The one you were filling in was not saved.");
            await dc.CancelAllDialogsAsync(cancellationToken);
        }

        await dc.BeginDialogAsync(IntakeDialog.DialogId, intent.Type, cancellationToken);
    }

    [GeneratedRegex(@"^(i need|i'd like|i would like|i want|can i get|can you|please|help me|we need|need)\b")]
    private static partial Regex Opener();
}
