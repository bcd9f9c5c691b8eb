using System.Text.Json.Serialization;

namespace LegalBot.Cards.Model;

/// <summary>The root of an Adaptive Card (schema 1.5, the highest Teams renders).</summary>
public sealed record AdaptiveCard
{
    public const string ContentType = "application/vnd.microsoft.card.adaptive";
    public const string SchemaVersion = "1.5";

    [JsonPropertyOrder(-2)]
    public string Type { get; } = "AdaptiveCard";

    [JsonPropertyOrder(-1)]
    public string Version { get; init; } = SchemaVersion;

    /// <summary>Universal Actions: how Teams fetches each listed viewer's own version of the card.</summary>
    public CardRefresh? Refresh { get; init; }

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Shown by clients that cannot render the card (and in notifications).</summary>
    public string? FallbackText { get; init; }

    /// <summary>Teams' card extension, outside the Adaptive Card schema.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }
}

/// <summary>
/// The card's <c>refresh</c>: clients run <see cref="Action"/> for the viewers in <see cref="UserIds"/> when
/// they show the card, and show the card the bot answers with to that viewer alone.
/// </summary>
public sealed record CardRefresh
{
    /// <summary>Teams refreshes the card automatically for at most this many users.</summary>
    public const int MaxUserIds = Core.Requests.RequestRules.MaxRefreshUsers;

    /// <param name="userIds">
    /// Teams user ids (the <c>from.id</c> of the user's activities; Teams' documentation calls them user
    /// MRIs), not bare AAD object ids, most important first. Blank and repeated ids are skipped, and only the first
    /// <see cref="MaxUserIds"/> are kept: Teams ignores the list beyond that, so the others see the card
    /// as it was sent until they act on it.
    /// </param>
    public CardRefresh(ExecuteAction action, IEnumerable<string> userIds)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(userIds);
        Action = action;
        UserIds = [.. userIds.Where(id => !string.IsNullOrWhiteSpace(id)).Distinct(StringComparer.Ordinal).Take(MaxUserIds)];
    }

    [JsonIgnore]
    public ExecuteAction Action { get; }

    // Written through the base type so that the action carries its "type".
    [JsonInclude]
    [JsonPropertyName("action")]
    [JsonPropertyOrder(-1)]
    internal CardAction PolymorphicAction => Action;

    public IReadOnlyList<string> UserIds { get; }
}

/// <summary>Teams' <c>msteams</c> card property.</summary>
public sealed record TeamsCardProperties
{
    public static TeamsCardProperties FullWidth { get; } = new() { Width = "Full" };

    public string? Width { get; init; }
}
