using System.Globalization;
using System.Text;
using LegalBot.Core.Documents;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="TypeName">The catalog name of the request's type.</param>
/// <param name="ExtraFacts">The type's own answers, labelled by the caller (who knows the catalog).</param>
/// <param name="Available">
/// What the viewer may do now (<see cref="RequestWorkflow.Available"/>); empty for the read-only card that
/// everyone without a refreshed view sees.
/// </param>
/// <param name="Suggestions">
/// Candidates for <see cref="WorkflowAction.Assign"/> and <see cref="WorkflowAction.Reassign"/>, best first
/// (<see cref="AssignmentAdvisor.Rank"/>); the first <see cref="RequestWorkCard.MaxSuggestions"/> are offered.
/// </param>
/// <param name="RefreshUserIds">
/// Teams user ids (not AAD object ids) of the people who should get their own view of the card when they
/// see it, most important first; see <see cref="CardRefresh"/>.
/// </param>
/// <param name="Banner">A line above the request, such as "Assigned to you".</param>
/// <param name="Notice">
/// A one-line warning in attention colour, such as why a click on an older card was refused, or that
/// someone could not be notified.
/// </param>
/// <param name="RecentHistory">The request's history, oldest first as the store returns it.</param>
/// <param name="TimeZone">The viewer's time zone, in which the card shows dates and times; UTC when not given.</param>
/// <param name="ServiceLevel">Where an open request stands against its due date, on the legal team's calendar.</param>
/// <param name="RequesterFacts">
/// Who is asking, from their directory profile (job title, department, manager), labelled by the caller; only on legal
/// staff's view. Shown exactly as written, after the common facts.
/// </param>
/// <param name="Documents">The files kept with the request, oldest first; the newest <see cref="RequestWorkCard.DocumentsShown"/> are listed.</param>
/// <param name="DocumentButtons">
/// Whether each listed document the bot keeps has a Get button (a viewer who is a party to the request, in their own
/// chat). A document in the library has an Open button to its link whatever this says.
/// </param>
public sealed record RequestWorkModel(
    LegalRequest Request,
    string TypeName,
    IReadOnlyList<(string Label, string Value)> ExtraFacts,
    IReadOnlyList<Transition> Available,
    IReadOnlyList<AssignmentSuggestion> Suggestions,
    IReadOnlyList<string> RefreshUserIds,
    string? Banner = null,
    string? Notice = null,
    IReadOnlyList<HistoryEntry>? RecentHistory = null,
    TimeZoneInfo? TimeZone = null,
    ServiceLevel? ServiceLevel = null,
    IReadOnlyList<(string Label, string Value)>? RequesterFacts = null,
    IReadOnlyList<RequestDocument>? Documents = null,
    bool DocumentButtons = false);

/// <summary>
/// A request with the buttons its viewer may use (Universal Actions), recent history, and a refresh that
/// gives each listed viewer their own buttons and updates every copy of the card.
/// </summary>
/// <remarks>
/// Every button is an <c>Action.Execute</c> with the request's number and version as data (see
/// <see cref="CardActions"/>), and a fallback <c>Action.Submit</c> for clients without Universal Actions.
/// Actions that need input open a form (<c>Action.ShowCard</c>) whose inputs are named by
/// <see cref="CardActions.InputId"/>.
/// </remarks>
public static class RequestWorkCard
{
    /// <summary>How many ranked candidates the assignment list offers at most.</summary>
    public const int MaxSuggestions = 30;

    /// <summary>How many history lines the card shows at most, newest first.</summary>
    public const int HistoryShown = 5;

    /// <summary>The longest note a form accepts.</summary>
    public const int NoteMaxLength = RequestRules.MaxNoteLength;

    public const decimal MinHours = RequestRules.MinHours;
    public const decimal MaxHours = RequestRules.MaxHours;

    /// <summary>
    /// Longer ids are not ids Teams or Microsoft Entra issue (object ids are GUIDs); such candidates and
    /// refresh ids are left out rather than cut, which keeps the card's size bounded.
    /// </summary>
    public const int MaxIdLength = 128;

    /// <summary>How many documents the card lists at most, newest first; the rest are counted ("and 3 more").</summary>
    public const int DocumentsShown = 5;

    /// <summary>Document names are cut after this many characters.</summary>
    public const int DocumentNameShown = 50;

    /// <summary>What one listed document adds to the card at most: its line, who added it, and its Get button with the id.</summary>
    private const int DocumentBytes = 500;

    /// <summary>The documents listed keep the card at most this big (the rest of the card comes first).</summary>
    public const int MaxBytesWithDocuments = 20_000;

    /// <summary>History notes are cut after this many characters, with an ellipsis.</summary>
    public const int HistoryNoteShown = 280;

    // Ids and the buttons that open a long form in a dialog cannot be cut, so they are paid for first: user text gets what they leave of VariableBytes, within
    // [MinTextBytes, MaxTextBytes], shared out below. Ordinary text fits whole; once a budget is spent, each
    // value keeps only a small share, because this card may also carry 60 refresh ids and 30 candidates.
    private const int VariableBytes = 11_200;
    private const int MinTextBytes = 1_000;
    private const int MaxTextBytes = 9_000;
    private const int SummaryShare = 20;
    private const int ActivityShare = 20;
    private const int ChoiceShare = 16;
    private const int ChoiceOverhead = 24;
    private const int NoticeMax = 300;
    private const int NameMax = 100;
    private const int ChoiceNameMax = 50;
    private const int ChoiceFirmMax = 30;
    private const int ChoiceSummaryMax = 50;
    private const int ChoiceTitleMax = 140;
    private const int FactMax = 500;
    private const int UnknownActionMax = 40;

    /// <summary>What a form's button that opens it in a dialog adds to the card, at most (<see cref="WorkDialogCard.Opener"/>).</summary>
    private const int DialogOpenerBytes = 220;

    /// <summary>A profile value is cut after this many characters (Entra ID allows 128 for a job title or department).</summary>
    private const int RequesterFactMax = 200;

    private const string QuestionLabel = "Question for the requester";
    private const string AnswerLabel = "Your answer";
    private const string ReasonLabel = "Reason";
    private const string OutcomeLabel = "Outcome";

    public static AdaptiveCard Build(RequestWorkModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Documents is not { Count: > 0 } documents)
        {
            return Build(model, 0, MinTextBytes);
        }

        // The documents take what room the rest of the card leaves: as many of the newest as keep it under
        // MaxBytesWithDocuments, else only how many there are; on a card already full, its text gives up some room first.
        foreach (var floor in new[] { MinTextBytes, MinTextBytes / 2, MinTextBytes / 4 })
        {
            for (var shown = Math.Min(documents.Count, DocumentsShown); shown >= 0; shown--)
            {
                var card = Build(model, shown, floor);
                if (CardSerializer.Utf8Size(card) <= MaxBytesWithDocuments)
                {
                    return card;
                }
            }
        }

        return Build(model with { Documents = null }, 0, MinTextBytes);
    }

    private static AdaptiveCard Build(RequestWorkModel model, int documentsShown, int textFloor)
    {
        var request = model.Request;
        ArgumentNullException.ThrowIfNull(request);
        var data = CardActions.RequestData(request.Number, request.Version);
        // The requester's date is a button only while it is earlier than the due date (the caller also leaves it out
        // once it has passed, which this card cannot tell).
        var buttons = (model.Available ?? [])
            .Where(t => t.Needs != Needs.EarlierRequestedDate || request.Details.RequestedDueDate < request.TargetDate)
            .DistinctBy(t => t.Action)
            .ToList();
        var refreshIds = (model.RefreshUserIds ?? []).Where(IsUsableId).Distinct(StringComparer.Ordinal).Take(CardRefresh.MaxUserIds).ToList();
        var candidates = Candidates(model.Suggestions);
        var lists = buttons.Count(t => t.Needs == Needs.Assignee);
        var idBytes = refreshIds.Sum(id => Encoding.UTF8.GetByteCount(id) + 3)
            + (lists * candidates.Sum(c => Encoding.UTF8.GetByteCount(c.Professional.AadObjectId) + ChoiceOverhead))
            + (buttons.Count(t => WorkDialogCard.Shows(t.Needs)) * DialogOpenerBytes)
            + (documentsShown * DocumentBytes);
        var textBytes = Math.Clamp(VariableBytes - idBytes, textFloor, MaxTextBytes);
        var summaryBudget = new TextBudget(textBytes * 45 / 100, SummaryShare);
        var activityBudget = new TextBudget(textBytes * 20 / 100, ActivityShare);
        var choiceBudget = new TextBudget(textBytes * 35 / 100, ChoiceShare);

        var body = new List<CardElement>();
        if (!string.IsNullOrWhiteSpace(model.Notice))
        {
            body.Add(new Container([Line(activityBudget.Text(model.Notice, NoticeMax), TextWeight.Bolder, color: TextColor.Attention)])
            {
                Style = ContainerStyle.Attention,
            });
        }

        if (RequestSummary.Banner(model.Banner, activityBudget) is { } banner)
        {
            body.Add(banner);
        }

        var zone = model.TimeZone ?? TimeZoneInfo.Utc;
        var summary = RequestSummary.Body(request, model.TypeName, model.ExtraFacts, summaryBudget, zone, Outcome(request, summaryBudget, zone).Concat(RequesterFacts(model.RequesterFacts, summaryBudget)), model.ServiceLevel);
        body.AddRange(summary.Elements);
        body.AddRange(Documents(model.Documents, documentsShown, model.DocumentButtons, zone));
        body.AddRange(History(model.RecentHistory, activityBudget, zone));

        // The first transition per action is the one the workflow applies (RequestWorkflow.Decide), so it
        // decides what the button asks for. Hosts show five buttons per set; the rest go in the body.
        var all = buttons.Select(t => Button(t, model.Request, candidates, data, choiceBudget)).ToList();
        var actions = all.Take(MaxActionsPerSet).ToList();
        body.AddRange(all.Skip(MaxActionsPerSet).Chunk(MaxActionsPerSet).Select(more => new ActionSet(more)));

        // No fallback here: clients without Universal Actions ignore refresh altogether.
        var refresh = new ExecuteAction("Refresh", CardActions.RefreshVerb, data);
        return Card(body, actions, summary.FallbackText) with
        {
            Refresh = new CardRefresh(refresh, refreshIds),
        };
    }

    private static IEnumerable<Fact> RequesterFacts(IReadOnlyList<(string Label, string Value)>? facts, TextBudget budget) =>
        (facts ?? []).Select(f => new Fact(f.Label, budget.Text(f.Value, RequesterFactMax)));

    private static IEnumerable<Fact> Outcome(LegalRequest request, TextBudget budget, TimeZoneInfo zone)
    {
        if (request.CompletedAt is { } completed)
        {
            yield return new("Completed", TimeText.Date(completed, zone));
        }

        if (request.HoursSpent is { } hours)
        {
            yield return new("Hours spent", hours.ToString("0.##", CultureInfo.InvariantCulture));
        }

        if (request.Rating is { } rating)
        {
            yield return new("Rating", Stars(rating));
        }

        if (!string.IsNullOrWhiteSpace(request.RatingComment))
        {
            yield return new("Rating comment", budget.Text(request.RatingComment, FactMax));
        }
    }

    /// <summary>
    /// The newest <paramref name="shown"/> documents, numbered: name, size, who added it and when, with a Get button per
    /// number for a party; the rest counted.
    /// </summary>
    private static IEnumerable<CardElement> Documents(IReadOnlyList<RequestDocument>? documents, int shown, bool buttons, TimeZoneInfo zone)
    {
        if (documents is not { Count: > 0 })
        {
            yield break;
        }

        yield return Line("Documents", TextWeight.Bolder) with { Separator = true };
        var listed = documents.Reverse().Take(shown).ToList();
        for (var i = 0; i < listed.Count; i++)
        {
            var document = listed[i];
            var who = CardText.Clip(string.IsNullOrWhiteSpace(document.AddedBy.Name) ? "Someone" : document.AddedBy.Name, 30);
            yield return new RichTextBlock([
                new TextRun($"{Number(i + 1)}. {CardText.Clip(document.Name, DocumentNameShown)}") { Weight = TextWeight.Bolder },
                new TextRun($" · {Size(document.SizeInBytes)} · {who} · {TimeText.DateTime(document.AddedAt, zone)}") { IsSubtle = true },
            ]);
        }

        // A file in the document library opens from its link, for those it is shared with, in any chat; a file the bot
        // keeps comes through the bot to a party in their own chat.
        var actions = new List<CardAction>();
        for (var i = 0; i < listed.Count; i++)
        {
            var label = listed.Count == 1 ? "" : $" {Number(i + 1)}";
            if (Link(listed[i]) is { } link)
            {
                actions.Add(new OpenUrlAction("Open" + label, link));
            }
            else if (buttons)
            {
                actions.Add(Submit("Get" + label, CardActions.Data(CardActions.DocumentGet, (CardActions.IdKey, listed[i].Id))));
            }
        }

        if (actions.Count > 0)
        {
            yield return new ActionSet(actions);
        }

        if (documents.Count > listed.Count)
        {
            yield return Subtle(listed.Count == 0
                ? $"{Number(documents.Count)} {(documents.Count == 1 ? "document" : "documents")} kept with this request."
                : $"and {Number(documents.Count - listed.Count)} more");
        }
    }

    /// <summary>The file's link when it is an https address (a library's file); null otherwise.</summary>
    private static Uri? Link(RequestDocument document) =>
        Uri.TryCreate(document.WebUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps ? url : null;

    /// <summary>"12 bytes", "340 KB", "1.2 MB".</summary>
    public static string Size(long bytes) =>
        bytes < 1024 ? $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes"
        : bytes < 1024 * 1024 ? $"{(bytes / 1024.0).ToString("0", CultureInfo.InvariantCulture)} KB"
        : $"{(bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture)} MB";

    private static IEnumerable<CardElement> History(IReadOnlyList<HistoryEntry>? history, TextBudget budget, TimeZoneInfo zone)
    {
        var recent = (history ?? []).TakeLast(HistoryShown).Reverse().ToList();
        if (recent.Count == 0)
        {
            yield break;
        }

        yield return Line("Recent activity", TextWeight.Bolder) with { Separator = true };
        foreach (var entry in recent)
        {
            var who = string.IsNullOrWhiteSpace(entry.Actor.Name) ? "Someone" : budget.Text(entry.Actor.Name, NameMax);
            yield return Line($"{TimeText.DateTime(entry.At, zone)} · {who} · {What(entry)}");
            if (!string.IsNullOrWhiteSpace(entry.Note))
            {
                yield return Line(budget.Text(entry.Note, HistoryNoteShown), subtle: true);
            }
        }
    }

    /// <summary>
    /// What a history line did, in words, with the values it set: "Assigned to ALSP Professional One",
    /// "Completed, 3.5 hours logged", "Rated ★★★★☆ (4/5)", "Asked the requester", "Filed". The note (reason,
    /// question, outcome, comment) is shown with the line by each caller.
    /// </summary>
    public static string What(HistoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var what = Action(entry);
        if (entry.Assignee is { } assignee && !string.IsNullOrWhiteSpace(assignee.Name))
        {
            what += " to " + CardText.Clip(assignee.Name, NameMax);
        }

        if (entry.HoursSpent is { } hours)
        {
            what += $", {Hours(hours)} logged";
        }

        if (entry.Rating is { } rating)
        {
            what += " " + Stars(rating);
        }

        if (entry.TargetDate is { } due)
        {
            what += ": due " + TimeText.Date(due);
        }

        return what;
    }

    /// <summary>"3.5 hours", "1 hour".</summary>
    public static string Hours(decimal hours) => hours.ToString("0.##", CultureInfo.InvariantCulture) + (hours == 1 ? " hour" : " hours");

    /// <summary>"★★★★☆ (4/5)".</summary>
    public static string Stars(int rating)
    {
        var stars = Math.Clamp(rating, 1, 5);
        return $"{new string('★', stars)}{new string('☆', 5 - stars)} ({Number(stars)}/5)";
    }

    private static string Action(HistoryEntry entry)
    {
        var action = entry.Action?.Trim();
        WorkflowAction? known = CardActions.TryGetAction(action, out var byVerb)
            ? byVerb
            : Enum.GetValues<WorkflowAction>().Where(a => string.Equals(a.ToString(), action, StringComparison.OrdinalIgnoreCase)).Cast<WorkflowAction?>().FirstOrDefault();
        return known switch
        {
            WorkflowAction.Assign => "Assigned",
            WorkflowAction.Reassign => "Reassigned",
            WorkflowAction.KeepInHouse => "Kept in-house",
            WorkflowAction.AskForInfo => "Asked for more information",
            WorkflowAction.ProvideInfo => "Added information",
            WorkflowAction.Reject => "Rejected",
            WorkflowAction.Accept => "Accepted",
            WorkflowAction.Decline => "Declined",
            WorkflowAction.AskRequester => "Asked the requester",
            WorkflowAction.Answer => "Answered",
            WorkflowAction.Complete => "Completed",
            WorkflowAction.Cancel => "Cancelled",
            WorkflowAction.Rate => "Rated",
            WorkflowAction.AcceptRequestedDate => "Accepted the requested due date",
            _ when entry.FromState is null => "Filed",
            _ when string.IsNullOrWhiteSpace(action) => entry.ToState.Describe(),
            _ => $"{(CardText.Clip(action, UnknownActionMax))} ({entry.ToState.Describe()})",
        };
    }

    private static CardAction Button(
        Transition transition,
        LegalRequest request,
        IReadOnlyList<AssignmentSuggestion> candidates,
        IReadOnlyDictionary<string, string> data,
        TextBudget choiceBudget)
    {
        var action = transition.Action;
        var verb = CardActions.Verb(action);
        var text = Texts(action);
        var submit = Execute(text.Submit, verb, data, text.Style);
        return transition.Needs switch
        {
            Needs.Nothing => Execute(text.Button, verb, data, text.Style, AssociatedInputs.None),
            Needs.EarlierRequestedDate => Execute(
                request.Details.RequestedDueDate is { } requested ? $"{text.Button} ({TimeText.Date(requested)})" : text.Button,
                verb,
                data,
                text.Style,
                AssociatedInputs.None),
            Needs.Note => Form(text, [Note(action, text, required: true)], submit),
            Needs.Assignee => AssigneeForm(action, text, request, candidates, choiceBudget, submit),
            Needs.HoursAndNote => Form(text, [Hours(action), Note(action, text, required: true)], submit, WorkDialogCard.Opener(action, data, WorkDialogCard.WriteTitle)),
            Needs.Rating => Form(text, [Rating(action), Note(action, text, required: false)], submit),
            _ => throw new ArgumentOutOfRangeException(nameof(transition), transition.Needs, $"No form for what {action} needs."),
        };
    }

    /// <param name="dialog">A second button that opens the same step in a Teams dialog, with room for a long form.</param>
    private static ShowCardAction Form(ActionText text, IReadOnlyList<CardElement> body, ExecuteAction? submit, SubmitAction? dialog = null) =>
        new(text.Button, new AdaptiveCard { Body = body, Actions = submit is null ? null : dialog is null ? [submit] : [submit, dialog] }) { Style = text.Style };

    internal static TextInput Note(WorkflowAction action, ActionText text, bool required) => new(CardActions.InputId(action, CardActions.NoteField))
    {
        Label = required ? text.NoteLabel : text.NoteLabel + " (optional)",
        IsMultiline = true,
        MaxLength = NoteMaxLength,
        IsRequired = required ? true : null,
        ErrorMessage = required ? text.NoteError : null,
    };

    internal static NumberInput Hours(WorkflowAction action) => new(CardActions.InputId(action, CardActions.HoursField))
    {
        Label = "Hours spent",
        Min = MinHours,
        Max = MaxHours,
        Placeholder = "For example 2.5",
        IsRequired = true,
        ErrorMessage = $"Enter the hours spent, from {MinHours.ToString(CultureInfo.InvariantCulture)} to {MaxHours.ToString("0", CultureInfo.InvariantCulture)}.",
    };

    private static ChoiceSetInput Rating(WorkflowAction action) => new(
        CardActions.InputId(action, CardActions.RatingField),
        [
            new("★★★★★ Excellent", "5"),
            new("★★★★☆ Good", "4"),
            new("★★★☆☆ Acceptable", "3"),
            new("★★☆☆☆ Poor", "2"),
            new("★☆☆☆☆ Very poor", "1"),
        ])
    {
        Label = "How was the work?",
        Style = ChoiceInputStyle.Expanded,
        IsRequired = true,
        ErrorMessage = "Please choose a rating.",
    };

    /// <summary>The first <see cref="MaxSuggestions"/> candidates with a usable id, each once.</summary>
    private static List<AssignmentSuggestion> Candidates(IReadOnlyList<AssignmentSuggestion>? suggestions) =>
        [.. (suggestions ?? [])
            .Where(s => IsUsableId(s.Professional.AadObjectId))
            .DistinctBy(s => s.Professional.AadObjectId, StringComparer.OrdinalIgnoreCase)
            .Take(MaxSuggestions)];

    private static ShowCardAction AssigneeForm(
        WorkflowAction action,
        ActionText text,
        LegalRequest request,
        IReadOnlyList<AssignmentSuggestion> candidates,
        TextBudget budget,
        ExecuteAction submit)
    {
        // Reassigning to the current assignee changes nothing, so they are not offered.
        var current = action == WorkflowAction.Reassign ? request.AssignedTo?.AadObjectId : null;
        var choices = candidates
            .Where(s => current is null || !string.Equals(s.Professional.AadObjectId, current, StringComparison.OrdinalIgnoreCase))
            .Select(s => new Choice(budget.Text(ChoiceTitle(s), ChoiceTitleMax), s.Professional.AadObjectId))
            .ToList();
        if (choices.Count == 0)
        {
            var nobody = current is null ? "No active ALSP professional is on the roster." : "No other active ALSP professional is on the roster.";
            return Form(text, [Text(nobody)], submit: null);
        }

        var input = new ChoiceSetInput(CardActions.InputId(action, CardActions.AssigneeField), choices)
        {
            Label = action == WorkflowAction.Reassign ? "New ALSP professional" : "ALSP professional",
            Placeholder = "Choose someone",
            Style = ChoiceInputStyle.Compact,
            IsRequired = true,
            ErrorMessage = "Please choose who should do the work.",
        };
        return Form(text, [input], submit, WorkDialogCard.Opener(action, CardActions.RequestData(request.Number, request.Version), WorkDialogCard.CompareTitle));
    }

    /// <summary>"Name · Firm · specialist · 1/5 open · 90% on time", as plain text (choice titles are not Markdown).</summary>
    internal static string ChoiceTitle(AssignmentSuggestion suggestion)
    {
        var p = suggestion.Professional;
        var parts = new[] { CardText.Clip(p.Name, ChoiceNameMax), CardText.Clip(p.Firm, ChoiceFirmMax), CardText.Clip(suggestion.Summary, ChoiceSummaryMax) };
        return string.Join(" · ", parts.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part.Trim()));
    }

    private static bool IsUsableId(string? id) => !string.IsNullOrWhiteSpace(id) && id.Length <= MaxIdLength;

    internal sealed record ActionText(string Button, string Submit, string NoteLabel, string NoteError, ActionStyle? Style = null);

    internal static ActionText Texts(WorkflowAction action) => action switch
    {
        WorkflowAction.Assign => new("Assign", "Assign", "Note", "Please write a note.", ActionStyle.Positive),
        WorkflowAction.Reassign => new("Reassign", "Reassign", "Note", "Please write a note."),
        WorkflowAction.KeepInHouse => new("Keep in-house", "Keep in-house", "Note", "Please write a note."),
        WorkflowAction.AskForInfo => new("Ask for info", "Send", QuestionLabel, "Please write your question."),
        WorkflowAction.ProvideInfo => new("Provide info", "Send", AnswerLabel, "Please write your answer.", ActionStyle.Positive),
        WorkflowAction.Reject => new("Reject", "Reject", ReasonLabel, "Please give a reason.", ActionStyle.Destructive),
        WorkflowAction.Accept => new("Accept", "Accept", "Note", "Please write a note.", ActionStyle.Positive),
        WorkflowAction.Decline => new("Decline", "Decline", ReasonLabel, "Please give a reason.", ActionStyle.Destructive),
        WorkflowAction.AskRequester => new("Ask the requester", "Send", QuestionLabel, "Please write your question."),
        WorkflowAction.Answer => new("Answer", "Send", AnswerLabel, "Please write your answer.", ActionStyle.Positive),
        WorkflowAction.Complete => new("Complete", "Complete", OutcomeLabel, "Please describe the outcome.", ActionStyle.Positive),
        WorkflowAction.Cancel => new("Cancel request", "Cancel request", ReasonLabel, "Please give a reason.", ActionStyle.Destructive),
        WorkflowAction.Rate => new("Rate", "Rate", "Comment", "Please write a comment.", ActionStyle.Positive),
        WorkflowAction.AcceptRequestedDate => new("Accept requested date", "Accept requested date", "Note", "Please write a note."),
        _ => new(action.ToString(), action.ToString(), "Note", "Please write a note."),
    };
}
