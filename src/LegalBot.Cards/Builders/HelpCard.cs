using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>What you can type, one command per line.</summary>
public static class HelpCard
{
    public static AdaptiveCard Build(bool isLegalStaff, bool isAlspProfessional = false)
    {
        var commands = new List<Fact>
        {
            new("new request", "Start a new legal request, or just say what you need, e.g. \"I need an NDA\""),
            new("status LR-1042", "See where a request stands"),
            new("my requests", "List the requests you have filed"),
            new("history LR-1042", "Every change to a request: who, when, what"),
            new("answer LR-1042 …", "Answer a question about your request right here in the chat"),
            new("cancel", "Stop the request you are filling in"),
            new("start over", "Throw away what you have typed so far and begin again"),
            new("help", "Show this list"),
        };
        if (isAlspProfessional)
        {
            commands.Insert(3, new("my assignments", "List the requests assigned to you"));
        }

        var body = new List<CardElement>
        {
            Heading("What I can do"),
            Text("Type one of these at any time:"),
            Facts(commands),
        };
        if (isLegalStaff)
        {
            body.Add(Subtle("As legal staff, you can view any request and triage it from its card: assign it to an ALSP professional, keep it in-house, ask for information or reject it."));
        }

        if (isAlspProfessional)
        {
            body.Add(Subtle("As an ALSP professional, you accept or decline assignments and update their status from the request card."));
        }

        return Card(
            body,
            [
                Submit("New request", CardActions.Data(CardActions.NewRequest), ActionStyle.Positive),
                Submit("My requests", CardActions.Data(CardActions.MyRequests)),
            ],
            "Commands: new request, status LR-1042, my requests, history LR-1042, answer LR-1042, cancel, start over, help.");
    }
}
