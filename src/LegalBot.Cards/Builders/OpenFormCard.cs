using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>
/// The answer to <c>new request</c> in a group chat or channel: a button that opens the intake form in a Teams
/// dialog, which only the person who pressed it sees, instead of a form posted for everyone in the chat to fill.
/// </summary>
public static class OpenFormCard
{
    public const string OpenTitle = "Open the request form";

    public static AdaptiveCard Build() =>
        Card(
            [
                Line("File a legal request", TextWeight.Bolder),
                Subtle("The form opens in a dialog only you can see; nothing you type is posted here."),
            ],
            [new SubmitAction(OpenTitle, CardActions.Data(CardActions.IntakeDialog)) { OpensDialog = true, Style = ActionStyle.Positive }],
            "File a legal request: open the form in a dialog, or chat with LegalBot directly.");
}
