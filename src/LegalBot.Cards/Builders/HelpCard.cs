using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>What you can type, one command per line.</summary>
public static class HelpCard
{
    public static AdaptiveCard Build(bool isLegalStaff)
    {
        var commands = new List<Fact>
        {
            new("new request", "Start a new legal request, or just say what you need, e.g. \"I need an NDA\""),
            new("status LR-1042", "See where a request stands"),
            new("my requests", "List the requests you have filed"),
            new("cancel", "Stop the request you are filling in"),
            new("start over", "Throw away what you have typed so far and begin again"),
            new("help", "Show this list"),
        };
        var body = new List<CardElement>
        {
            Heading("What I can do"),
            Text("Type one of these at any time:"),
            new FactSet(commands),
        };
        if (isLegalStaff)
        {
            body.Add(Subtle("As legal staff, you can view the status of any request, not only your own."));
        }

        return Card(
            body,
            [
                Submit("New request", CardActions.Data(CardActions.NewRequest), ActionStyle.Positive),
                Submit("My requests", CardActions.Data(CardActions.MyRequests)),
            ],
            "Commands: new request, status LR-1042, my requests, cancel, start over, help.");
    }
}
