using LegalBot.Core.Requests;

namespace LegalBot.Application.Tests;

/// <summary>LR-1042, a supplier NDA filed on 20 November 2026, in whatever state a test needs.</summary>
internal static class SampleRequests
{
    public static LegalRequest Nda(Person requester, RequestState state, Person? assignee = null, int version = 3) => new()
    {
        Number = new RequestNumber(1042),
        Details = new RequestDraft { TypeKey = "nda", Title = "Supplier NDA", Description = "Before the roadmap.", BusinessUnit = "Sales", Priority = Priority.High },
        Requester = requester,
        State = state,
        AssignedTo = assignee,
        CreatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        UpdatedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero),
        TargetDate = new DateOnly(2026, 11, 24),
        Version = version,
    };
}
