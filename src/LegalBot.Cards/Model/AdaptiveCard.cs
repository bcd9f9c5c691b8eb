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

    public IReadOnlyList<CardElement> Body { get; init; } = [];

    public IReadOnlyList<CardAction>? Actions { get; init; }

    /// <summary>Shown by clients that cannot render the card (and in notifications).</summary>
    public string? FallbackText { get; init; }

    /// <summary>Teams' card extension, outside the Adaptive Card schema.</summary>
    [JsonPropertyName("msteams")]
    public TeamsCardProperties? MsTeams { get; init; }
}

/// <summary>Teams' <c>msteams</c> card property.</summary>
public sealed record TeamsCardProperties
{
    public static TeamsCardProperties FullWidth { get; } = new() { Width = "Full" };

    public string? Width { get; init; }
}
