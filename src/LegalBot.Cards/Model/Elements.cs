using System.Text.Json.Serialization;

namespace LegalBot.Cards.Model;

/// <summary>An element of a card body. The schema's <c>type</c> names each kind.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(NumberInput), "Input.Number")]
[JsonDerivedType(typeof(ToggleInput), "Input.Toggle")]
public abstract record CardElement
{
    [JsonPropertyOrder(-1)]
    public string? Id { get; init; }

    public Spacing? Spacing { get; init; }

    public bool? Separator { get; init; }
}

/// <summary>
/// Text that clients render as a Markdown subset, each in its own way: some show backslash escapes
/// literally. Text that must read exactly as written goes in a <see cref="RichTextBlock"/>.
/// </summary>
public sealed record TextBlock(string Text) : CardElement
{
    public bool? Wrap { get; init; }

    public TextWeight? Weight { get; init; }

    public TextSize? Size { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public int? MaxLines { get; init; }
}

/// <summary>
/// Text exactly as written: clients apply no Markdown to its runs, so nothing in it turns into formatting
/// or a link. It always wraps.
/// </summary>
public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : CardElement;

/// <summary>A run of text in a <see cref="RichTextBlock"/>, with its own style.</summary>
public sealed record TextRun(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type { get; } = "TextRun";

    public TextWeight? Weight { get; init; }

    public TextSize? Size { get; init; }

    public TextColor? Color { get; init; }

    public bool? IsSubtle { get; init; }

    public bool? Italic { get; init; }
}

/// <summary>Label/value pairs. Both render Markdown, so the cards show facts as rows of <see cref="RichTextBlock"/>s.</summary>
public sealed record FactSet(IReadOnlyList<Fact> Facts) : CardElement;

public sealed record Fact(string Title, string Value);

public sealed record Container(IReadOnlyList<CardElement> Items) : CardElement
{
    public ContainerStyle? Style { get; init; }

    /// <summary>Invoked when the container is tapped. The schema forbids <see cref="ShowCardAction"/> here.</summary>
    public CardAction? SelectAction { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : CardElement;

public sealed record Column(IReadOnlyList<CardElement> Items)
{
    public const string Auto = "auto";
    public const string Stretch = "stretch";

    /// <summary><see cref="Auto"/>, <see cref="Stretch"/> or pixels such as <c>"80px"</c>.</summary>
    public string? Width { get; init; }

    public VerticalAlignment? VerticalContentAlignment { get; init; }

    public Spacing? Spacing { get; init; }
}

/// <summary>Buttons inside the body. Hosts show at most five actions per set.</summary>
public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : CardElement;
