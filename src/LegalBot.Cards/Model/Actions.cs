using System.Text.Json.Serialization;

namespace LegalBot.Cards.Model;

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(SubmitAction), "Action.Submit")]
[JsonDerivedType(typeof(ExecuteAction), "Action.Execute")]
[JsonDerivedType(typeof(ShowCardAction), "Action.ShowCard")]
[JsonDerivedType(typeof(OpenUrlAction), "Action.OpenUrl")]
public abstract record CardAction(string Title)
{
    public ActionStyle? Style { get; init; }

    /// <summary>
    /// What a client that cannot run this action shows instead. The schema (1.2 and later) allows any
    /// other action here, or <c>"drop"</c>; only actions are modelled.
    /// </summary>
    public CardAction? Fallback { get; init; }
}

/// <summary>
/// Sends <see cref="Data"/> back to the bot, merged by the client with the values of the associated inputs.
/// Keys and values are listed in <see cref="CardActions"/>.
/// </summary>
public sealed record SubmitAction(string Title, [property: JsonIgnore] IReadOnlyDictionary<string, string> Data) : CardAction(Title)
{
    public AssociatedInputs? AssociatedInputs { get; init; }

    /// <summary>
    /// Teams opens a dialog instead of posting the data: the data gains <c>msteams: { type: "task/fetch" }</c>, and
    /// Teams sends a <c>task/fetch</c> invoke whose <c>data</c> is this action's data.
    /// </summary>
    [JsonIgnore]
    public bool OpensDialog { get; init; }

    // Written through a dictionary of objects so that Teams' msteams property can be an object.
    [JsonInclude]
    [JsonPropertyName("data")]
    internal IReadOnlyDictionary<string, object> WrittenData
    {
        get
        {
            var data = Data.ToDictionary(kv => kv.Key, kv => (object)kv.Value, StringComparer.Ordinal);
            if (OpensDialog)
            {
                data["msteams"] = new Dictionary<string, string> { ["type"] = "task/fetch" };
            }

            return data;
        }
    }
}

/// <summary>
/// A Universal Action (schema 1.4 and later): Teams sends an <c>adaptiveCard/action</c> invoke with
/// <see cref="Verb"/> and <see cref="Data"/> merged with the associated inputs, and the bot answers with
/// the card that replaces this one. Verbs and keys are listed in <see cref="CardActions"/>.
/// </summary>
public sealed record ExecuteAction(string Title, string Verb, IReadOnlyDictionary<string, string> Data) : CardAction(Title)
{
    public AssociatedInputs? AssociatedInputs { get; init; }
}

public sealed record ShowCardAction(string Title, AdaptiveCard Card) : CardAction(Title);

/// <summary>Opens <see cref="Url"/> in the client (a browser, or the file viewer for a SharePoint file); nothing reaches the bot.</summary>
public sealed record OpenUrlAction(string Title, Uri Url) : CardAction(Title);
