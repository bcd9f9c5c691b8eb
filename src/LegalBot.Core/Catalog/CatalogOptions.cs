namespace LegalBot.Core.Catalog;

/// <summary>The <c>Catalog</c> configuration section.</summary>
public sealed class CatalogOptions
{
    public const string Section = "Catalog";

    public List<string> BusinessUnits { get; set; } = [];

    public List<RequestType> Types { get; set; } = [];
}
