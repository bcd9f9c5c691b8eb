using LegalBot.Core.Requests;

namespace LegalBot.Core.Catalog;

/// <summary>A kind of legal request (a playbook). Bound from configuration (<c>Catalog:Types</c>).</summary>
public sealed class RequestType
{
    public string Key { get; set; } = "";

    public string Name { get; set; } = "";

    public string Description { get; set; } = "";

    /// <summary>Words that identify the type in an opener such as "I need an NDA".</summary>
    public List<string> Keywords { get; set; } = [];

    public Priority DefaultPriority { get; set; } = Priority.Normal;

    /// <summary>Target turnaround in business days from filing.</summary>
    public int TurnaroundBusinessDays { get; set; } = 5;

    /// <summary>Whether the common "counterparty" field applies (and is required) for this type.</summary>
    public bool AsksCounterparty { get; set; }

    public List<FieldDefinition> Fields { get; set; } = [];
}
