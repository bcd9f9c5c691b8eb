using LegalBot.Cards.Builders;
using LegalBot.Conversations.Engine;
using LegalBot.Core.Access;

namespace LegalBot.Conversations.Intents;

/// <summary>A greeting, when no question waits: the welcome card.</summary>
public sealed class GreetingIntent(AccessPolicy access) : IIntentHandler
{
    public Intent? RecognizeWhenIdle(IntentInput input) =>
        input.Text is "hi" or "hello" or "hey" or "good morning" or "good afternoon" or "start" ? new Intent(this) : null;

    public Task HandleAsync(LbDialogContext dc, Intent intent, CancellationToken cancellationToken)
    {
        dc.Show(WelcomeCard.Build(dc.Input.SenderName, access.RoleOf(dc.Input.User.AadObjectId) == Role.LegalStaff));
        return Task.CompletedTask;
    }
}
