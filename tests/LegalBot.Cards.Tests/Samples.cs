using LegalBot.Cards.Builders;
using LegalBot.Core.Catalog;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Cards.Tests;

/// <summary>Catalog, requests and text used across the card tests.</summary>
internal static class Samples
{
    public const string Hostile = "</script>\"\u0000 [x](http://evil) **b**";

    public static readonly DateOnly Today = new(2026, 11, 26);

    public static readonly IReadOnlyList<string> BusinessUnits = ["Sales", "R&D", "People & Culture"];

    public static readonly RequestType Nda = new()
    {
        Key = "nda",
        Name = "NDA",
        Description = "A non-disclosure agreement, ours or theirs.",
        Keywords = ["nda", "non-disclosure"],
        TurnaroundBusinessDays = 2,
        AsksCounterparty = true,
        Fields =
        [
            new() { Name = "mutual", Label = "Mutual NDA?", Kind = FieldKind.YesNo, Required = true },
        ],
    };

    /// <summary>A type with one field of every kind, required and optional.</summary>
    public static readonly RequestType ContractReview = new()
    {
        Key = "contract-review",
        Name = "Contract review",
        Description = "Review of a supplier or customer contract.",
        TurnaroundBusinessDays = 5,
        AsksCounterparty = true,
        Fields =
        [
            new() { Name = "contractValue", Label = "Contract value (EUR)", Kind = FieldKind.Number, Required = true, Min = 0, Max = 100_000_000, Placeholder = "25000" },
            new() { Name = "fee", Label = "Fee", Kind = FieldKind.Number, Required = false },
            new() { Name = "renewal", Label = "Is this a renewal?", Kind = FieldKind.YesNo, Required = false },
            new() { Name = "jurisdiction", Label = "Governing law", Kind = FieldKind.Choice, Required = true, Choices = ["England and Wales", "New York", "Germany"] },
            new() { Name = "region", Label = "Region", Kind = FieldKind.Choice, Required = false, Choices = ["EMEA", "Americas"] },
            new() { Name = "signBy", Label = "Signature deadline", Kind = FieldKind.Date, Required = true },
            new() { Name = "notes", Label = "Notes for the reviewer", Kind = FieldKind.LongText, Required = false, MaxLength = 2000 },
            new() { Name = "reference", Label = "Supplier reference", Kind = FieldKind.Text, Required = false },
        ],
    };

    public static readonly RequestType Advice = new()
    {
        Key = "advice",
        Name = "Legal advice",
        Description = "A question for a lawyer.",
        TurnaroundBusinessDays = 1,
    };

    public static IReadOnlyList<RequestType> Types => [Nda, ContractReview, Advice];

    public static string TypeName(string key) => Types.FirstOrDefault(t => t.Key == key)?.Name ?? key;

    /// <summary>Help lines as the intents declare them, one taking text after it.</summary>
    public static readonly IReadOnlyList<HelpCommand> HelpCommands =
    [
        new("status LR-1042", "See where a request stands"),
        new("my requests", "List the requests you have filed"),
        new("answer LR-1042 …", "Answer a question about your request right here in the chat"),
        new("help", "Show this list"),
        new("new request", "Start a new legal request, or just say what you need, e.g. \"I need an NDA\""),
    ];

    /// <summary>Text of the given length that costs as many bytes as possible once escaped for Markdown and JSON.</summary>
    public static string Worst(int length)
    {
        const string pattern = "\\*_[]()#-+!~`<>&\"'\u0000\u001F😀中\n1. ";
        return string.Concat(Enumerable.Repeat(pattern, (length / pattern.Length) + 1))[..length];
    }

    public static LegalRequest Request(
        long number = 1042,
        string title = "Supplier NDA for Contoso",
        string description = "We need an NDA before sharing the roadmap with Contoso.",
        string? counterparty = "Contoso Ltd",
        RequestState state = RequestState.Submitted,
        Person? assignedTo = null,
        DateOnly? dueDate = null,
        string typeKey = "nda",
        string requesterName = "Business Requester") => new()
    {
        Number = new RequestNumber(number),
        Details = new RequestDraft
        {
            TypeKey = typeKey,
            Title = title,
            Description = description,
            BusinessUnit = "Sales",
            Counterparty = counterparty,
            Priority = Priority.High,
            RequestedDueDate = dueDate,
        },
        Requester = new Person("aad-adele", requesterName),
        State = state,
        AssignedTo = assignedTo,
        CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        TargetDate = new DateOnly(2026, 11, 24),
        Version = 1,
    };

    /// <summary>A page of <paramref name="count"/> requests after <paramref name="skip"/> of <paramref name="total"/>, with a token when more follow.</summary>
    public static RequestPage Page(int count, int total, int skip) =>
        new(
            [.. Enumerable.Range(0, count).Select(i => Request(number: 2000 - skip - i, title: $"Request {skip + i + 1}"))],
            skip + count < total ? $"token-after-{skip + count}" : null);
}
