using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>One line of help: a command as someone would type it, and what it does.</summary>
/// <param name="Example">The command, with an example request number where it takes one ("status LR-1042"); a trailing "…" stands for text to add.</param>
public sealed record HelpCommand(string Example, string Description);

/// <summary>What you can type, one command per line.</summary>
public static class HelpCard
{
    /// <param name="commands">The commands this reader may use, in the order to list them.</param>
    public static AdaptiveCard Build(IReadOnlyList<HelpCommand> commands, bool isLegalStaff = false, bool isAlspProfessional = false)
    {
        var body = new List<CardElement>
        {
            Heading("What I can do"),
            Text("Type one of these at any time:"),
            Facts(commands.Select(c => new Fact(c.Example, c.Description))),
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
            "Commands: " + string.Join(", ", commands.Select(c => c.Example.TrimEnd('…', ' '))) + ".");
    }
}
