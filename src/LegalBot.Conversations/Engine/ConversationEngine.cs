using System.Globalization;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Intake;
using LegalBot.Conversations.Intents;
using LegalBot.Core.Access;
using LegalBot.Core.Catalog;
using LegalBot.Core.Stores;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Engine;

/// <summary>
/// Runs one turn: refuses what it cannot take, routes card submissions to the waiting dialog, lets
/// global commands interrupt, and otherwise hands text to the pending prompt or to an intent.
/// </summary>
public sealed class ConversationEngine(
    IntentRecognizer recognizer,
    IntakeDialog intake,
    GreetingIntent greeting,
    HelpIntent help,
    CancelIntent cancel,
    StartOverIntent startOver,
    NewRequestIntent newRequest,
    StatusIntent status,
    MyRequestsIntent myRequests,
    MyAssignmentsIntent myAssignments,
    HistoryIntent history,
    WorkflowIntent workflow,
    UnknownIntent unknown,
    IRequestStore store,
    AccessPolicy access,
    RequestTypeCatalog catalog,
    RequestCards cards,
    IOptions<ConversationOptions> options)
{
    private const string IntakeActionPrefix = "intake.";

    public async Task<IReadOnlyList<Reply>> HandleAsync(TurnInput input, DialogState state, CancellationToken cancellationToken)
    {
        var dc = new DialogContext(input, state);
        var max = options.Value.MaxMessageLength;
        if (input.Text is { } text && text.Length > max)
        {
            dc.Say($"That message is too long for me ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters). Please keep it under {max.ToString("N0", CultureInfo.InvariantCulture)} characters; a summary is enough, the legal team will ask for documents.");
            dc.Reprompt();
            return dc.Replies;
        }

        if (input.Action is { } action && action.StartsWith(IntakeActionPrefix, StringComparison.Ordinal))
        {
            await RouteIntakeCardAsync(dc, action, input.Value!, cancellationToken);
            return dc.Replies;
        }

        var intent = recognizer.Recognize(input, state.Prompt is not null);
        if (intent.Kind == IntentKind.None && state.Prompt is not null && input.Text is not null)
        {
            await AnswerAsync(dc, state.Prompt, input.Text, cancellationToken);
            return dc.Replies;
        }

        IIntentHandler handler = intent.Kind switch
        {
            IntentKind.Greeting => greeting,
            IntentKind.Help => help,
            IntentKind.Cancel => cancel,
            IntentKind.StartOver => startOver,
            IntentKind.NewRequest => newRequest,
            IntentKind.Status => status,
            IntentKind.MyRequests => myRequests,
            IntentKind.MyAssignments => myAssignments,
            IntentKind.History => history,
            IntentKind.WorkflowButton or IntentKind.Answer => workflow,
            _ => unknown,
        };
        await handler.HandleAsync(dc, intent, cancellationToken);

        // An interruption answered: go back to the question that was waiting.
        if (intent.Kind is IntentKind.Help or IntentKind.Status or IntentKind.MyRequests or IntentKind.MyAssignments
            or IntentKind.History or IntentKind.WorkflowButton or IntentKind.Answer or IntentKind.Greeting or IntentKind.None)
        {
            dc.Reprompt();
        }

        return dc.Replies;
    }

    /// <summary>The welcome shown when the bot is installed or the user first meets it.</summary>
    public IReadOnlyList<Reply> Welcome(TurnInput input)
    {
        var dc = new DialogContext(input, new DialogState());
        dc.Show(WelcomeCard.Build(input.User.Name, access.RoleOf(input.User.AadObjectId) == Role.LegalStaff));
        return dc.Replies;
    }

    private async Task AnswerAsync(DialogContext dc, PendingPrompt prompt, string text, CancellationToken cancellationToken)
    {
        var state = dc.State;
        var word = IntentRecognizer.Normalize(text);
        var result = prompt.Synonyms.TryGetValue(word, out var synonym)
            ? FieldParseResult.Valid(synonym.Length == 0 ? null : synonym)
            : FieldValueParser.Parse(prompt.Field, text, dc.Input.Today);
        if (!result.Ok)
        {
            state.Retries++;
            if (state.Retries >= options.Value.MaxRetries)
            {
                state.Clear();
                dc.Say($"{result.Error} I've stopped here so you're not stuck; nothing was saved. Type **new request** to try again, or **help**.");
                return;
            }

            dc.Reprompt(result.Error);
            return;
        }

        state.Prompt = null;
        state.Retries = 0;
        await DialogFor(state).OnAnswerAsync(dc, prompt, result.Value, cancellationToken);
    }

    private IDialog DialogFor(DialogState state) => state.DialogId switch
    {
        IntakeDialog.DialogId => intake,
        _ => throw new InvalidOperationException("Unknown dialog in conversation state."),
    };

    private async Task RouteIntakeCardAsync(DialogContext dc, string action, IReadOnlyDictionary<string, string> value, CancellationToken cancellationToken)
    {
        var state = dc.State;
        var draftId = value.GetValueOrDefault(CardActions.DraftIdKey);
        if (action == CardActions.IntakeType && state.DialogId is null)
        {
            // A type button on an old picker: start filing that type.
            await intake.BeginAsync(dc, catalog.Find(value.GetValueOrDefault(CardActions.TypeKey)));
            return;
        }

        var current = state.DialogId == IntakeDialog.DialogId && (action == CardActions.IntakeType || draftId == state.DraftId);
        if (current)
        {
            await intake.OnCardAsync(dc, action, value, cancellationToken);
            return;
        }

        // A click on a card from an earlier filing: change nothing, say why.
        if (action == CardActions.IntakeConfirm && !string.IsNullOrEmpty(draftId) && draftId.Length <= 64)
        {
            var filed = await store.FindBySubmissionKeyAsync(draftId, cancellationToken);
            if (filed is not null && access.CanView(filed, dc.Input.User.AadObjectId))
            {
                dc.Say($"This request was already filed as **{filed.Number}**.");
                dc.Show(await cards.ViewAsync(filed, dc.Input.User.AadObjectId, banner: "Already filed", cancellationToken: cancellationToken), filed.Number);
                dc.Reprompt();
                return;
            }
        }

        dc.Say("That form is no longer active, so I didn't change anything." + (state.IsActive ? "" : " Type **new request** to start a new one."));
        dc.Reprompt();
    }
}
