using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Catalog;

/// <summary>The catalog in src/LegalBot/appsettings.json is what users get; it must be valid and complete.</summary>
public sealed class ShippedCatalogTests
{
    public static TheoryData<string> ExpectedKeys() =>
        ["nda", "contract-review", "compliance", "employment", "ip-trademark", "privacy", "litigation", "other"];

    [Fact]
    public void ShippedCatalog_IsValid()
    {
        Assert.Empty(RequestTypeCatalog.Validate(ShippedCatalog.Options()));

        var catalog = ShippedCatalog.Catalog();
        Assert.NotEmpty(catalog.Types);
        Assert.NotEmpty(catalog.BusinessUnits);
    }

    [Theory]
    [MemberData(nameof(ExpectedKeys))]
    public void ShippedCatalog_OffersTheType(string key)
    {
        var type = ShippedCatalog.Catalog().Find(key);

        Assert.NotNull(type);
        Assert.False(string.IsNullOrWhiteSpace(type.Name));
        Assert.False(string.IsNullOrWhiteSpace(type.Description));
    }

    [Fact]
    public void ShippedCatalog_EveryType_ConfiguresItsTurnaroundAndDefaultPriority()
    {
        foreach (var entry in ShippedCatalog.Section().GetProperty("Types").EnumerateArray())
        {
            var key = entry.GetProperty("Key").GetString();
            Assert.True(entry.TryGetProperty("TurnaroundBusinessDays", out var turnaround), $"{key} has no TurnaroundBusinessDays");
            Assert.True(entry.TryGetProperty("DefaultPriority", out var priority), $"{key} has no DefaultPriority");
            Assert.InRange(turnaround.GetInt32(), 1, 365);
            Assert.True(Enum.TryParse<Priority>(priority.GetString(), out _), $"{key} has an unknown DefaultPriority");
        }
    }

    [Theory]
    [InlineData("nda", 2, Priority.Normal)]
    [InlineData("litigation", 1, Priority.Urgent)]
    [InlineData("privacy", 3, Priority.High)]
    public void ShippedCatalog_TurnaroundAndPriority_AreReadFromTheFile(string key, int days, Priority priority)
    {
        var type = ShippedCatalog.Catalog().Find(key)!;

        Assert.Equal(days, type.TurnaroundBusinessDays);
        Assert.Equal(priority, type.DefaultPriority);
    }

    [Fact]
    public void ShippedCatalog_CounterpartyIsAsked_ForTheTypesWithAnotherParty()
    {
        var asks = ShippedCatalog.Catalog().Types.Where(t => t.AsksCounterparty).Select(t => t.Key).Order();

        Assert.Equal(["contract-review", "litigation", "nda"], asks);
    }

    [Fact]
    public void ShippedCatalog_EveryKeywordNameAndKey_RecognizesItsOwnType()
    {
        var catalog = ShippedCatalog.Catalog();

        foreach (var type in catalog.Types)
        {
            foreach (var term in type.Keywords.Append(type.Name).Append(type.Key))
            {
                Assert.Same(type, catalog.Recognize(term));
            }
        }
    }
}
