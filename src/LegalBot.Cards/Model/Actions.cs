using System.Text.Json.Serialization;

namespace LegalBot.Cards.Model;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
public abstract record CardAction(string Title)
{
    public ActionStyle? Style { get; init; }
}

/// <summary>
/// Sends <see cref="Data"/> back to the bot, merged by the client with the values of the associated inputs.
/// Keys and values are listed in <see cref="CardActions"/>.
/// </summary>
public sealed record SubmitAction(string Title, IReadOnlyDictionary<string, string> Data) : CardAction(Title)
{
    public AssociatedInputs? AssociatedInputs { get; init; }
}

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title);
