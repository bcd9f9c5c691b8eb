using LegalBot.Application.Requests;
using LegalBot.Cards;
using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;
using Microsoft.Extensions.Options;

namespace LegalBot.Conversations.Intents;

/// <summary><c>my assignments</c>: an ALSP professional's open work, newest first.</summary>
public sealed class MyAssignmentsIntent(RequestQueries queries, IOptions<ConversationOptions> options) : IIntentHandler
{
    public IntentHelp Help => new("my assignments", "List the requests assigned to you", Role.AlspProfessional);

    public Intent? RecognizeCommand(IntentInput input) => input.Action switch
    {
        CardActions.AssignmentsPage => new Intent(this, Page: IntentRecognizer.Page(input.Value)),
        null when input.Text is "my assignments" or "my assignment" or "my work" or "assignments" => new Intent(this),
        _ => null,
    };

    public async Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        if (await queries.MyAssignmentsAsync(dc.Input.User.AadObjectId, intent.Page ?? PagePosition.First, options.Value.PageSize, cancellationToken) is not { } assignments)
        {
            dc.Say("My assignments is for ALSP professionals. Type my requests to see the requests you filed.");
            return;
        }

        dc.Show(MyRequestsCard.Build(assignments));
    }
}
