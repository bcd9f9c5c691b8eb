namespace LegalBot.Cards.Model;

/// <summary>An input; its <c>id</c> is the key of its value in the submitted data.</summary>
public abstract record InputElement : CardElement
{
    protected InputElement(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    public string? Label { get; init; }

    public bool? IsRequired { get; init; }

    /// <summary>Shown by the client when the input fails its own validation (required, regex, min/max).</summary>
    public string? ErrorMessage { get; init; }
}

public sealed record TextInput(string Id) : InputElement(Id)
{
    public string? Placeholder { get; init; }

    public bool? IsMultiline { get; init; }

    public int? MaxLength { get; init; }

    public string? Value { get; init; }

    public string? Regex { get; init; }
}

public sealed record ChoiceSetInput(string Id, IReadOnlyList<Choice> Choices) : InputElement(Id)
{
    public ChoiceInputStyle? Style { get; init; }

    public string? Value { get; init; }

    public string? Placeholder { get; init; }

    public bool? Wrap { get; init; }
}

public sealed record Choice(string Title, string Value);

/// <summary>A date picker; values are <c>yyyy-MM-dd</c>.</summary>
public sealed record DateInput(string Id) : InputElement(Id)
{
    public string? Min { get; init; }

    public string? Max { get; init; }

    public string? Value { get; init; }
}

public sealed record NumberInput(string Id) : InputElement(Id)
{
    public decimal? Min { get; init; }

    public decimal? Max { get; init; }

    public decimal? Value { get; init; }

    public string? Placeholder { get; init; }
}

/// <summary>A switch that submits <see cref="ValueOn"/> or <see cref="ValueOff"/>.</summary>
public sealed record ToggleInput(string Id, string Title) : InputElement(Id)
{
    public string? Value { get; init; }

    public string ValueOn { get; init; } = "true";

    public string ValueOff { get; init; } = "false";

    public bool? Wrap { get; init; }
}
