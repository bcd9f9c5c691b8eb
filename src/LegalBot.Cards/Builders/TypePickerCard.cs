using LegalBot.Core.Catalog;
using LegalBot.Cards.Model;
using static LegalBot.Cards.CardParts;

namespace LegalBot.Cards.Builders;

/// <summary>Asks which kind of request to file: one button per catalog type.</summary>
public static class TypePickerCard
{
    public static AdaptiveCard Build(IReadOnlyList<RequestType> types)
    {
        ArgumentNullException.ThrowIfNull(types);
        var body = new List<CardElement> { Heading("What kind of request?") };
        if (types.Count == 0)
        {
            body.Add(Text("No request types are set up yet. Please contact the legal team directly."));
            return Card(body, null, "No request types are set up yet.");
        }

        body.Add(Facts([.. types.Select(t => new Fact(t.Name, t.Description))]));

        // Hosts show only a few buttons per set, so long catalogs get several rows.
        body.AddRange(types
            .Select(t => (CardAction)Submit(t.Name, CardActions.Data(CardActions.IntakeType, (CardActions.TypeKey, t.Key))))
            .Chunk(MaxActionsPerSet)
            .Select(chunk => new ActionSet(chunk)));
        body.Add(Subtle("You can also type the name of the request, for example \"" + types[0].Name + "\"."));

        return Card(body, null, "What kind of request? Type one of: " + string.Join(", ", types.Select(t => t.Name)) + ".");
    }
}
