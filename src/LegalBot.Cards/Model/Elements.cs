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
[JsonDerivedType(typeof(VerticalBarChart), "Chart.VerticalBar")]
[JsonDerivedType(typeof(DonutChart), "Chart.Donut")]
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

/// <summary>
/// A chart Teams draws (its card extension, not part of Adaptive Cards 1.5): every other host renders
/// <see cref="Fallback"/> instead, so it must say the same in plain elements.
/// </summary>
public abstract record Chart : CardElement
{
    public string? Title { get; init; }

    /// <summary>What hosts without Teams' charts show: the same figures as text.</summary>
    public required CardElement Fallback { get; init; }
}

/// <summary>Teams' <c>Chart.VerticalBar</c>: one bar per category.</summary>
public sealed record VerticalBarChart(IReadOnlyList<BarPoint> Data) : Chart
{
    public string? XAxisTitle { get; init; }

    public string? YAxisTitle { get; init; }

    /// <summary>One of Teams' chart colours for every bar, e.g. <c>categoricalBlue</c>.</summary>
    public string? Color { get; init; }

    public bool? ShowBarValues { get; init; }
}

/// <summary>One bar: its category label and its value.</summary>
public sealed record BarPoint(string X, double Y);

/// <summary>Teams' <c>Chart.Donut</c>: parts of a whole.</summary>
public sealed record DonutChart(IReadOnlyList<DonutSlice> Data) : Chart
{
    /// <summary><c>categorical</c>, <c>sequential</c> or <c>diverging</c>.</summary>
    public string? ColorSet { get; init; }
}

public sealed record DonutSlice(string Legend, double Value)
{
    /// <summary>One of Teams' chart colours, e.g. <c>good</c>, <c>warning</c>, <c>attention</c>.</summary>
    public string? Color { get; init; }
}
