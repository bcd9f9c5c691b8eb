using System.Globalization;
using LegalBot.Application.Workflow;
using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Conversations.Intake;

/// <summary>
/// Files a request. The user may fill the card form, answer questions in text, or mix both: typed
/// answers fill the draft one field at a time, a form submission fills everything it carries, and the
/// bot only asks for what is still missing. Nothing is saved until the user confirms the summary.
/// </summary>
public sealed class IntakeDialog(
    RequestTypeCatalog catalog,
    RequestFiling filing,
    RequestCards cards) : IDialog
{
    public const string DialogId = "intake";

    private static class Steps
    {
        public const string Type = "type";
        public const string Fields = "fields";
        public const string Confirm = "confirm";
        public const string PickField = "pickField";
        public const string EditField = "editField";
    }

    private static readonly Dictionary<string, string> ConfirmWords = new()
    {
        ["submit"] = "true",
        ["send"] = "true",
        ["send it"] = "true",
        ["file it"] = "true",
        ["edit"] = "false",
        ["change"] = "false",
        ["change something"] = "false",
    };

    private static readonly Dictionary<string, string> SkipWords = new()
    {
        ["skip"] = "",
        ["none"] = "",
        ["no date"] = "",
        ["-"] = "",
    };

    public string Id => DialogId;

    /// <summary>Starts filing; with a type already known (from "I need an NDA") it goes straight to the form.</summary>
    public Task BeginAsync(DialogContext dc, RequestType? type)
    {
        dc.State.Clear();
        dc.State.DialogId = DialogId;
        dc.State.DraftId = Guid.NewGuid().ToString("N");
        if (type is not null)
        {
            SelectType(dc, type);
            return Task.CompletedTask;
        }

        dc.State.Step = Steps.Type;
        dc.Show(TypePickerCard.Build(catalog.Types));
        dc.Ask(TypeField(), "What kind of request is it? Pick one above or type its name.");
        return Task.CompletedTask;
    }

    public async Task RestartAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        dc.Say("OK, let's start over. Nothing was saved.");
        await BeginAsync(dc, null);
    }

    public async Task OnAnswerAsync(DialogContext dc, PendingPrompt prompt, string? value, CancellationToken cancellationToken)
    {
        var state = dc.State;
        switch (state.Step)
        {
            case Steps.Type:
                SelectType(dc, catalog.Types.First(t => t.Name == value));
                break;
            case Steps.Fields:
            case Steps.EditField:
                Set(state, prompt.Field, value);
                if (state.Step == Steps.EditField)
                {
                    ShowSummary(dc);
                }
                else
                {
                    AskNextOrSummarize(dc);
                }

                break;
            case Steps.PickField:
                var picked = Fields(dc).First(f => f.Label == value);
                state.Step = Steps.EditField;
                AskFor(dc, picked);
                break;
            case Steps.Confirm:
                if (value == "true")
                {
                    await SubmitAsync(dc, cancellationToken);
                }
                else
                {
                    StartEdit(dc);
                }

                break;
            default:
                await RestartAsync(dc, cancellationToken);
                break;
        }
    }

    public async Task OnCardAsync(DialogContext dc, string action, IReadOnlyDictionary<string, string> value, CancellationToken cancellationToken)
    {
        var state = dc.State;
        switch (action)
        {
            case CardActions.IntakeType when state.Step == Steps.Type:
                var type = catalog.Find(value.GetValueOrDefault(CardActions.TypeKey));
                if (type is null)
                {
                    dc.Reprompt("I don't know that request type.");
                    return;
                }

                SelectType(dc, type);
                return;
            case CardActions.IntakeType:
                dc.Say($"You're already filing a **{TypeOf(dc).Name}** request. Type **start over** to choose another type.");
                dc.Reprompt();
                return;
            case CardActions.IntakeSubmit when state.TypeKey is not null:
                ApplyForm(dc, value);
                return;
            case CardActions.IntakeConfirm when state.TypeKey is not null && Missing(dc).Count == 0:
                await SubmitAsync(dc, cancellationToken);
                return;
            case CardActions.IntakeEdit when state.TypeKey is not null:
                StartEdit(dc);
                return;
            case CardActions.IntakeCancel:
                state.Clear();
                dc.Say("Cancelled. Nothing was saved. Type **new request** whenever you're ready.");
                return;
            default:
                dc.Say("That button doesn't apply at this point.");
                dc.Reprompt();
                return;
        }
    }

    private static FieldDefinition TypeFieldFor(IEnumerable<RequestType> types) =>
        new() { Name = "type", Label = "Request type", Kind = FieldKind.Choice, Required = true, Choices = [.. types.Select(t => t.Name)] };

    private FieldDefinition TypeField() => TypeFieldFor(catalog.Types);

    private RequestType TypeOf(DialogContext dc) =>
        catalog.Find(dc.State.TypeKey) ?? throw new InvalidOperationException("The draft's request type is no longer in the catalog.");

    private IReadOnlyList<FieldDefinition> Fields(DialogContext dc) => CommonFields.For(TypeOf(dc), catalog.BusinessUnits);

    private void SelectType(DialogContext dc, RequestType type)
    {
        var state = dc.State;
        state.TypeKey = type.Key;
        state.Step = Steps.Fields;
        state.Prompt = null;
        state.Values[CommonFields.Priority] = type.DefaultPriority.ToString();
        dc.Say($"Let's file a **{type.Name}** request. Fill in the form, or answer my questions here, whichever you prefer.");
        dc.Show(Form(dc, new Dictionary<string, string>()));
        AskNextOrSummarize(dc);
    }

    private AdaptiveCard Form(DialogContext dc, IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? values = null) =>
        IntakeFormCard.Build(new IntakeFormModel(TypeOf(dc), Fields(dc), values ?? dc.State.Values, errors, dc.State.DraftId!, dc.Input.Today));

    private List<FieldDefinition> Missing(DialogContext dc) =>
        [.. Fields(dc).Where(f => f.Required && !dc.State.Values.ContainsKey(f.Name))];

    private void AskNextOrSummarize(DialogContext dc)
    {
        var next = Missing(dc).FirstOrDefault();
        if (next is null)
        {
            ShowSummary(dc);
            return;
        }

        dc.State.Step = Steps.Fields;
        AskFor(dc, next);
    }

    private static void AskFor(DialogContext dc, FieldDefinition field)
    {
        var question = field.Kind switch
        {
            // No Markdown emphasis where quick replies are attached: some clients then show the asterisks.
            FieldKind.Choice => $"{field.Label}? Pick one, or reply with its number or name:\n\n{DialogContext.Numbered(field.Choices)}",
            FieldKind.Date => $"**{field.Label}**? For example {dc.Input.Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, \"next Friday\" or \"in 10 days\"" + (field.Required ? "." : ", or \"skip\"."),
            FieldKind.YesNo => $"{field.Label}? (yes or no)",
            FieldKind.Number => $"**{field.Label}**? (a number)",
            _ => field.Placeholder is { Length: > 0 } hint ? $"**{field.Label}**? ({hint})" : $"**{field.Label}**?",
        };
        if (!field.Required && field.Kind != FieldKind.Date)
        {
            question += " Type \"skip\" to leave it empty.";
        }

        dc.Ask(field, question, field.Required ? null : SkipWords);
    }

    private static void Set(DialogState state, FieldDefinition field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            state.Values.Remove(field.Name);
        }
        else
        {
            state.Values[field.Name] = value;
        }
    }

    /// <summary>A form submission: keeps every valid value, explains every invalid one, asks for what is left.</summary>
    private void ApplyForm(DialogContext dc, IReadOnlyDictionary<string, string> submitted)
    {
        var state = dc.State;
        var errors = new Dictionary<string, string>();
        var shown = new Dictionary<string, string>();
        foreach (var field in Fields(dc))
        {
            var raw = submitted.GetValueOrDefault(field.Name);
            if (string.IsNullOrWhiteSpace(raw) && state.Values.TryGetValue(field.Name, out var typed))
            {
                // Answered in text after the form was sent: keep it.
                shown[field.Name] = typed;
                continue;
            }

            var result = FieldValueParser.Parse(field, raw, dc.Input.Today);
            if (result.Ok)
            {
                Set(state, field, result.Value);
                if (result.Value is not null)
                {
                    shown[field.Name] = result.Value;
                }
            }
            else
            {
                state.Values.Remove(field.Name);
                errors[field.Name] = result.Error!;
                if (!string.IsNullOrWhiteSpace(raw) && raw.Length <= (field.MaxLength ?? 4000) * 2)
                {
                    shown[field.Name] = raw;
                }
            }
        }

        if (errors.Count == 0)
        {
            ShowSummary(dc);
            return;
        }

        dc.Say(errors.Count == 1 ? "One thing needs fixing:" : $"{errors.Count} things need fixing:");
        dc.Show(Form(dc, errors, shown));
        state.Step = Steps.Fields;
        var first = Fields(dc).First(f => errors.ContainsKey(f.Name));
        state.Prompt = null;
        dc.Say(errors[first.Name] + " You can correct it in the form or type it here.");
        AskFor(dc, first);
    }

    private void ShowSummary(DialogContext dc)
    {
        var type = TypeOf(dc);
        var answers = Fields(dc)
            .Where(f => dc.State.Values.ContainsKey(f.Name))
            .Select(f => (f.Label, RequestCards.Display(f, dc.State.Values[f.Name])))
            .ToList();
        dc.State.Step = Steps.Confirm;
        dc.Show(ConfirmationCard.Build(new ConfirmationModel(type, answers, RequestFiling.TargetDate(dc.Input.Today, type), dc.State.DraftId!)));
        dc.Ask(
            new FieldDefinition { Name = "confirm", Label = "Submit", Kind = FieldKind.YesNo, Required = true },
            "Shall I submit it? Reply yes to submit, edit to change something, or cancel.",
            ConfirmWords,
            ["Submit", "Edit", "Cancel"]);
    }

    private void StartEdit(DialogContext dc)
    {
        var fields = Fields(dc);
        dc.State.Step = Steps.PickField;
        dc.Show(Form(dc, new Dictionary<string, string>()));
        dc.Ask(
            new FieldDefinition { Name = "field", Label = "Field", Kind = FieldKind.Choice, Required = true, Choices = [.. fields.Select(f => f.Label)] },
            $"Change anything in the form and press **Review request**, or tell me which field to change:\n\n{DialogContext.Numbered(fields.Select(f => f.Label))}");
    }

    private async Task SubmitAsync(DialogContext dc, CancellationToken cancellationToken)
    {
        var state = dc.State;
        var type = TypeOf(dc);
        var values = state.Values;
        var common = new HashSet<string>([CommonFields.Title, CommonFields.Description, CommonFields.BusinessUnit, CommonFields.Counterparty, CommonFields.Priority, CommonFields.DueDate]);
        var draft = new RequestDraft
        {
            TypeKey = type.Key,
            Title = values[CommonFields.Title],
            Description = values[CommonFields.Description],
            BusinessUnit = values[CommonFields.BusinessUnit],
            Counterparty = values.GetValueOrDefault(CommonFields.Counterparty),
            Priority = Enum.Parse<Priority>(values[CommonFields.Priority], ignoreCase: true),
            RequestedDueDate = values.TryGetValue(CommonFields.DueDate, out var due)
                ? DateOnly.ParseExact(due, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null,
            Fields = values.Where(kv => !common.Contains(kv.Key)).ToDictionary(),
        };
        var requester = dc.Input.ResolveUser is { } resolve ? await resolve(cancellationToken) : dc.Input.User;
        var result = await filing.FileAsync(new FileRequestCommand(state.DraftId!, type, draft, requester, dc.Input.TenantId, dc.Input.Now, dc.Input.Today), cancellationToken);
        state.Clear();
        var number = result.Request.Number;
        dc.Say(result.Created
            ? $"Your request is filed as **{number}**. The legal team will triage it and I'll keep you posted. Type **status {number}** any time."
            : $"This request was already filed as **{number}**.");
        dc.Show(await cards.ViewAsync(result.Request, dc.Input.User.AadObjectId, banner: result.Created ? "Request filed" : "Already filed", cancellationToken: cancellationToken), number);
    }
}
