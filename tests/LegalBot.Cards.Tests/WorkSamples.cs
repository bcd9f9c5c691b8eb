using LegalBot.Cards.Builders;
using LegalBot.Core.Access;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;

namespace LegalBot.Cards.Tests;

/// <summary>People, roster and workflow for the request work cards: transitions always come from the real table.</summary>
internal static class WorkSamples
{
    public const int Version = 7;

    public static readonly Person Counsel = new("aad-legal-counsel", "Legal Counsel");

    public static readonly Person Requester = new("aad-business-requester", "Business Requester");

    public static readonly AlspProfessional One = Professional(1, ["nda"]);

    public static readonly AlspProfessional Two = Professional(2, []);

    public static readonly AlspProfessional Three = Professional(3, ["nda", "contract-review"]);

    public static readonly RoleOptions Roles = new() { LegalStaff = [Counsel.AadObjectId], Alsp = [One, Two, Three] };

    public static readonly RequestWorkflow Workflow = new(new AccessPolicy(Roles));

    public static Person AsPerson(AlspProfessional p) => new(p.AadObjectId, p.Name);

    public static AlspProfessional Professional(int n, List<string> specialties) => new()
    {
        AadObjectId = $"aad-alsp-{n}",
        Name = $"ALSP Professional {Ordinal(n)}",
        Firm = $"Provider Firm {n}",
        Specialties = specialties,
        WeeklyCapacity = 5,
    };

    public static LegalRequest Request(RequestState state, Person? assignedTo = null, Person? requester = null) =>
        Samples.Request(state: state, assignedTo: assignedTo) with { Requester = requester ?? Requester, Version = Version };

    /// <summary>The roster ranked by the real advisor for an NDA.</summary>
    public static IReadOnlyList<AssignmentSuggestion> Suggestions() =>
        AssignmentAdvisor.Rank("nda", [One, Two, Three], new Dictionary<string, ProfessionalStats>
        {
            [One.AadObjectId] = new(One.AadObjectId, 2, 10, 9),
            [Two.AadObjectId] = new(Two.AadObjectId, 0, 0, 0),
        });

    /// <summary>What <paramref name="viewer"/> may do, as the real workflow decides it.</summary>
    public static IReadOnlyList<Transition> Available(LegalRequest request, string viewer) => Workflow.Available(request, viewer);

    /// <summary>The table's transitions for one party in one state.</summary>
    public static IReadOnlyList<Transition> For(Party party, RequestState state) =>
        [.. WorkflowTable.Transitions.Where(t => t.By == party && t.Allows(state))];

    public static RequestWorkModel Model(
        LegalRequest request,
        string viewer,
        IReadOnlyList<AssignmentSuggestion>? suggestions = null,
        string? banner = null,
        string? notice = null,
        IReadOnlyList<HistoryEntry>? history = null,
        IReadOnlyList<string>? refreshUserIds = null) =>
        new(
            request,
            "NDA",
            [("Mutual NDA?", "Yes")],
            Available(request, viewer),
            suggestions ?? Suggestions(),
            refreshUserIds ?? RefreshIds(3),
            banner,
            notice,
            history);

    /// <summary>A view that nobody may act on: the card everyone sees until it refreshes for them.</summary>
    public static RequestWorkModel ReadOnly(LegalRequest request, IReadOnlyList<HistoryEntry>? history = null) =>
        new(request, "NDA", [], [], [], RefreshIds(3), RecentHistory: history);

    /// <summary>Teams user ids as Teams gives them to a bot.</summary>
    public static IReadOnlyList<string> RefreshIds(int count, int length = 40) =>
        [.. Enumerable.Range(1, count).Select(i => $"29:{i:D4}-" + new string('x', length - 8))];

    public static IReadOnlyList<HistoryEntry> History(LegalRequest request, int count = 3, string? note = "Please attach the supplier's draft.")
    {
        var steps = new (Person Actor, string Action, RequestState? From, RequestState To, string? Note)[]
        {
            (Requester, "create", null, RequestState.Submitted, null),
            (Counsel, CardActions.AskForInfoVerb, RequestState.Submitted, RequestState.NeedsInfo, note),
            (Requester, "provideInfo", RequestState.NeedsInfo, RequestState.InTriage, "Attached."),
            (Counsel, "Assign", RequestState.InTriage, RequestState.Assigned, null),
            (AsPerson(One), "accept", RequestState.Assigned, RequestState.InProgress, null),
            (AsPerson(One), "askRequester", RequestState.InProgress, RequestState.WaitingOnRequester, "Which entity signs?"),
            (Requester, "answer", RequestState.WaitingOnRequester, RequestState.InProgress, "Contoso Ltd."),
        };
        var start = new DateTimeOffset(2026, 11, 20, 9, 30, 0, TimeSpan.Zero);
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var (actor, action, from, to, text) = steps[i % steps.Length];
            return new HistoryEntry(request.Number, start.AddHours(i), actor, action, from, to, text);
        })];
    }

    private static string Ordinal(int n) => n switch
    {
        1 => "One",
        2 => "Two",
        3 => "Three",
        _ => n.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
