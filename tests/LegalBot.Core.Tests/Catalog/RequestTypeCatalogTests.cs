using LegalBot.Core.Catalog;

namespace LegalBot.Core.Tests.Catalog;

public sealed class RequestTypeCatalogTests
{
    private static RequestType Type(string key, params FieldDefinition[] fields) =>
        new() { Key = key, Name = "Type " + key, Fields = [.. fields] };

    private static FieldDefinition Field(string name, FieldKind kind = FieldKind.Text) =>
        new() { Name = name, Label = "Label of " + name, Kind = kind };

    private static CatalogOptions Valid(params RequestType[] types) =>
        new() { BusinessUnits = ["Sales"], Types = [.. types] };

    [Fact]
    public void Validate_MinimalCatalog_HasNoProblems()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field("jurisdiction"))] };

        Assert.Empty(RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_NoTypes_IsReported()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"] };

        Assert.Equal(["Catalog:Types is empty"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_NoBusinessUnits_IsReported()
    {
        var options = new CatalogOptions { Types = [Type("nda")] };

        Assert.Equal(["Catalog:BusinessUnits is empty"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_DuplicateKeys_AreReportedAtTheSecondOne()
    {
        var again = Type("nda");
        again.Name = "Another NDA";
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda"), Type("privacy"), again] };

        Assert.Equal(["Catalog:Types:2:Key 'nda' is used twice"], RequestTypeCatalog.Validate(options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("NDA")]
    [InlineData("contract review")]
    [InlineData("contract_review")]
    [InlineData("nda!")]
    [InlineData("ndä")]
    [InlineData("a1234567890123456789012345678901234567890")] // 41 characters
    public void Validate_KeyOutsideThePattern_IsReported(string key)
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("privacy"), Type(key)] };

        Assert.Equal(["Catalog:Types:1:Key must be 1-40 lowercase letters, digits or hyphens"], RequestTypeCatalog.Validate(options));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("contract-review")]
    [InlineData("ip-2")]
    [InlineData("a123456789012345678901234567890123456789")] // 40 characters
    public void Validate_KeyInsideThePattern_IsAccepted(string key) =>
        Assert.Empty(RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type(key)] }));

    [Fact]
    public void Validate_BlankName_IsReported()
    {
        var type = Type("nda");
        type.Name = " ";

        Assert.Equal(["Catalog:Types:0:Name is required"], RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [type] }));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(366)]
    public void Validate_TurnaroundOutOfRange_IsReported(int days)
    {
        var type = Type("nda");
        type.TurnaroundBusinessDays = days;

        Assert.Equal(["Catalog:Types:0:TurnaroundBusinessDays must be between 1 and 365"], RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [type] }));
    }

    public static TheoryData<string> ReservedNames() =>
    [
        "type", "title", "description", "businessUnit", "counterparty", "priority", "dueDate", "action", "draftId",
        "Title", "DUEDATE", "BusinessUnit",
    ];

    [Theory]
    [MemberData(nameof(ReservedNames))]
    public void Validate_ReservedFieldName_IsReported(string name)
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field(name))] };

        Assert.Equal([$"Catalog:Types:0:Fields:0:Name '{name}' is used twice or is reserved"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_CommonFieldNames_AreAllReserved()
    {
        var common = CommonFields.For(Type("nda"), ["Sales"]).Select(f => f.Name);
        var withCounterparty = CommonFields.For(new RequestType { Key = "x", Name = "X", AsksCounterparty = true }, ["Sales"]).Select(f => f.Name);

        foreach (var name in common.Concat(withCounterparty).Distinct())
        {
            var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field(name))] };
            Assert.Single(RequestTypeCatalog.Validate(options));
        }
    }

    [Fact]
    public void Validate_DuplicateFieldNames_AreReportedAtTheSecondOne_IgnoringCase()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field("country"), Field("region"), Field("Country"))] };

        Assert.Equal(["Catalog:Types:0:Fields:2:Name 'Country' is used twice or is reserved"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_SameFieldNameInTwoTypes_IsFine()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field("country")), Type("privacy", Field("country"))] };

        Assert.Empty(RequestTypeCatalog.Validate(options));
    }

    [Theory]
    [InlineData("")]
    [InlineData("1abc")]
    [InlineData("has-dash")]
    [InlineData("has space")]
    [InlineData("a1234567890123456789012345678901234567890")] // 41 characters
    public void Validate_FieldNameOutsideThePattern_IsReported(string name)
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field(name))] };

        Assert.Equal(["Catalog:Types:0:Fields:0:Name must start with a letter and hold only letters and digits"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_BlankLabel_IsReported()
    {
        var field = Field("country");
        field.Label = "";

        Assert.Equal(["Catalog:Types:0:Fields:0:Label is required"], RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", field)] }));
    }

    [Fact]
    public void Validate_ChoiceWithoutChoices_IsReported()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", Field("country"), Field("direction", FieldKind.Choice))] };

        Assert.Equal(["Catalog:Types:0:Fields:1:Choices is required for a Choice field"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_MinLengthAboveMaxLength_IsReported()
    {
        var field = Field("country");
        field.MinLength = 10;
        field.MaxLength = 5;

        var errors = RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", field)] });

        Assert.Equal(["Catalog:Types:0:Fields:0:MinLength (10) is above Catalog:Types:0:Fields:0:MaxLength (5)"], errors);
    }

    [Fact]
    public void Validate_MinAboveMax_IsReported()
    {
        var field = Field("amount", FieldKind.Number);
        field.Min = 100;
        field.Max = 1;

        var errors = RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", field)] });

        Assert.Equal(["Catalog:Types:0:Fields:0:Min (100) is above Catalog:Types:0:Fields:0:Max (1)"], errors);
    }

    [Fact]
    public void Validate_BothLimitPairsInverted_AreReportedSeparately()
    {
        var field = Field("amount", FieldKind.Number);
        (field.MinLength, field.MaxLength, field.Min, field.Max) = (3, 2, 0.5m, 0.25m);
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda"), Type("privacy", Field("country"), field)] };

        Assert.Equal(
            [
                "Catalog:Types:1:Fields:1:MinLength (3) is above Catalog:Types:1:Fields:1:MaxLength (2)",
                "Catalog:Types:1:Fields:1:Min (0.5) is above Catalog:Types:1:Fields:1:Max (0.25)",
            ],
            RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_OnlyOneLimit_OrEqualLimits_IsFine()
    {
        FieldDefinition[] fields =
        [
            new() { Name = "a", Label = "A", MinLength = 10 },
            new() { Name = "b", Label = "B", MaxLength = 5 },
            new() { Name = "c", Label = "C", MinLength = 5, MaxLength = 5 },
            new() { Name = "d", Label = "D", Kind = FieldKind.Number, Min = 1, Max = 1 },
            new() { Name = "e", Label = "E", Kind = FieldKind.Number, Min = 1000 },
        ];

        Assert.Empty(RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", fields)] }));
    }

    [Fact]
    public void Validate_DuplicateTypeNames_AreReportedAtTheSecondOne_IgnoringCase()
    {
        var second = Type("nda-2");
        second.Name = "type NDA ";
        var options = new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda"), second] };

        Assert.Equal(["Catalog:Types:1:Name 'type NDA ' is used twice"], RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_BlankOrDuplicateBusinessUnits_AreReported()
    {
        var options = new CatalogOptions { BusinessUnits = ["Sales", "", "Finance", "sales", "  "], Types = [Type("nda")] };

        Assert.Equal(
            [
                "Catalog:BusinessUnits:1 is blank",
                "Catalog:BusinessUnits:3 'sales' is listed twice",
                "Catalog:BusinessUnits:4 is blank",
            ],
            RequestTypeCatalog.Validate(options));
    }

    [Fact]
    public void Validate_BlankOrDuplicateChoices_AreReported()
    {
        var field = Field("direction", FieldKind.Choice);
        field.Choices = ["Mutual", " ", "MUTUAL", "They disclose"];

        Assert.Equal(
            [
                "Catalog:Types:0:Fields:0:Choices:1 is blank",
                "Catalog:Types:0:Fields:0:Choices:2 'MUTUAL' is listed twice",
            ],
            RequestTypeCatalog.Validate(new CatalogOptions { BusinessUnits = ["Sales"], Types = [Type("nda", field)] }));
    }

    [Fact]
    public void Validate_ReportsEveryProblem_NotJustTheFirst()
    {
        var bad = Type("Bad Key", Field("title"), Field("direction", FieldKind.Choice));
        bad.Name = "";
        var options = new CatalogOptions { Types = [Type("nda"), bad] };

        var errors = RequestTypeCatalog.Validate(options);

        Assert.Equal(
            [
                "Catalog:BusinessUnits is empty",
                "Catalog:Types:1:Key must be 1-40 lowercase letters, digits or hyphens",
                "Catalog:Types:1:Name is required",
                "Catalog:Types:1:Fields:0:Name 'title' is used twice or is reserved",
                "Catalog:Types:1:Fields:1:Choices is required for a Choice field",
            ],
            errors);
    }

    [Fact]
    public void Constructor_InvalidCatalog_ThrowsWithEveryProblem()
    {
        var options = new CatalogOptions { Types = [Type("nda"), Type("nda")] };

        var exception = Assert.Throws<InvalidOperationException>(() => new RequestTypeCatalog(options));

        Assert.Contains("Catalog:BusinessUnits is empty", exception.Message, StringComparison.Ordinal);
        Assert.Contains("Catalog:Types:1:Key 'nda' is used twice", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nda")]
    [InlineData("NDA")]
    [InlineData("Nda")]
    public void Find_ByKey_IgnoresCase(string key) =>
        Assert.Equal("nda", new RequestTypeCatalog(Valid(Type("nda"), Type("privacy"))).Find(key)?.Key);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("unknown")]
    [InlineData("NDA ")]
    public void Find_UnknownKey_IsNull(string? key) =>
        Assert.Null(new RequestTypeCatalog(Valid(Type("nda"))).Find(key));
}
