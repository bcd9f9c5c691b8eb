namespace LegalBot.Cards.Model;

// Serialized camelCase, which is exactly how the schema spells these values.

public enum TextWeight
{
    Default,
    Lighter,
    Bolder,
}

public enum TextSize
{
    Default,
    Small,
    Medium,
    Large,
    ExtraLarge,
}

public enum TextColor
{
    Default,
    Dark,
    Light,
    Accent,
    Good,
    Warning,
    Attention,
}

public enum Spacing
{
    Default,
    None,
    Small,
    Medium,
    Large,
    ExtraLarge,
    Padding,
}

public enum ContainerStyle
{
    Default,
    Emphasis,
    Good,
    Attention,
    Warning,
    Accent,
}

public enum VerticalAlignment
{
    Top,
    Center,
    Bottom,
}

public enum ChoiceInputStyle
{
    Compact,
    Expanded,
}

public enum ActionStyle
{
    Default,
    Positive,
    Destructive,
}

/// <summary>Which inputs an <see cref="SubmitAction"/> validates and sends.</summary>
public enum AssociatedInputs
{
    Auto,
    None,
}
