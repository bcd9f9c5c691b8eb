using System.Text.Json;
using System.Text.Json.Serialization;
using LegalBot.Core.Catalog;

namespace LegalBot.Core.Tests.Catalog;

/// <summary>The <c>Catalog</c> section of the host's appsettings.json, read without the host.</summary>
internal static class ShippedCatalog
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string AppSettingsPath { get; } = Path.Combine(RepositoryRoot(), "src", "LegalBot", "appsettings.json");

    /// <summary>A fresh copy each time, so a test may change it.</summary>
    public static CatalogOptions Options() =>
        Section().Deserialize<CatalogOptions>(Json) ?? throw new InvalidOperationException("The Catalog section is null.");

    public static RequestTypeCatalog Catalog() => new(Options());

    /// <summary>The raw JSON of the section, to tell a configured value from a class default.</summary>
    public static JsonElement Section()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(AppSettingsPath));
        return document.RootElement.GetProperty(CatalogOptions.Section).Clone();
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LegalBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LegalBot.sln was not found above " + AppContext.BaseDirectory);
    }
}
