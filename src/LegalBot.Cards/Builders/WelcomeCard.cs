using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>The first thing someone sees: who the bot is and where to start.</summary>
public static class WelcomeCard
{
    public static AdaptiveCard Build(string? userName, bool isLegalStaff)
    {
        var name = string.IsNullOrWhiteSpace(userName) ? "there" : (CardText.Clip(userName.Trim(), 100));
        var body = new List<CardElement>
        {
            Heading($"Hi {name}, I'm LegalBot"),
            Text("I take your requests to the legal team: NDAs, contract reviews, advice and more."),
            Text("Tell me what you need in your own words, or pick an option below, and I'll keep you posted on progress."),
        };
        if (isLegalStaff)
        {
            body.Add(Subtle("As legal staff, you can also check the status of any request."));
        }

        return Card(
            body,
            [
                Submit("New request", CardActions.Data(CardActions.NewRequest), ActionStyle.Positive),
                Submit("My requests", CardActions.Data(CardActions.MyRequests)),
                Submit("Help", CardActions.Data(CardActions.Help)),
            ],
            "Hi, I'm LegalBot. I take your requests to the legal team. Type \"new request\", \"my requests\" or \"help\".");
    }
}
