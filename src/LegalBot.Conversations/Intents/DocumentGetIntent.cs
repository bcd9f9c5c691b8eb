using LegalBot.Application.Documents;
using LegalBot.Cards;
using LegalBot.Conversations.Engine;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// A document's Get button on a request card: the file is offered on Teams' file consent card, to a party to the
/// request only (decided from the sender, not from the button's data), and sent when they accept.
/// </summary>
public sealed class DocumentGetIntent(DocumentService documents) : IIntentHandler
{
    public Intent? RecognizeCommand(IntentInput input) =>
        input.Action == CardActions.DocumentGet ? new Intent(this, Text: input.Value.GetValueOrDefault(CardActions.IdKey)) : null;

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        switch (await documents.OfferAsync(dc.Input.User.AadObjectId, intent.Text, dc.Input.IsPersonal, cancellationToken))
        {
            case DocumentClaim.Ready { Document: var document }:
                dc.OfferFile(new FileConsentReply(document.Name, document.SizeInBytes, $"A document of {document.Number}", document.Id, FileOfferKind.Document));
                break;
            case DocumentClaim.NotPersonal:
                dc.Say("Teams lets me send files only in our 1:1 chat: open the request there (**status LR-…**) and press **Get**.");
                break;
            case DocumentClaim.NotAvailable:
                dc.Say("Documents aren't kept with this store.");
                break;
            default:
                dc.Say("I couldn't find that document among those of the requests you can see.");
                break;
        }
    }
}
