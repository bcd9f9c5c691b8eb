using System.Globalization;
using System.Text.RegularExpressions;
using LegalBot.Application.Documents;
using LegalBot.Application.Workflow;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Conversations.Intake;
using LegalBot.Core.Requests;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary>
/// Documents on requests: <c>attach LR-1042</c> names the request the next file goes to; a file sent in the 1:1 chat
/// (Teams' file flow) is kept on the request named in the same message, else the one named by <c>attach</c>, else the
/// sender's only open request; with several open and none named the bot asks which and keeps nothing. While a request
/// is being filed, a file is not kept: the requester submits first, then sends the file (it goes to the new request,
/// their only open one, or with its id in the message).
/// </summary>
public sealed partial class AttachIntent(DocumentService documents, RequestCards cards, IOptions<DocumentOptions> options) : IIntentHandler
{
    /// <summary>At most this many files of one message are taken (Teams sends one per message from its attach button).</summary>
    public const int MaxFilesPerMessage = 5;

    public IntentHelp Help => new("attach LR-1042", "Add a document to a request: then send the file here");

    public Intent? RecognizeCommand(IntentInput input) =>
        AttachCommand().Match(input.Text) is { Success: true } attach && RequestNumber.TryParse(attach.Groups["id"].Value, out var number)
            ? new Intent(this, Number: number)
            : input.Text == "attach" ? new Intent(this) : null;

    [GeneratedRegex(@"^(attach|add (a )?(file|document) to)( to)?( request)? ?(?<id>(lr[- ]?|#)\d{1,15})$")]
    private static partial Regex AttachCommand();

    [GeneratedRegex(@"\b(?<id>LR[- ]?\d{1,15})\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex NumberInText();

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (!dc.Input.IsPersonal)
        {
            dc.Say(NotPersonal);
            return;
        }

        if (intent.Number is not { } number)
        {
            dc.Say("Which request? Type **attach** followed by its id, for example **attach LR-1042**, then send the file.");
            return;
        }

        switch (await documents.TargetAsync(dc.Input.User.AadObjectId, number, cancellationToken))
        {
            case AttachTarget.Found found:
                dc.State.AttachTo = found.Request.Number.ToString();
                dc.Say($"Send the file now with the attach button (📎) and I'll add it to **{found.Request.Number}**. {Limits()}");
                break;
            case AttachTarget.NotAvailable:
                dc.Say(NotAvailable);
                break;
            default:
                dc.Say(VisibleRequests.NotFound(number));
                break;
        }
    }

    /// <summary>A message carrying files: finds the request, then downloads, checks and keeps each file.</summary>
    public async Task HandleFilesAsync(LbDialogContext dc, CancellationToken cancellationToken)
    {
        if (!dc.Input.IsPersonal)
        {
            dc.Say(NotPersonal);
            return;
        }

        if (await TargetAsync(dc, cancellationToken) is not { } request)
        {
            return;
        }

        await KeepAsync(dc, request, dc.Input.Files.Count, file => documents.AttachAsync(dc.Input.User, request.Number, dc.Input.Files[file], cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The links of a message that is only links to files (and, before them, <c>attach</c> or a request's id): in a
    /// channel or a group chat, where Teams gives a bot no file, people paste the file's SharePoint or OneDrive link.
    /// Null when the message says anything else (it is then an ordinary message).
    /// </summary>
    public static IReadOnlyList<string>? LinksIn(TurnInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Text is not { Length: > 0 and <= 4000 } text)
        {
            return null;
        }

        Match match;
        try
        {
            match = LinksOnly().Match(text.Trim());
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }

        if (!match.Success)
        {
            return null;
        }

        var links = match.Groups["link"].Captures.Select(c => c.Value.TrimEnd('>', ')', '.', ',')).ToList();
        return links.All(SharePointLinks.IsFileLink) ? links : null;
    }

    [GeneratedRegex(@"^(?:(?:attach|add)\s+(?:(?:a\s+)?(?:file|document)\s+)?(?:to\s+)?)?(?:(?:for|to)\s+)?(?:(?:request\s+)?(?:LR[- ]?|#)\d{1,15}\s*[:,-]?\s+)?(?:<?(?<link>https://\S+?)>?(?:\s+|$))+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 100)]
    private static partial Regex LinksOnly();

    /// <summary>
    /// A message of links to files (<see cref="LinksIn"/>): each file read through Microsoft Graph and kept like a file
    /// sent in the chat. In a channel or a group chat the reply names neither the file nor shows the card (others in
    /// the chat may not be parties to the request).
    /// </summary>
    public async Task HandleLinksAsync(LbDialogContext dc, IReadOnlyList<string> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (!documents.TakesLinks)
        {
            dc.Say(dc.Input.IsPersonal
                ? "I can't take files from links in this deployment: send the file itself with the attach button (📎)."
                : NotPersonal);
            return;
        }

        if (await TargetAsync(dc, cancellationToken) is not { } request)
        {
            return;
        }

        await KeepAsync(dc, request, links.Count, link => documents.AttachLinkAsync(dc.Input.User, request.Number, links[link], cancellationToken), cancellationToken);
    }

    /// <summary>The request the message's files go to; null when there is none to use (the sender was told why).</summary>
    private async Task<LegalBot.Core.Requests.LegalRequest?> TargetAsync(LbDialogContext dc, CancellationToken cancellationToken)
    {
        var user = dc.Input.User;
        RequestNumber? named = NumberIn(dc.Input.Text) ?? (RequestNumber.TryParse(dc.State.AttachTo, out var pending) ? pending : null);
        if (named is null && IntakeDialog.Find(dc.State) is not null)
        {
            dc.Say("I'll keep documents once your request is filed: submit it first, then send the file again and I'll add it to the new request.");
            return null;
        }

        switch (await documents.TargetAsync(user.AadObjectId, named, cancellationToken))
        {
            case AttachTarget.Found found:
                return found.Request;
            case AttachTarget.NotFound notFound:
                dc.State.AttachTo = null;
                dc.Say(VisibleRequests.NotFound(notFound.Number));
                return null;
            case AttachTarget.Several several:
                dc.Say($"Which request is this file for? You have {several.Open.Count.ToString(CultureInfo.InvariantCulture)} open: {string.Join(", ", several.Open.Take(10))}. Type **attach** and the id (for example **attach {several.Open[0]}**), then send the file again. I didn't keep it.");
                return null;
            case AttachTarget.NoneOpen:
                dc.Say("You have no open request to add this file to. Type **attach** and a request's id (for example **attach LR-1042**), then send the file again; or type **new request** first.");
                return null;
            default:
                dc.Say(NotAvailable);
                return null;
        }
    }

    /// <summary>Keeps each of the message's <paramref name="count"/> files (at most <see cref="MaxFilesPerMessage"/>) and says what became of it.</summary>
    private async Task KeepAsync(LbDialogContext dc, LegalBot.Core.Requests.LegalRequest request, int count, Func<int, Task<AttachOutcome>> attach, CancellationToken cancellationToken)
    {
        var user = dc.Input.User;
        var personal = dc.Input.IsPersonal;
        var kept = 0;
        for (var i = 0; i < Math.Min(count, MaxFilesPerMessage); i++)
        {
            switch (await attach(i))
            {
                case AttachOutcome.Kept added when personal:
                    kept++;
                    dc.SayAsWritten($"Added {added.Document.Name} ({RequestWorkCard.Size(added.Document.SizeInBytes)}) to {request.Number}.");
                    break;
                case AttachOutcome.Kept:
                    kept++;
                    dc.Say($"Added the file to {request.Number}. Its parties open it from the request's card.");
                    break;
                case AttachOutcome.LinkNotReadable:
                    dc.Say("I couldn't open the file that link names: it may be gone, be a folder, or not be shared with LegalBot. I didn't keep anything.");
                    break;
                case AttachOutcome.TooLarge tooLarge:
                    dc.Say($"That file is larger than {RequestWorkCard.Size(tooLarge.MaxBytes)}, the most I keep, so I didn't keep it.");
                    break;
                case AttachOutcome.TypeNotAllowed notAllowed:
                    dc.Say($"I keep only these kinds of files: {string.Join(", ", notAllowed.Allowed.Order(StringComparer.Ordinal))}. I didn't keep that one.");
                    break;
                case AttachOutcome.ContentMismatch mismatch:
                    dc.Say($"That file's content is not a .{mismatch.Type} file, whatever its name says, so I didn't keep it.");
                    break;
                case AttachOutcome.DownloadFailed:
                    dc.Say("I couldn't download that file from Teams, so I didn't keep it. Please send it again.");
                    break;
                case AttachOutcome.StoreUnavailable:
                    dc.Say("I couldn't keep that file just now: the document library didn't answer. Please send it again in a minute.");
                    break;
                case AttachOutcome.NotFound notFound:
                    dc.Say(VisibleRequests.NotFound(notFound.Number));
                    break;
                default:
                    dc.Say(NotAvailable);
                    break;
            }
        }

        if (count > MaxFilesPerMessage)
        {
            dc.Say($"I take at most {MaxFilesPerMessage.ToString(CultureInfo.InvariantCulture)} files per message: send the others again.");
        }

        if (kept > 0)
        {
            dc.State.AttachTo = null;
            if (personal)
            {
                dc.Show(await cards.ViewAsync(request, user.AadObjectId, cancellationToken: cancellationToken), request.Number);
            }
        }
    }

    private string Limits() =>
        $"Files up to {RequestWorkCard.Size(options.Value.MaxBytes)}: {string.Join(", ", options.Value.Allowed().Order(StringComparer.Ordinal))}.";

    private const string NotPersonal = "Teams lets me receive and send files only in our 1:1 chat: message me there to add or get a document.";

    private const string NotAvailable = "Documents aren't kept with this deployment's store yet, so I didn't keep the file.";

    private static RequestNumber? NumberIn(string? text)
    {
        if (string.IsNullOrEmpty(text) || text.Length > 2000)
        {
            return null;
        }

        try
        {
            return NumberInText().Match(text) is { Success: true } match && RequestNumber.TryParse(match.Groups["id"].Value, out var number) ? number : null;
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
