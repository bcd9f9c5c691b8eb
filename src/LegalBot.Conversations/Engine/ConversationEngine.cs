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
/// Runs one turn: refuses what it cannot take, routes card submissions to the waiting dialog, lets the
/// commands intents declare interrupt, and otherwise hands text to the active dialog or to an intent.
/// </summary>
public sealed class ConversationEngine(
    IntentRecognizer recognizer,
    LbDialogSet dialogs,
    IntakeDialog intake,
    UnknownIntent unknown,
    AttachIntent attach,
    IRequestStore store,
    AccessPolicy access,
    RequestTypeCatalog catalog,
    RequestCards cards,
    IOptions<ConversationOptions> options)
{
    private const string IntakeActionPrefix = "intake.";

    public async Task<IReadOnlyList<Reply>> HandleAsync(TurnInput input, LbDialogState state, CancellationToken cancellationToken)
    {
        // A conversation saved by an earlier version continues where it was.
        IntakeStateMigration.Upgrade(state, options.Value.MaxRetries);
        var dc = new LbDialogContext(dialogs, input, state);
        var max = options.Value.MaxMessageLength;
        if (input.Text is { } text && text.Length > max)
        {
            dc.Say($"That message is too long for me ({text.Length.ToString("N0", CultureInfo.InvariantCulture)} characters). Please keep it under {max.ToString("N0", CultureInfo.InvariantCulture)} characters; a summary is enough, the legal team will ask for documents.");
            await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
            return dc.Replies;
        }

        // A file sent in the chat goes to a request, whatever the message says with it; the waiting question is asked again.
        if (input.Files.Count > 0)
        {
            await attach.HandleFilesAsync(dc, cancellationToken);
            await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
            return dc.Replies;
        }

        // A message that is only links to SharePoint or OneDrive files (how files come in channels and group chats).
        if (AttachIntent.LinksIn(input) is { } links)
        {
            await attach.HandleLinksAsync(dc, links, cancellationToken);
            await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
            return dc.Replies;
        }

        if (input.Action is { } action && action.StartsWith(IntakeActionPrefix, StringComparison.Ordinal))
        {
            await RouteIntakeCardAsync(dc, action, input.Value!, cancellationToken);
            return dc.Replies;
        }

        var intent = recognizer.Recognize(input, dc.ActiveDialog is not null);
        if (intent.Handler is null && dc.ActiveDialog is not null && input.Text is not null)
        {
            await dc.ContinueDialogAsync(cancellationToken);
            return dc.Replies;
        }

        var handler = intent.Handler ?? unknown;
        await handler.HandleAsync(dc, intent, cancellationToken);

        // An interruption answered: go back to the question that was waiting.
        if (handler.Interruption == IntentInterruption.Resume)
        {
            await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
        }

        return dc.Replies;
    }

    /// <summary>The welcome shown when the bot is installed or the user first meets it.</summary>
    public IReadOnlyList<Reply> Welcome(TurnInput input)
    {
        var dc = new LbDialogContext(dialogs, input, new LbDialogState());
        dc.Show(WelcomeCard.Build(input.SenderName, access.RoleOf(input.User.AadObjectId) == Role.LegalStaff));
        return dc.Replies;
    }

    private async Task RouteIntakeCardAsync(LbDialogContext dc, string action, IReadOnlyDictionary<string, string> value, CancellationToken cancellationToken)
    {
        var draftId = value.GetValueOrDefault(CardActions.DraftIdKey);
        if (action == CardActions.IntakeType && dc.ActiveDialog is null)
        {
            // A type button on an old picker: start filing that type.
            await dc.BeginDialogAsync(IntakeDialog.DialogId, catalog.Find(value.GetValueOrDefault(CardActions.TypeKey)), cancellationToken);
            return;
        }

        if (IntakeDialog.Find(dc.State) is { } filing && (action == CardActions.IntakeType || draftId == IntakeDialog.DraftIdOf(dc.State)))
        {
            await intake.OnCardAsync(dc, filing, action, value, cancellationToken);
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
                await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
                return;
            }
        }

        dc.Say("That form is no longer active, so I didn't change anything." + (dc.ActiveDialog is not null ? "" : " Type **new request** to start a new one."));
        await dc.RepromptDialogAsync(cancellationToken: cancellationToken);
    }
}
