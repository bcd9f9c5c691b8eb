using LegalBot.Core.Requests;

namespace LegalBot.Core.Catalog;

/// <summary>The fields every request has, expressed like a type's own fields so forms and prompts treat them alike.</summary>
public static class CommonFields
{
    public const string Title = "title";
    public const string Description = "description";
    public const string BusinessUnit = "businessUnit";
    public const string Counterparty = "counterparty";
    public const string Priority = "priority";
    public const string DueDate = "dueDate";

    /// <summary>Common fields first, then the type's own, in the order a form shows them.</summary>
    public static IReadOnlyList<FieldDefinition> For(RequestType type, IReadOnlyList<string> businessUnits)
    {
        var fields = new List<FieldDefinition>
        {
            new() { Name = Title, Label = "Title", Kind = FieldKind.Text, Required = true, MinLength = 3, MaxLength = RequestTypeCatalog.TitleMaxLength, Placeholder = "A short name for the request" },
            new() { Name = Description, Label = "Description", Kind = FieldKind.LongText, Required = true, MinLength = 10, MaxLength = RequestTypeCatalog.DescriptionMaxLength, Placeholder = "What do you need, and by when?" },
            new() { Name = BusinessUnit, Label = "Business unit", Kind = FieldKind.Choice, Required = true, Choices = [.. businessUnits] },
        };
        if (type.AsksCounterparty)
        {
            fields.Add(new() { Name = Counterparty, Label = "Counterparty", Kind = FieldKind.Text, Required = true, MinLength = 2, MaxLength = RequestTypeCatalog.CounterpartyMaxLength, Placeholder = "The other party's legal name" });
        }

        fields.Add(new() { Name = Priority, Label = "Priority", Kind = FieldKind.Choice, Required = true, Choices = [.. Enum.GetNames<Priority>()] });
        fields.Add(new() { Name = DueDate, Label = "Requested due date", Kind = FieldKind.Date, Required = false });
        fields.AddRange(type.Fields);
        return fields;
    }
}
