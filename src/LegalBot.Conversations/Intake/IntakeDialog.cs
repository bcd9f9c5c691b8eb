using System.Globalization;
using System.Text.Json;
using LegalBot.Application.Profiles;
using LegalBot.Application.Requests;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Cards.Model;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Catalog;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intake;

/// <summary>
/// Files a request. The user may fill the card form, answer questions in text, or mix both: typed
/// answers fill the draft one field at a time, a form submission fills everything it carries, and the
/// bot only asks for what is still missing. Nothing is saved until the user confirms the summary.
/// </summary>
/// <remarks>
/// A component built from prompts: each question is a prompt on the stack above the intake, and the intake is
/// resumed with its answer, as a waterfall's next step is. The draft (its id, type and values) and the step the
/// pending answer belongs to are kept in the intake's own instance state. Card submissions reach it through
/// <see cref="OnCardAsync"/>: they may cancel the pending question and move on from what the form filled.
/// </remarks>
public sealed class IntakeDialog : LbComponentDialog
{
    public const string DialogId = "intake";

    /// <summary>Said when a question was refused too often; the draft is dropped.</summary>
    public const string GiveUpMessage = "I've stopped here so you're not stuck; nothing was saved. Type **new request** to try again, or **help**.";

    private static class Steps
    {
        public const string Type = "type";
        public const string Field = "field:";
        public const string Confirm = "confirm";
        public const string PickField = "pickField";
        public const string EditField = "edit:";
    }

    private static class Keys
    {
        public const string Step = "step";
        public const string DraftId = "draftId";
        public const string TypeKey = "typeKey";
        public const string Values = "values";
        public const string SuggestedBusinessUnit = "suggestedBusinessUnit";
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

    private readonly RequestTypeCatalog catalog;
    private readonly RequestFiling filing;
    private readonly RequestCards cards;
    private readonly IOptions<ConversationOptions> options;
    private readonly RequesterProfiles profiles;

    public IntakeDialog(
        RequestTypeCatalog catalog,
        RequestFiling filing,
        RequestCards cards,
        IOptions<ConversationOptions> options,
        RequesterProfiles profiles)
        : base(DialogId)
    {
        this.catalog = catalog;
        this.filing = filing;
        this.cards = cards;
        this.options = options;
        this.profiles = profiles;
        AddDialog(new LbTextPrompt(PromptIdFor(FieldKind.Text)));
        AddDialog(new LbChoicePrompt(PromptIdFor(FieldKind.Choice)));
        AddDialog(new LbNumberPrompt(PromptIdFor(FieldKind.Number)));
        AddDialog(new LbDatePrompt(PromptIdFor(FieldKind.Date)));
        AddDialog(new LbConfirmPrompt(PromptIdFor(FieldKind.YesNo)));
    }

    /// <summary>The prompt that asks for a field of this kind.</summary>
    public static string PromptIdFor(FieldKind kind) => kind switch
    {
        FieldKind.Choice => DialogId + ".choice",
        FieldKind.Number => DialogId + ".number",
        FieldKind.Date => DialogId + ".date",
        FieldKind.YesNo => DialogId + ".confirm",
        _ => DialogId + ".text",
    };

    /// <summary>Starts filing; with a type already known (options: the <see cref="RequestType"/> from "I need an NDA") it goes straight to the form.</summary>
    public override async Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var draft = Draft.Of(dc);
        draft.Id = Guid.NewGuid().ToString("N");
        if (options is RequestType type)
        {
            return await SelectTypeAsync(dc, draft, type, cancellationToken);
        }

        dc.Show(TypePickerCard.Build(catalog.Types));
        return await AskAsync(dc, draft, Steps.Type, TypeField(), "What kind of request is it? Pick one above or type its name.", cancellationToken: cancellationToken);
    }

    /// <summary>A state converted from an earlier version without a pending question: ask for what is missing.</summary>
    public override Task<LbDialogTurnResult> ContinueDialogAsync(LbDialogContext dc, CancellationToken cancellationToken)
    {
        var draft = Draft.Of(dc);
        return draft.TypeKey is null
            ? AskAsync(dc, draft, Steps.Type, TypeField(), "What kind of request is it? Pick one above or type its name.", cancellationToken: cancellationToken)
            : AskNextOrSummarizeAsync(dc, draft, cancellationToken);
    }

    /// <summary>A prompt ended: its answer belongs to the step recorded when it was asked.</summary>
    public override async Task<LbDialogTurnResult> ResumeDialogAsync(LbDialogContext dc, LbDialogReason reason, object? result, CancellationToken cancellationToken)
    {
        var draft = Draft.Of(dc);
        var step = draft.Step ?? "";
        var value = Format(result);
        if (step == Steps.Type)
        {
            return await SelectTypeAsync(dc, draft, catalog.Types.First(t => t.Name == value), cancellationToken);
        }

        if (step.StartsWith(Steps.Field, StringComparison.Ordinal) || step.StartsWith(Steps.EditField, StringComparison.Ordinal))
        {
            var name = step[(step.IndexOf(':', StringComparison.Ordinal) + 1)..];
            draft.Set(Fields(draft).First(f => f.Name == name), value);
            return step.StartsWith(Steps.EditField, StringComparison.Ordinal)
                ? await ShowSummaryAsync(dc, draft, cancellationToken)
                : await AskNextOrSummarizeAsync(dc, draft, cancellationToken);
        }

        return step switch
        {
            Steps.PickField => await AskForAsync(dc, draft, Fields(draft).First(f => f.Label == value), edit: true, cancellationToken),
            Steps.Confirm when value == "true" => await SubmitAsync(dc, draft, cancellationToken),
            Steps.Confirm => await StartEditAsync(dc, draft, cancellationToken),
            _ => await dc.ReplaceDialogAsync(DialogId, null, cancellationToken),
        };
    }

    /// <summary>A card submission addressed to this filing (its draft id matches).</summary>
    public async Task OnCardAsync(LbDialogContext dc, LbDialogInstance intake, string action, IReadOnlyDictionary<string, string> value, CancellationToken cancellationToken)
    {
        var draft = new Draft(intake);
        switch (action)
        {
            case CardActions.IntakeType when draft.Step == Steps.Type:
                var type = catalog.Find(value.GetValueOrDefault(CardActions.TypeKey));
                if (type is null)
                {
                    await dc.RepromptDialogAsync("I don't know that request type.", cancellationToken);
                    return;
                }

                await dc.CancelChildDialogsAsync(intake, cancellationToken);
                await SelectTypeAsync(dc, draft, type, cancellationToken);
                return;
            case CardActions.IntakeType:
                dc.Say($"You're already filing a **{TypeOf(draft).Name}** request. Type **start over** to choose another type.");
                await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
                return;
            case CardActions.IntakeSubmit when draft.TypeKey is not null:
                await dc.CancelChildDialogsAsync(intake, cancellationToken);
                await ApplyFormAsync(dc, draft, value, cancellationToken);
                return;
            case CardActions.IntakeConfirm when draft.TypeKey is not null && Missing(draft).Count == 0:
                await dc.CancelChildDialogsAsync(intake, cancellationToken);
                await SubmitAsync(dc, draft, cancellationToken);
                return;
            case CardActions.IntakeEdit when draft.TypeKey is not null:
                await dc.CancelChildDialogsAsync(intake, cancellationToken);
                await StartEditAsync(dc, draft, cancellationToken);
                return;
            case CardActions.IntakeCancel:
                await dc.CancelAllDialogsAsync(cancellationToken);
                dc.Say("Cancelled. Nothing was saved. Type **new request** whenever you're ready.");
                return;
            default:
                dc.Say("That button doesn't apply at this point.");
                await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
                return;
        }
    }

    /// <summary>The filing on the stack, if one is in progress.</summary>
    public static LbDialogInstance? Find(LbDialogState state) => state.DialogStack.LastOrDefault(i => i.Id == DialogId);

    /// <summary>The draft id of the filing on the stack, if one is in progress.</summary>
    public static string? DraftIdOf(LbDialogState state) => Find(state) is { } intake ? new Draft(intake).Id : null;

    /// <summary>The type and values typed so far in the filing on the stack (empty when none).</summary>
    public static (string? TypeKey, IReadOnlyDictionary<string, string> Values) DraftOf(LbDialogState state) =>
        Find(state) is { } intake ? (new Draft(intake).TypeKey, new Draft(intake).Values) : (null, new Dictionary<string, string>());

    /// <summary>
    /// The intake's saved state, in the shape the engine reads: for the conversion of state saved by an earlier
    /// version (<see cref="IntakeStateMigration"/>).
    /// </summary>
    internal static LbDialogInstance Instance(string? draftId, string? typeKey, Dictionary<string, string> values, string? step)
    {
        var instance = new LbDialogInstance { Id = DialogId };
        var draft = new Draft(instance) { Id = draftId, TypeKey = typeKey, Step = step };
        draft.Replace(values);
        return instance;
    }

    internal static string FieldStep(string fieldName, bool edit) => (edit ? Steps.EditField : Steps.Field) + fieldName;

    private static FieldDefinition TypeFieldFor(IEnumerable<RequestType> types) =>
        new() { Name = "type", Label = "Request type", Kind = FieldKind.Choice, Required = true, Choices = [.. types.Select(t => t.Name)] };

    private FieldDefinition TypeField() => TypeFieldFor(catalog.Types);

    private RequestType TypeOf(Draft draft) =>
        catalog.Find(draft.TypeKey) ?? throw new InvalidOperationException("The draft's request type is no longer in the catalog.");

    private IReadOnlyList<FieldDefinition> Fields(Draft draft) => CommonFields.For(TypeOf(draft), catalog.BusinessUnits);

    private async Task<LbDialogTurnResult> SelectTypeAsync(LbDialogContext dc, Draft draft, RequestType type, CancellationToken cancellationToken)
    {
        draft.TypeKey = type.Key;
        draft.Set(CommonFields.Priority, type.DefaultPriority.ToString());

        // The business unit the requester's department maps to, offered (never filled in unseen) in the form and
        // the question; read within the profile timeout, or not at all.
        draft.SuggestedBusinessUnit ??= await profiles.BusinessUnitAsync(dc.Input.User.AadObjectId, cancellationToken);
        dc.Say($"Let's file a **{type.Name}** request. Fill in the form, or answer my questions here, whichever you prefer.");
        dc.Show(Form(dc, draft, new Dictionary<string, string>()));
        return await AskNextOrSummarizeAsync(dc, draft, cancellationToken);
    }

    private AdaptiveCard Form(LbDialogContext dc, Draft draft, IReadOnlyDictionary<string, string> errors, IReadOnlyDictionary<string, string>? values = null) =>
        IntakeFormCard.Build(new IntakeFormModel(TypeOf(draft), Fields(draft), values ?? Prefilled(draft), errors, draft.Id!, dc.Input.Today));

    /// <summary>The draft's values, with the suggested business unit in its input while none is chosen.</summary>
    private static IReadOnlyDictionary<string, string> Prefilled(Draft draft) =>
        draft.SuggestedBusinessUnit is { } unit && !draft.Values.ContainsKey(CommonFields.BusinessUnit)
            ? new Dictionary<string, string>(draft.Values) { [CommonFields.BusinessUnit] = unit }
            : draft.Values;

    private List<FieldDefinition> Missing(Draft draft) =>
        [.. Fields(draft).Where(f => f.Required && !draft.Values.ContainsKey(f.Name))];

    private Task<LbDialogTurnResult> AskNextOrSummarizeAsync(LbDialogContext dc, Draft draft, CancellationToken cancellationToken)
    {
        var next = Missing(draft).FirstOrDefault();
        return next is null
            ? ShowSummaryAsync(dc, draft, cancellationToken)
            : AskForAsync(dc, draft, next, edit: false, cancellationToken);
    }

    private Task<LbDialogTurnResult> AskForAsync(LbDialogContext dc, Draft draft, FieldDefinition field, bool edit, CancellationToken cancellationToken)
    {
        var question = field.Kind switch
        {
            // No Markdown emphasis where quick replies are attached: some clients then show the asterisks.
            FieldKind.Choice => $"{field.Label}? Pick one, or reply with its number or name:\n\n{LbDialogContext.Numbered(field.Choices)}",
            FieldKind.Date => $"**{field.Label}**? For example {dc.Input.Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}, \"next Friday\" or \"in 10 days\"" + (field.Required ? "." : ", or \"skip\"."),
            FieldKind.YesNo => $"{field.Label}? (yes or no)",
            FieldKind.Number => $"**{field.Label}**? (a number)",
            _ => field.Placeholder is { Length: > 0 } hint ? $"**{field.Label}**? ({hint})" : $"**{field.Label}**?",
        };
        if (!field.Required && field.Kind != FieldKind.Date)
        {
            question += " Type \"skip\" to leave it empty.";
        }

        if (field.Name == CommonFields.BusinessUnit && draft.SuggestedBusinessUnit is { } unit && field.Choices.Contains(unit))
        {
            // The department's business unit first among the quick replies, and "yes" takes it.
            question = $"{field.Label}? {unit}, from your department: reply yes to use it, or pick another by its number or name:\n\n{LbDialogContext.Numbered(field.Choices)}";
            var offered = (LbDialogContext.Suggestions(field) ?? []).Where(c => c != unit).Prepend(unit).ToList();
            return AskAsync(dc, draft, FieldStep(field.Name, edit), field, question, new() { ["yes"] = unit, ["ok"] = unit }, offered, cancellationToken);
        }

        return AskAsync(dc, draft, FieldStep(field.Name, edit), field, question, field.Required ? null : SkipWords, cancellationToken: cancellationToken);
    }

    /// <summary>Records which step the answer belongs to and begins the prompt for the field's kind.</summary>
    private Task<LbDialogTurnResult> AskAsync(
        LbDialogContext dc, Draft draft, string step, FieldDefinition field, string question,
        Dictionary<string, string>? synonyms = null, List<string>? suggestions = null, CancellationToken cancellationToken = default)
    {
        draft.Step = step;
        return dc.PromptAsync(PromptIdFor(field.Kind), PromptOptions(field, question, synonyms, suggestions, options.Value.MaxRetries), cancellationToken);
    }

    internal static LbPromptOptions PromptOptions(FieldDefinition field, string question, Dictionary<string, string>? synonyms, List<string>? suggestions, int maxRetries) => new()
    {
        Prompt = question,
        Validations = field,
        Synonyms = synonyms ?? [],
        Choices = suggestions,
        MaxAttempts = maxRetries,
        GiveUpMessage = GiveUpMessage,
    };

    /// <summary>A prompt's typed answer in the draft's normalized text form (as <see cref="FieldValueParser"/> writes it).</summary>
    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        decimal d => d.ToString(CultureInfo.InvariantCulture),
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };

    /// <summary>A form submission: keeps every valid value, explains every invalid one, asks for what is left.</summary>
    private async Task<LbDialogTurnResult> ApplyFormAsync(LbDialogContext dc, Draft draft, IReadOnlyDictionary<string, string> submitted, CancellationToken cancellationToken)
    {
        // Answered in text after the form was sent and left blank in it: keep what was typed.
        var merged = new Dictionary<string, string>(submitted.Where(kv => !string.IsNullOrWhiteSpace(kv.Value)));
        foreach (var (name, typed) in draft.Values)
        {
            merged.TryAdd(name, typed);
        }

        var checkedForm = IntakeForm.Check(Fields(draft), merged, dc.Input.Today);
        foreach (var field in Fields(draft))
        {
            draft.Set(field, checkedForm.Values.GetValueOrDefault(field.Name));
        }

        var errors = checkedForm.Errors;
        var shown = checkedForm.Shown;
        if (errors.Count == 0)
        {
            return await ShowSummaryAsync(dc, draft, cancellationToken);
        }

        dc.Say(errors.Count == 1 ? "One thing needs fixing:" : $"{errors.Count} things need fixing:");
        dc.Show(Form(dc, draft, errors, shown));
        var first = Fields(draft).First(f => errors.ContainsKey(f.Name));
        dc.Say(errors[first.Name] + " You can correct it in the form or type it here.");
        return await AskForAsync(dc, draft, first, edit: false, cancellationToken);
    }

    private Task<LbDialogTurnResult> ShowSummaryAsync(LbDialogContext dc, Draft draft, CancellationToken cancellationToken)
    {
        var type = TypeOf(draft);
        var answers = Fields(draft)
            .Where(f => draft.Values.ContainsKey(f.Name))
            .Select(f => (f.Label, RequestCards.Display(f, draft.Values[f.Name])))
            .ToList();
        dc.Show(ConfirmationCard.Build(new ConfirmationModel(type, answers, filing.TargetDate(type, dc.Input.Now), draft.Id!)));
        return AskAsync(
            dc,
            draft,
            Steps.Confirm,
            new FieldDefinition { Name = "confirm", Label = "Submit", Kind = FieldKind.YesNo, Required = true },
            "Shall I submit it? Reply yes to submit, edit to change something, or cancel.",
            ConfirmWords,
            ["Submit", "Edit", "Cancel"],
            cancellationToken);
    }

    private Task<LbDialogTurnResult> StartEditAsync(LbDialogContext dc, Draft draft, CancellationToken cancellationToken)
    {
        var fields = Fields(draft);
        dc.Show(Form(dc, draft, new Dictionary<string, string>()));
        return AskAsync(
            dc,
            draft,
            Steps.PickField,
            new FieldDefinition { Name = "field", Label = "Field", Kind = FieldKind.Choice, Required = true, Choices = [.. fields.Select(f => f.Label)] },
            $"Change anything in the form and press **Review request**, or tell me which field to change:\n\n{LbDialogContext.Numbered(fields.Select(f => f.Label))}",
            cancellationToken: cancellationToken);
    }

    /// <summary>Files the draft and ends the intake with the request's number.</summary>
    private async Task<LbDialogTurnResult> SubmitAsync(LbDialogContext dc, Draft draft, CancellationToken cancellationToken)
    {
        var type = TypeOf(draft);
        var values = draft.Values;
        var draftId = draft.Id!;
        var details = IntakeForm.Draft(type, values);
        var requester = dc.Input.ResolveUser is { } resolve ? await resolve(cancellationToken) : dc.Input.User;
        // The legal team's triage card is owed from the moment the request exists: staged with it.
        var result = await filing.FileAsync(new FileRequestCommand(draftId, type, details, requester, dc.Input.TenantId, dc.Input.Now), cancellationToken);
        var number = result.Request.Number;
        dc.Say(result.Created
            ? $"Your request is filed as **{number}**. The legal team will triage it and I'll keep you posted. Type **status {number}** any time."
            : $"This request was already filed as **{number}**.");
        dc.Show(await cards.ViewAsync(result.Request, dc.Input.User.AadObjectId, banner: result.Created ? "Request filed" : "Already filed", cancellationToken: cancellationToken), number);
        return await dc.EndDialogAsync(number, cancellationToken);
    }

    /// <summary>The filing in progress, read from and written through to the intake's instance state.</summary>
    private sealed class Draft(LbDialogInstance instance)
    {
        private Dictionary<string, string>? values;

        /// <summary>The draft of the intake on the stack (the active dialog or the nearest one below it).</summary>
        public static Draft Of(LbDialogContext dc) =>
            new(Find(dc.State) ?? throw new InvalidOperationException("No intake on the dialog stack."));

        /// <summary>Identifies one filing attempt; also the idempotency key when it is saved.</summary>
        public string? Id
        {
            get => instance.State.GetValueOrDefault(Keys.DraftId);
            set => Put(Keys.DraftId, value);
        }

        public string? TypeKey
        {
            get => instance.State.GetValueOrDefault(Keys.TypeKey);
            set => Put(Keys.TypeKey, value);
        }

        /// <summary>The business unit the requester's department maps to, offered until one is chosen.</summary>
        public string? SuggestedBusinessUnit
        {
            get => instance.State.GetValueOrDefault(Keys.SuggestedBusinessUnit);
            set => Put(Keys.SuggestedBusinessUnit, value);
        }

        /// <summary>What the pending prompt's answer fills.</summary>
        public string? Step
        {
            get => instance.State.GetValueOrDefault(Keys.Step);
            set => Put(Keys.Step, value);
        }

        public IReadOnlyDictionary<string, string> Values => values ??=
            instance.State.TryGetValue(Keys.Values, out var json) ? JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [] : [];

        public void Set(FieldDefinition field, string? value) => Set(field.Name, value);

        public void Set(string name, string? value)
        {
            var changed = new Dictionary<string, string>(Values);
            if (string.IsNullOrEmpty(value))
            {
                changed.Remove(name);
            }
            else
            {
                changed[name] = value;
            }

            Replace(changed);
        }

        public void Replace(Dictionary<string, string> changed)
        {
            values = changed;
            instance.State[Keys.Values] = JsonSerializer.Serialize(changed);
        }

        private void Put(string key, string? value)
        {
            if (value is null)
            {
                instance.State.Remove(key);
            }
            else
            {
                instance.State[key] = value;
            }
        }
    }
}
