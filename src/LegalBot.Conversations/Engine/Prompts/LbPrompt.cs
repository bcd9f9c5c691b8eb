using System.Globalization;
using System.Text.Json;
using LegalBot.Conversations.Intents;
using LegalBot.Cards;
using LegalBot.Core.Catalog;

namespace LegalBot.Conversations.Engine;

/// <summary>How a prompt asks and what it accepts (Bot Builder's <c>PromptOptions</c>). Persisted with the prompt.</summary>
public sealed class LbPromptOptions
{
    /// <summary>The question.</summary>
    public string Prompt { get; set; } = "";

    /// <summary>Asked after a refused answer; the question again when not set. The refusal's reason comes first.</summary>
    public string? RetryPrompt { get; set; }

    /// <summary>Quick replies offered with the question; by default the field's choices (or yes/no).</summary>
    public List<string>? Choices { get; set; }

    /// <summary>What the answer must be (kind, limits, choices): Bot Builder's <c>Validations</c>, typed.</summary>
    public FieldDefinition Validations { get; set; } = new();

    /// <summary>Words accepted in place of an answer (lowercase word → answer), e.g. "edit" → "false", "skip" → "".</summary>
    public Dictionary<string, string> Synonyms { get; set; } = [];

    /// <summary>After this many refused answers in a row the prompt gives up and cancels the stack; 0 never gives up.</summary>
    public int MaxAttempts { get; set; }

    /// <summary>Said after the last refusal's reason when the prompt gives up.</summary>
    public string? GiveUpMessage { get; set; }
}

/// <summary>A prompt's reading of an answer (Bot Builder's <c>PromptRecognizerResult&lt;T&gt;</c>), with why it failed.</summary>
public sealed record LbPromptRecognizerResult<T>(bool Succeeded, T? Value = default, string? Error = null);

/// <summary>What a validator sees (Bot Builder's <c>PromptValidatorContext&lt;T&gt;</c>).</summary>
public sealed class LbPromptValidatorContext<T>(LbDialogContext context, LbPromptRecognizerResult<T> recognized, LbPromptOptions options, int attemptCount)
{
    /// <summary>The turn; a validator that refuses may say why (<see cref="LbDialogContext.Say"/>).</summary>
    public LbDialogContext Context { get; } = context;

    public LbPromptRecognizerResult<T> Recognized { get; } = recognized;

    public LbPromptOptions Options { get; } = options;

    /// <summary>How many answers this prompt has read, this one included.</summary>
    public int AttemptCount { get; } = attemptCount;
}

/// <summary>Checks a recognized answer further (Bot Builder's <c>PromptValidator&lt;T&gt;</c>); false asks again.</summary>
public delegate Task<bool> LbPromptValidator<T>(LbPromptValidatorContext<T> promptContext, CancellationToken cancellationToken);

/// <summary>
/// A question as a dialog on the stack (Bot Builder's <c>Prompt&lt;T&gt;</c>): it asks, reads each answer, runs the
/// validator, asks again with the reason when refused, and ends with the value, which its parent receives in
/// <see cref="LbDialog.ResumeDialogAsync"/>.
/// </summary>
public abstract class LbPrompt<T>(string dialogId, LbPromptValidator<T>? validator = null) : LbDialog(dialogId)
{
    public override Task<LbDialogTurnResult> BeginDialogAsync(LbDialogContext dc, object? options, CancellationToken cancellationToken)
    {
        var prompt = options as LbPromptOptions ?? throw new ArgumentException("A prompt begins with LbPromptOptions.", nameof(options));
        Save(dc.ActiveDialog!, prompt, attempts: 0);
        Ask(dc, prompt, null);
        return Task.FromResult(EndOfTurn);
    }

    public override async Task<LbDialogTurnResult> ContinueDialogAsync(LbDialogContext dc, CancellationToken cancellationToken)
    {
        var instance = dc.ActiveDialog!;
        var options = OptionsOf(instance);
        var text = dc.Input.Text;
        if (text is null)
        {
            Ask(dc, options, null);
            return EndOfTurn;
        }

        var attempts = AttemptsOf(instance) + 1;
        var recognized = options.Synonyms.TryGetValue(IntentRecognizer.Normalize(text), out var synonym)
            ? OnRecognize(dc, synonym, options)
            : OnRecognize(dc, text, options);
        var valid = recognized.Succeeded
            && (validator is null || await validator(new LbPromptValidatorContext<T>(dc, recognized, options, attempts), cancellationToken));
        if (valid)
        {
            return await dc.EndDialogAsync(recognized.Value, cancellationToken);
        }

        Save(instance, options, attempts);
        if (options.MaxAttempts > 0 && attempts >= options.MaxAttempts)
        {
            dc.Say(Join(recognized.Error, options.GiveUpMessage ?? "I've stopped asking."));
            return await dc.CancelAllDialogsAsync(cancellationToken);
        }

        Ask(dc, options, recognized.Error, retry: true);
        return EndOfTurn;
    }

    public override Task RepromptDialogAsync(LbDialogContext dc, LbDialogInstance instance, string? reason, CancellationToken cancellationToken)
    {
        Ask(dc, OptionsOf(instance), reason);
        return Task.CompletedTask;
    }

    /// <summary>Reads an answer: the value, or why it is refused.</summary>
    protected abstract LbPromptRecognizerResult<T> OnRecognize(LbDialogContext dc, string text, LbPromptOptions options);

    /// <summary>The question (or the retry prompt), after the reason when there is one.</summary>
    private static void Ask(LbDialogContext dc, LbPromptOptions options, string? reason, bool retry = false) =>
        dc.Say(Join(reason, retry ? options.RetryPrompt ?? options.Prompt : options.Prompt), options.Choices ?? LbDialogContext.Suggestions(options.Validations));

    private static string Join(string? reason, string text) => reason is null ? text : reason + " " + text;

    private static LbPromptOptions OptionsOf(LbDialogInstance instance) => LbPromptState.OptionsOf(instance);

    private static int AttemptsOf(LbDialogInstance instance) => LbPromptState.AttemptsOf(instance);

    private static void Save(LbDialogInstance instance, LbPromptOptions options, int attempts) => LbPromptState.Save(instance, options, attempts);
}

/// <summary>What a prompt instance keeps in its state: the options it was begun with and the refusals so far.</summary>
public static class LbPromptState
{
    private const string OptionsKey = "options";
    private const string AttemptsKey = "attempts";

    public static LbPromptOptions OptionsOf(LbDialogInstance instance) =>
        instance.State.TryGetValue(OptionsKey, out var json) ? JsonSerializer.Deserialize<LbPromptOptions>(json) ?? new() : new();

    public static int AttemptsOf(LbDialogInstance instance) =>
        instance.State.TryGetValue(AttemptsKey, out var text) && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    public static void Save(LbDialogInstance instance, LbPromptOptions options, int attempts)
    {
        instance.State[OptionsKey] = JsonSerializer.Serialize(options);
        instance.State[AttemptsKey] = attempts.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>A prompt instance as it is saved: for the conversion of state saved by an earlier version.</summary>
    public static LbDialogInstance Instance(string dialogId, LbPromptOptions options, int attempts)
    {
        var instance = new LbDialogInstance { Id = dialogId };
        Save(instance, options, attempts);
        return instance;
    }
}

/// <summary>
/// A prompt for one field: the answer is read by <see cref="FieldValueParser"/> against the options' field (its
/// kind, limits and choices), as card inputs are. An empty answer to an optional field (or a synonym for
/// nothing, such as "skip") ends the prompt with null.
/// </summary>
public abstract class LbFieldPrompt<T>(string dialogId, LbPromptValidator<T>? validator) : LbPrompt<T>(dialogId, validator)
{
    protected sealed override LbPromptRecognizerResult<T> OnRecognize(LbDialogContext dc, string text, LbPromptOptions options)
    {
        var parsed = FieldValueParser.Parse(options.Validations, text, dc.Input.Today);
        return parsed.Ok
            ? new LbPromptRecognizerResult<T>(true, parsed.Value is null ? default : Convert(parsed.Value))
            : new LbPromptRecognizerResult<T>(false, Error: FieldErrorText.For(parsed.Error!));
    }

    /// <summary>The parser's normalized text as the prompt's type.</summary>
    protected abstract T Convert(string normalized);
}

/// <summary>Free text, trimmed and within the field's length limits (Bot Builder's <c>TextPrompt</c>).</summary>
public sealed class LbTextPrompt(string dialogId, LbPromptValidator<string?>? validator = null) : LbFieldPrompt<string?>(dialogId, validator)
{
    protected override string? Convert(string normalized) => normalized;
}

/// <summary>One of the field's choices, by number, name or an unambiguous part of it (Bot Builder's <c>ChoicePrompt</c>).</summary>
public sealed class LbChoicePrompt(string dialogId, LbPromptValidator<string?>? validator = null) : LbFieldPrompt<string?>(dialogId, validator)
{
    protected override string? Convert(string normalized) => normalized;
}

/// <summary>A number within the field's bounds, "$25,000" included (Bot Builder's <c>NumberPrompt&lt;T&gt;</c>).</summary>
public sealed class LbNumberPrompt(string dialogId, LbPromptValidator<decimal?>? validator = null) : LbFieldPrompt<decimal?>(dialogId, validator)
{
    protected override decimal? Convert(string normalized) => decimal.Parse(normalized, NumberStyles.Number, CultureInfo.InvariantCulture);
}

/// <summary>A date from today on, as typed ("next Friday", "in 10 days", 2026-12-01) (Bot Builder's <c>DateTimePrompt</c>).</summary>
public sealed class LbDatePrompt(string dialogId, LbPromptValidator<DateOnly?>? validator = null) : LbFieldPrompt<DateOnly?>(dialogId, validator)
{
    protected override DateOnly? Convert(string normalized) => DateOnly.ParseExact(normalized, "yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>Yes or no, in the forms people type them (Bot Builder's <c>ConfirmPrompt</c>).</summary>
public sealed class LbConfirmPrompt(string dialogId, LbPromptValidator<bool?>? validator = null) : LbFieldPrompt<bool?>(dialogId, validator)
{
    protected override bool? Convert(string normalized) => normalized == "true";
}
