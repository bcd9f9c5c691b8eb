using LegalBot.Application;
using LegalBot.Application.Workflow;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Notifications;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;
using Microsoft.Extensions.Options;
using Newtonsoft.Json.Linq;

namespace LegalBot.Bot;

/// <summary>
/// The Teams activity handler: loads the conversation's dialog state, hands the turn to the
/// conversation engine, sends its replies and saves the state. Bot Framework types stop here.
/// </summary>
public sealed class LegalBotActivityHandler(
    PrivateConversationState conversationState,
    ConversationEngine engine,
    ConversationLocks locks,
    WorkflowCardActions cardActions,
    INotificationStore workflowStore,
    AddressBook addresses,
    ViewerTimeZones timeZones,
    CardUpdates cardUpdates,
    Export.ExportDelivery exports,
    Files.DocumentDelivery documents,
    DialogInvokes dialogs,
    SearchInvokes searches,
    IOptions<TriageOptions> triage,
    TimeProvider time,
    ILogger<LegalBotActivityHandler> logger) : TeamsActivityHandler
{
    private const string CardContentType = "application/vnd.microsoft.card.adaptive";
    private const string MessageContentType = "application/vnd.microsoft.activity.message";

    private static readonly TimeSpan MemberLookupTimeout = TimeSpan.FromSeconds(3);

    private readonly IStatePropertyAccessor<LbDialogState> dialogState = conversationState.CreateProperty<LbDialogState>("dialog");

    public override async Task OnTurnAsync(ITurnContext turnContext, CancellationToken cancellationToken = default)
    {
        // Every activity tells where its sender can be reached later (proactive notifications).
        await addresses.RememberAsync(turnContext.Activity, cancellationToken);
        // And the time zone their client is in, for every time the bot shows them later.
        await timeZones.RememberAsync(turnContext.Activity.From?.AadObjectId, ActivityMapper.TimeZoneOf(turnContext.Activity), cancellationToken);
        await base.OnTurnAsync(turnContext, cancellationToken);
    }

    /// <summary>
    /// Universal Actions (Action.Execute) on request cards, including the automatic refresh that gives
    /// each viewer their own buttons. The answer replaces the card in place.
    /// </summary>
    protected override async Task<AdaptiveCardInvokeResponse> OnAdaptiveCardInvokeAsync(ITurnContext<IInvokeActivity> turnContext, AdaptiveCardInvokeValue invokeValue, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        if (string.IsNullOrWhiteSpace(from?.AadObjectId))
        {
            return Message("I can only take actions from people signed in to Microsoft 365 in Teams.");
        }

        var data = ActivityMapper.ReadValue(invokeValue.Action?.Data as JObject) ?? new Dictionary<string, string>();
        var actor = new Person(from.AadObjectId, string.IsNullOrWhiteSpace(from.Name) ? ActivityMapper.UnnamedSender : from.Name);
        var verb = invokeValue.Action?.Verb;

        // The answer replaces the pressed card: hold it meanwhile, and record what it then shows, so the
        // dispatcher does not send the same again. (The automatic refresh only changes one person's view.)
        var pressed = verb == LegalBot.Cards.CardActions.RefreshVerb ? null : PressedCard(turnContext.Activity, from.AadObjectId);
        using var held = pressed is null ? null : await cardUpdates.TryHoldForTurnAsync(from.AadObjectId, pressed, cancellationToken);
        var result = await cardActions.HandleAsync(actor, verb, data, cancellationToken);
        if (held is not null && result is { Card: { } view, About: { } number }
            && await cardUpdates.FindAsync(number, from.AadObjectId, pressed!, cancellationToken) is { } tracked && tracked.Recipient == from.AadObjectId)
        {
            await cardUpdates.ShownAsync(tracked, view.ContentHash);
        }

        return (result.InPlace ?? result.Card?.Card) is { } card
            ? new AdaptiveCardInvokeResponse { StatusCode = 200, Type = CardContentType, Value = ActivityMapper.CardJson(card) }
            : Message(result.Message);
    }

    /// <summary>The message a card button was pressed on, in the sender's 1:1 chat (where request cards are kept per person).</summary>
    private static string? PressedCard(IActivity activity, string aadObjectId) =>
        activity.Conversation?.ConversationType is null or "personal" && !string.IsNullOrEmpty(aadObjectId) && activity.ReplyToId is { Length: > 0 and <= 256 } id ? id : null;

    /// <summary>
    /// Teams dialogs (the message action, the form opened from a button) and the message extension's search are read from the invoke's JSON here, not
    /// through the framework's typed handlers. Invokes this bot does not handle get a clear 400, not the framework's 501.
    /// </summary>
    protected override async Task<InvokeResponse> OnInvokeActivityAsync(ITurnContext<IInvokeActivity> turnContext, CancellationToken cancellationToken)
    {
        if (DialogInvokes.Handles(turnContext.Activity.Name))
        {
            return await dialogs.HandleAsync(turnContext, ct => ResolveUserAsync(turnContext, ct), cancellationToken);
        }

        if (turnContext.Activity.Name == SearchInvokes.Query)
        {
            return await searches.HandleAsync(turnContext, cancellationToken);
        }

        var response = await base.OnInvokeActivityAsync(turnContext, cancellationToken);
        return response?.Status == (int)System.Net.HttpStatusCode.NotImplemented
            ? new InvokeResponse { Status = (int)System.Net.HttpStatusCode.BadRequest, Body = new { error = "LegalBot does not handle this kind of request." } }
            : response!;
    }

    /// <summary>A file consent card accepted, a document's or an export's: upload it (the base answers the invoke 200).</summary>
    protected override Task OnTeamsFileConsentAcceptAsync(ITurnContext<IInvokeActivity> turnContext, FileConsentCardResponse fileConsentCardResponse, CancellationToken cancellationToken) =>
        Files.DocumentDelivery.Answers(fileConsentCardResponse)
            ? documents.AcceptAsync(turnContext, fileConsentCardResponse, cancellationToken)
            : exports.AcceptAsync(turnContext, fileConsentCardResponse, cancellationToken);

    protected override Task OnTeamsFileConsentDeclineAsync(ITurnContext<IInvokeActivity> turnContext, FileConsentCardResponse fileConsentCardResponse, CancellationToken cancellationToken) =>
        Files.DocumentDelivery.Answers(fileConsentCardResponse)
            ? documents.DeclineAsync(turnContext, fileConsentCardResponse, cancellationToken)
            : exports.DeclineAsync(turnContext, fileConsentCardResponse, cancellationToken);

    private static AdaptiveCardInvokeResponse Message(string text) =>
        new() { StatusCode = 200, Type = MessageContentType, Value = text };

    protected override async Task OnMessageActivityAsync(ITurnContext<IMessageActivity> turnContext, CancellationToken cancellationToken)
    {
        var input = ActivityMapper.ToInput(turnContext, time.GetUtcNow(), ct => ResolveUserAsync(turnContext, ct));
        if (input is null)
        {
            await turnContext.SendActivityAsync(
                "I can only take requests from people signed in to Microsoft 365 in Teams.",
                cancellationToken: cancellationToken);
            return;
        }

        using var _ = await locks.AcquireAsync(input.ConversationId, cancellationToken);

        // A button pressed on a card (the Action.Submit fallback) is answered in that card: hold it until then.
        using var held = input.ReplyToId is { } replyTo && input.IsPersonal && input.Value is not null
            ? await cardUpdates.TryHoldForTurnAsync(input.User.AadObjectId, replyTo, cancellationToken)
            : null;
        var state = await dialogState.GetAsync(turnContext, () => new LbDialogState(), cancellationToken);
        var replies = await engine.HandleAsync(input, state, cancellationToken);

        // Save first: a reply that reached the user must match what the next turn will see. SetAsync
        // because, read back from storage, the state object is a copy the accessor does not track.
        await dialogState.SetAsync(turnContext, state, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        var posts = new List<Reply>(replies.Count);
        foreach (var reply in replies)
        {
            if (reply is not CardReply { InPlaceOf: { } pressed } card)
            {
                posts.Add(reply);
            }
            else if (card.About is not { } number || !await UpdatePressedCardAsync(turnContext, input, number, pressed, card, cancellationToken))
            {
                // Not a card of ours about this request in this chat, or it can no longer be updated: post it.
                posts.Add(card with { InPlaceOf = null });
            }
        }

        if (posts.Count > 0)
        {
            var sent = await turnContext.SendActivitiesAsync([.. posts.Select(ActivityMapper.ToActivity)], cancellationToken);
            await RememberRequestCardsAsync(input, posts, sent, cancellationToken);
        }
    }

    /// <summary>
    /// Updates the card whose button was pressed (an Action.Submit from a client without Universal Actions) in
    /// place, as Teams does with an Action.Execute answer. Only a card the bot posted about this request in this
    /// 1:1 chat is updated: the id comes from the client, and no other message is touched. False when the card
    /// is not such a card or the channel refuses the update (deleted, too old).
    /// </summary>
    private async Task<bool> UpdatePressedCardAsync(ITurnContext turnContext, TurnInput input, RequestNumber number, string pressed, CardReply card, CancellationToken cancellationToken)
    {
        var me = input.User.AadObjectId;
        var known = input.IsPersonal ? await cardUpdates.FindAsync(number, me, pressed, cancellationToken) : null;
        if (known is null || !string.Equals(known.Recipient, me, StringComparison.OrdinalIgnoreCase))
        {
            Log.PressedCardNotUpdated(logger, pressed, number, "not a tracked card");
            return false;
        }

        var activity = ActivityMapper.CardActivity(card.Card);
        activity.Id = pressed;
        try
        {
            await turnContext.UpdateActivityAsync(activity, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Bot.Schema.ErrorResponseException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            var reason = ex.GetType().Name;
            Log.PressedCardNotUpdated(logger, pressed, number, reason);
            return false;
        }

        if (card.ContentHash is { } hash)
        {
            await cardUpdates.ShownAsync(known, hash);
        }

        return true;
    }

    /// <summary>Request cards shown in a 1:1 chat are updated in place when the request changes later.</summary>
    private async Task RememberRequestCardsAsync(TurnInput input, IReadOnlyList<Reply> replies, ResourceResponse[] sent, CancellationToken cancellationToken)
    {
        for (var i = 0; i < replies.Count && i < sent.Length; i++)
        {
            if (replies[i] is CardReply { About: { } number } card && sent[i]?.Id is { Length: > 0 } activityId && input.IsPersonal)
            {
                await workflowStore.SaveCardAsync(new PostedCard(number, input.User.AadObjectId, input.User.AadObjectId, activityId, card.ContentHash), cancellationToken);
            }
        }
    }

    /// <summary>
    /// Only the bot's own arrival matters here. The Teams handler would first read the channel data's event type and
    /// look up every other member added in the roster (one call each, failing the turn when a member is already
    /// gone); none of that is needed to welcome.
    /// </summary>
    protected override Task OnConversationUpdateActivityAsync(ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken) =>
        turnContext.Activity.MembersAdded is { Count: > 0 } added
            ? OnMembersAddedAsync(added, turnContext, cancellationToken)
            : Task.CompletedTask;

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Welcome once, when the bot itself joins the chat (installation), not for every member.
        if (!membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            return;
        }

        if (turnContext.Activity.Conversation?.ConversationType == "channel")
        {
            // Added to a team: new requests are announced in its channel unless one is configured.
            if (string.IsNullOrWhiteSpace(triage.Value.ChannelConversationId))
            {
                await addresses.RememberTriageChannelAsync(turnContext.Activity, turnContext.Activity.Conversation.Id, cancellationToken);
            }

            await turnContext.SendActivityAsync("Hello, legal team. I'll post new legal requests here for triage.", cancellationToken: cancellationToken);
            return;
        }

        var input = ActivityMapper.ToInput(turnContext, time.GetUtcNow());
        var welcome = engine.Welcome(input ?? new TurnInput
        {
            User = new Person(turnContext.Activity.From?.AadObjectId ?? "", ActivityMapper.UnnamedSender),
            ConversationId = turnContext.Activity.Conversation?.Id ?? "",
            Today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime),
            Now = time.GetUtcNow(),
        });
        await turnContext.SendActivitiesAsync([.. welcome.Select(ActivityMapper.ToActivity)], cancellationToken);
    }

    /// <summary>The sender's email from the Teams roster; the name and id from the activity when the lookup fails.</summary>
    private async Task<Person> ResolveUserAsync(ITurnContext turnContext, CancellationToken cancellationToken)
    {
        var from = turnContext.Activity.From;
        var person = new Person(from.AadObjectId, string.IsNullOrWhiteSpace(from.Name) ? "Unknown" : from.Name);
        if (turnContext.Activity.ChannelId != Microsoft.Bot.Connector.Channels.Msteams)
        {
            return person;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(MemberLookupTimeout);
        try
        {
            TeamsChannelAccount member = await TeamsInfo.GetMemberAsync(turnContext, from.Id, timeout.Token);
            return person with
            {
                Name = string.IsNullOrWhiteSpace(member.Name) ? person.Name : member.Name,
                Email = string.IsNullOrWhiteSpace(member.Email) ? member.UserPrincipalName : member.Email,
            };
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.MemberLookupFailed(logger, turnContext.Activity.Conversation?.Id, ex.GetType().Name);
            return person;
        }
    }
}
