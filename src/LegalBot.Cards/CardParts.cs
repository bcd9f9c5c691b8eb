using System.Globalization;
using LegalBot.Cards.Model;

namespace LegalBot.Cards;

/// <summary>The pieces every builder uses, so all cards look and serialize alike.</summary>
internal static class CardParts
{
    /// <summary>Hosts (and the SDK's default host config) show at most this many actions per set.</summary>
    public const int MaxActionsPerSet = 5;

    public static AdaptiveCard Card(IReadOnlyList<CardElement> body, IReadOnlyList<CardAction>? actions, string fallbackText) => new()
    {
        Body = body,
        Actions = actions is { Count: > 0 } ? actions : null,
        FallbackText = fallbackText,
        MsTeams = TeamsCardProperties.FullWidth,
    };

    /// <summary>
    /// Text exactly as written, on every client: a rich text block applies no Markdown, so neither what
    /// users type nor what the bot writes needs (or shows) an escape.
    /// </summary>
    public static RichTextBlock Line(string text, TextWeight? weight = null, TextSize? size = null, TextColor? color = null, bool? subtle = null) =>
        new([new TextRun(text) { Weight = weight, Size = size, Color = color, IsSubtle = subtle }]);

    public static RichTextBlock Heading(string text) => Line(text, TextWeight.Bolder, TextSize.Large);

    public static RichTextBlock Text(string text) => Line(text);

    public static RichTextBlock Subtle(string text) => Line(text, subtle: true) with { Spacing = Spacing.Small };

    public static RichTextBlock Error(string text) => Line(text, color: TextColor.Attention) with { Spacing = Spacing.Small };

    /// <summary>
    /// Label/value lines ("Type: NDA", the label in bold). A <see cref="FactSet"/> renders its values as
    /// Markdown, so each fact is a rich text block: exactly as written, and it wraps on narrow screens.
    /// </summary>
    public static Container Facts(IEnumerable<Fact> facts) =>
        new([.. facts.Select(fact => new RichTextBlock([new TextRun(fact.Title + ": ") { Weight = TextWeight.Bolder }, new TextRun(fact.Value)]))]);

    public static SubmitAction Submit(string title, IReadOnlyDictionary<string, string> data, ActionStyle? style = null, AssociatedInputs? inputs = null) =>
        new(title, data) { Style = style, AssociatedInputs = inputs };

    /// <summary>
    /// A Universal Action with a fallback <c>Action.Submit</c> carrying the same data plus
    /// <see cref="CardActions.Workflow"/> and the verb, for clients without Universal Actions.
    /// </summary>
    public static ExecuteAction Execute(string title, string verb, IReadOnlyDictionary<string, string> data, ActionStyle? style = null, AssociatedInputs? inputs = null) =>
        new(title, verb, data)
        {
            Style = style,
            AssociatedInputs = inputs,
            Fallback = Submit(title, CardActions.FallbackData(verb, data), style, inputs),
        };

    /// <summary>A date as people read it, the same on every server: "5 Dec 2026".</summary>
    public static string Date(DateOnly date) => TimeText.Date(date);

    /// <summary>The value format of <see cref="DateInput"/>.</summary>
    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);
}
