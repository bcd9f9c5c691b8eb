using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;

namespace LegalBot.Core.Tests.Catalog;

public sealed class CommonFieldsTests
{
    private static readonly string[] BusinessUnits = ["Sales", "Finance"];

    private static RequestType Type(bool asksCounterparty, params FieldDefinition[] fields) =>
        new() { Key = "t", Name = "T", AsksCounterparty = asksCounterparty, Fields = [.. fields] };

    [Fact]
    public void For_ATypeWithoutCounterparty_ListsTheCommonFieldsInFormOrder_ThenTheTypesOwn()
    {
        var own = new FieldDefinition { Name = "jurisdiction", Label = "Jurisdiction" };

        var names = CommonFields.For(Type(false, own), BusinessUnits).Select(f => f.Name);

        Assert.Equal(["title", "description", "businessUnit", "priority", "dueDate", "jurisdiction"], names);
    }

    [Fact]
    public void For_ATypeThatAsksCounterparty_PutsItAfterTheBusinessUnit()
    {
        var own = new FieldDefinition { Name = "direction", Label = "Direction" };

        var names = CommonFields.For(Type(true, own), BusinessUnits).Select(f => f.Name);

        Assert.Equal(["title", "description", "businessUnit", "counterparty", "priority", "dueDate", "direction"], names);
    }

    [Fact]
    public void For_TheTypesOwnFields_KeepTheirConfiguredOrderAndInstances()
    {
        FieldDefinition[] own = [new() { Name = "b", Label = "B" }, new() { Name = "a", Label = "A" }, new() { Name = "c", Label = "C" }];

        var fields = CommonFields.For(Type(false, own), BusinessUnits);

        Assert.Equal(own, fields.Skip(5));
    }

    [Fact]
    public void For_RequiredFlags_MatchTheDocumentedForm()
    {
        var required = CommonFields.For(Type(true), BusinessUnits).ToDictionary(f => f.Name, f => f.Required);

        Assert.Equal(
            new Dictionary<string, bool>
            {
                ["title"] = true,
                ["description"] = true,
                ["businessUnit"] = true,
                ["counterparty"] = true,
                ["priority"] = true,
                ["dueDate"] = false,
            },
            required);
    }

    [Fact]
    public void For_KindsAndLimits_AreTheCommonOnes()
    {
        var fields = CommonFields.For(Type(true), BusinessUnits).ToDictionary(f => f.Name);

        Assert.Equal((FieldKind.Text, 3, RequestTypeCatalog.TitleMaxLength), (fields["title"].Kind, fields["title"].MinLength, fields["title"].MaxLength));
        Assert.Equal((FieldKind.LongText, 10, RequestTypeCatalog.DescriptionMaxLength), (fields["description"].Kind, fields["description"].MinLength, fields["description"].MaxLength));
        Assert.Equal((FieldKind.Text, 2, RequestTypeCatalog.CounterpartyMaxLength), (fields["counterparty"].Kind, fields["counterparty"].MinLength, fields["counterparty"].MaxLength));
        Assert.Equal(FieldKind.Choice, fields["businessUnit"].Kind);
        Assert.Equal(FieldKind.Choice, fields["priority"].Kind);
        Assert.Equal(FieldKind.Date, fields["dueDate"].Kind);
        Assert.All(fields.Values, f => Assert.False(string.IsNullOrWhiteSpace(f.Label)));
    }

    [Fact]
    public void For_BusinessUnitChoices_AreTheConfiguredOnes() =>
        Assert.Equal(BusinessUnits, CommonFields.For(Type(false), BusinessUnits).Single(f => f.Name == CommonFields.BusinessUnit).Choices);

    [Fact]
    public void For_PriorityChoices_AreEveryPriorityInOrder() =>
        Assert.Equal(["Low", "Normal", "High", "Urgent"], CommonFields.For(Type(false), BusinessUnits).Single(f => f.Name == CommonFields.Priority).Choices);

    [Fact]
    public void For_PriorityAnswers_ParseBackToThePriority()
    {
        var priority = CommonFields.For(Type(false), BusinessUnits).Single(f => f.Name == CommonFields.Priority);

        foreach (var value in Enum.GetValues<Priority>())
        {
            var parsed = FieldValueParser.Parse(priority, value.ToString().ToLowerInvariant(), new DateOnly(2026, 11, 26));
            Assert.Equal(value, Enum.Parse<Priority>(parsed.Value!));
        }
    }

    [Fact]
    public void For_ReturnsFreshFields_SoCallersCannotChangeTheCatalog()
    {
        var type = Type(false);

        var first = CommonFields.For(type, BusinessUnits);
        first[0].Label = "changed";
        var second = CommonFields.For(type, BusinessUnits);

        Assert.Equal("Title", second[0].Label);
        Assert.Empty(type.Fields);
    }

    [Fact]
    public void For_TheShippedTypes_HaveNoDuplicateFieldNames()
    {
        var catalog = ShippedCatalog.Catalog();

        foreach (var type in catalog.Types)
        {
            var names = CommonFields.For(type, catalog.BusinessUnits).Select(f => f.Name).ToList();
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        }
    }
}
