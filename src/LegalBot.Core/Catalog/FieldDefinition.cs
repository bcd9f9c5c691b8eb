namespace LegalBot.Core.Catalog;

/// <summary>One question a request type asks. Bound from configuration (<c>Catalog:Types:n:Fields</c>).</summary>
public sealed class FieldDefinition
{
    /// <summary>Stable key, letters and digits only; used as the card input id.</summary>
    public string Name { get; set; } = "";

    public string Label { get; set; } = "";

    public FieldKind Kind { get; set; } = FieldKind.Text;

    public bool Required { get; set; }

    /// <summary>Shown in the input and in text prompts as an example.</summary>
    public string? Placeholder { get; set; }

    public int? MinLength { get; set; }

    public int? MaxLength { get; set; }

    public decimal? Min { get; set; }

    public decimal? Max { get; set; }

    public List<string> Choices { get; set; } = [];
}
