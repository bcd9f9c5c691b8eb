using System.Globalization;
using LegalBot.Application.Export;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary><c>export</c> or <c>export this quarter</c>: the period's requests and their metric fields as a CSV file, for legal staff.</summary>
public sealed class ExportIntent(ExportService export) : IIntentHandler
{
    public IntentHelp Help => new("export this quarter", "The requests and their figures as a CSV file for Excel", Role.LegalStaff);

    public Intent? RecognizeCommand(IntentInput input) =>
        input.WordsAfter("export") is { } period ? new Intent(this, Text: period) : null;

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        switch (await export.OfferAsync(dc.Input.User.AadObjectId, intent.Text ?? "", dc.Input.IsPersonal, cancellationToken))
        {
            case ExportOffer.File file:
                var count = Requests(file.Rows);
                dc.Say(file.Truncated
                    ? string.Create(CultureInfo.InvariantCulture, $"The export for {file.PeriodName} holds the {count} filed most recently, of {file.Total:N0}: export a shorter period for all of them. Accept below to save it to your OneDrive.")
                    : $"The export for {file.PeriodName} holds {count}. Accept below to save it to your OneDrive.");
                dc.OfferFile(new FileConsentReply(
                    file.FileName,
                    file.SizeInBytes,
                    $"Legal requests, {file.PeriodName}: {count} with their metric fields (times in UTC).",
                    file.ConsentId));
                break;
            case ExportOffer.NotLegalStaff:
                dc.Say("Exports are for the legal team. Type **my requests** to see yours.");
                break;
            case ExportOffer.NotPersonal:
                dc.Say("Teams lets me send files only in our 1:1 chat: message me there and type **export**.");
                break;
            case ExportOffer.UnknownPeriod:
                dc.Say("I can export the same periods as the metrics: **export**, **export last 7 days**, **export this month**, **export last quarter**, **export this year** or **export last 90 days**.");
                break;
        }
    }

    private static string Requests(int count) =>
        count == 1 ? "1 request" : string.Create(CultureInfo.InvariantCulture, $"{count:N0} requests");
}
