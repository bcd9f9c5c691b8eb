using LegalBot.Conversations.Engine;
using LegalBot.Core.Requests;
using Microsoft.Bot.Builder;
using Microsoft.Bot.Builder.Teams;
using Microsoft.Bot.Schema;
using Microsoft.Bot.Schema.Teams;

namespace LegalBot.Bot;

/// <summary>
/// The Teams activity handler: loads the conversation's dialog state, hands the turn to the
/// conversation engine, sends its replies and saves the state. Bot Framework types stop here.
/// </summary>
public sealed class LegalBotActivityHandler(
    PrivateConversationState conversationState,
    ConversationEngine engine,
    ConversationLocks locks,
    TimeProvider time,
    ILogger<LegalBotActivityHandler> logger) : TeamsActivityHandler
{
    private static readonly TimeSpan MemberLookupTimeout = TimeSpan.FromSeconds(3);

    private readonly IStatePropertyAccessor<DialogState> dialogState = conversationState.CreateProperty<DialogState>("dialog");

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
        var state = await dialogState.GetAsync(turnContext, () => new DialogState(), cancellationToken);
        var replies = await engine.HandleAsync(input, state, cancellationToken);

        // Save first: a reply that reached the user must match what the next turn will see. SetAsync
        // because, read back from storage, the state object is a copy the accessor does not track.
        await dialogState.SetAsync(turnContext, state, cancellationToken);
        await conversationState.SaveChangesAsync(turnContext, force: false, cancellationToken);
        if (replies.Count > 0)
        {
            await turnContext.SendActivitiesAsync([.. replies.Select(ActivityMapper.ToActivity)], cancellationToken);
        }
    }

    protected override async Task OnMembersAddedAsync(IList<ChannelAccount> membersAdded, ITurnContext<IConversationUpdateActivity> turnContext, CancellationToken cancellationToken)
    {
        // Welcome once, when the bot itself joins the chat (installation), not for every member.
        if (!membersAdded.Any(m => m.Id == turnContext.Activity.Recipient?.Id))
        {
            return;
        }

        var input = ActivityMapper.ToInput(turnContext, time.GetUtcNow());
        var name = input?.User.Name ?? "there";
        var welcome = engine.Welcome(input ?? new TurnInput
        {
            User = new Person(turnContext.Activity.From?.AadObjectId ?? "", name),
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
