using System.Globalization;
using LegalBot.Cards.Model;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <param name="Request">The request as it is now (the dialog acts on this version).</param>
/// <param name="TypeName">The catalog name of the request's type.</param>
/// <param name="Action">The step, such as <see cref="WorkflowAction.Assign"/>.</param>
/// <param name="Needs">What the step asks for, as the workflow applies it for this viewer (<see cref="WorkDialogCard.Shows"/>).</param>
/// <param name="Candidates">For an assignment: the ranked roster (<see cref="AssignmentAdvisor.Rank"/>), best first.</param>
/// <param name="Currency">The ISO code hourly rates are shown in.</param>
/// <param name="TimeZone">The viewer's time zone.</param>
/// <param name="TypeNames">The catalog name of a request type key (a professional's specialties are keys); the key itself when not given.</param>
public sealed record WorkDialogModel(
    LegalRequest Request,
    string TypeName,
    WorkflowAction Action,
    Needs Needs,
    IReadOnlyList<AssignmentSuggestion> Candidates,
    string Currency,
    TimeZoneInfo? TimeZone = null,
    Func<string, string>? TypeNames = null);

/// <summary>
/// A workflow step in a Teams dialog, for the steps whose form is long: an assignment with every candidate compared
/// (firm, specialties, rate, load, on-time record) and a note for the professional, or a completion with room to
/// write the outcome. The request card offers it next to its short inline form (<see cref="Opener"/>). The dialog's
/// submit carries the same data as the card's button, and the server decides again who may do what.
/// </summary>
public static class WorkDialogCard
{
    /// <summary>How many candidates the dialog compares at most, as many as the card's own list offers.</summary>
    public const int MaxCandidates = RequestWorkCard.MaxSuggestions;

    public const string CompareTitle = "Compare in a dialog";
    public const string WriteTitle = "Open in a dialog";

    // What people typed or configured is paid for from two budgets (the request, the candidates), so that the dialog
    // stays the size of a card whatever the roster holds.
    private const int SummaryBytes = 4_000;
    private const int CandidateBytes = 5_000;
    private const int CandidateShare = 24;
    private const int NameMax = 50;
    private const int FirmMax = 40;
    private const int SpecialtiesMax = 80;

    /// <summary>The steps this dialog shows: those whose form does not fit a card well (an assignee, or hours and an outcome).</summary>
    public static bool Shows(Needs needs) => needs is Needs.Assignee or Needs.HoursAndNote;

    /// <summary>The dialog's title bar: "Assign LR-1042".</summary>
    public static string Title(WorkflowAction action, RequestNumber number) => $"{RequestWorkCard.Texts(action).Button} {number}";

    /// <summary>The card's button that opens the step in a dialog (Teams sends <c>task/fetch</c> with its data).</summary>
    public static SubmitAction Opener(WorkflowAction action, IReadOnlyDictionary<string, string> requestData, string title)
    {
        ArgumentNullException.ThrowIfNull(requestData);
        return new SubmitAction(title, StepData(action, requestData)) { OpensDialog = true, AssociatedInputs = AssociatedInputs.None };
    }

    public static AdaptiveCard Build(WorkDialogModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (!Shows(model.Needs))
        {
            throw new ArgumentOutOfRangeException(nameof(model), model.Needs, "No dialog for this step.");
        }

        var request = model.Request;
        var text = RequestWorkCard.Texts(model.Action);
        var summary = RequestSummary.Body(request, model.TypeName, null, new TextBudget(SummaryBytes), model.TimeZone ?? TimeZoneInfo.Utc);
        var body = new List<CardElement>(summary.Elements);
        if (model.Needs == Needs.HoursAndNote)
        {
            body.Add(RequestWorkCard.Hours(model.Action) with { Separator = true });
            body.Add(RequestWorkCard.Note(model.Action, text, required: true) with
            {
                Placeholder = "What was done, what was agreed, what the requester should know or do next",
            });
        }
        else
        {
            var candidates = model.Candidates
                .Where(c => !string.IsNullOrWhiteSpace(c.Professional.AadObjectId) && c.Professional.AadObjectId.Length <= RequestWorkCard.MaxIdLength)
                .Where(c => !AccessPolicy.IsAssignee(request, c.Professional.AadObjectId))
                .DistinctBy(c => c.Professional.AadObjectId, StringComparer.OrdinalIgnoreCase)
                .Take(MaxCandidates)
                .ToList();
            if (candidates.Count == 0)
            {
                body.Add(Text(request.AssignedTo is null ? "No active ALSP professional is on the roster." : "No other active ALSP professional is on the roster.") with { Separator = true });
                return Card(body, null, $"{request.Number}: nobody to assign.");
            }

            var budget = new TextBudget(CandidateBytes, CandidateShare);
            body.Add(Line("Who should do the work?", TextWeight.Bolder) with { Separator = true });
            body.Add(Subtle("Specialists in this type first, then those with room this week, the lightest load and the best on-time record."));
            body.Add(new ChoiceSetInput(
                CardActions.InputId(model.Action, CardActions.AssigneeField),
                [.. candidates.Select(c => new Choice(Compare(c, model, budget), c.Professional.AadObjectId))])
            {
                Label = model.Action == WorkflowAction.Reassign ? "New ALSP professional" : "ALSP professional",
                Style = ChoiceInputStyle.Expanded,
                Wrap = true,
                IsRequired = true,
                ErrorMessage = "Please choose who should do the work.",
            });
            body.Add(new TextInput(CardActions.InputId(model.Action, CardActions.NoteField))
            {
                Label = "Note for the professional (optional)",
                IsMultiline = true,
                MaxLength = RequestWorkCard.NoteMaxLength,
                Placeholder = "What to look at first, who to ask, what the deadline hangs on",
            });
        }

        var data = StepData(model.Action, CardActions.RequestData(request.Number, request.Version));
        return Card(body, [new SubmitAction(text.Submit, data) { Style = text.Style }], $"{text.Button}: {summary.FallbackText}");
    }

    /// <summary>"Name · Firm · takes NDA · USD 120/h · 1 of 5 open this week · 90% on time over 10 completed", as plain text.</summary>
    private static string Compare(AssignmentSuggestion candidate, WorkDialogModel model, TextBudget budget)
    {
        var typeNames = model.TypeNames ?? (key => key);
        var p = candidate.Professional;
        var parts = new List<string> { budget.Text(p.Name, NameMax) };
        if (!string.IsNullOrWhiteSpace(p.Firm))
        {
            parts.Add(budget.Text(p.Firm, FirmMax));
        }

        if (candidate.Specialist)
        {
            parts.Add("takes " + CardText.Clip(model.TypeName, NameMax));
        }
        else if (p.Specialties.Count > 0)
        {
            parts.Add(budget.Text(string.Join(", ", p.Specialties.Select(typeNames)), SpecialtiesMax));
        }

        if (p.HourlyRate > 0)
        {
            parts.Add($"{model.Currency} {p.HourlyRate.ToString("#,0.##", CultureInfo.InvariantCulture)}/h");
        }

        parts.Add($"{Number(candidate.Stats.OpenAssignments)} of {Number(p.WeeklyCapacity)} open this week");
        parts.Add(candidate.Stats.OnTimeRate is { } rate
            ? $"{(rate * 100).ToString("0", CultureInfo.InvariantCulture)}% on time over {Number(candidate.Stats.Completed)} completed"
            : "no completed work yet");
        return string.Join(" · ", parts.Where(part => !string.IsNullOrWhiteSpace(part)).Select(part => part.Trim()));
    }

    private static Dictionary<string, string> StepData(WorkflowAction action, IReadOnlyDictionary<string, string> requestData)
    {
        var data = new Dictionary<string, string>(requestData.Count + 2, StringComparer.Ordinal)
        {
            [CardActions.ActionKey] = CardActions.WorkDialog,
            [CardActions.VerbKey] = CardActions.Verb(action),
        };
        foreach (var (key, value) in requestData)
        {
            data[key] = value;
        }

        return data;
    }
}
