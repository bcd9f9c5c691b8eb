using System.Globalization;
using LegalBot.Core.Access;

namespace LegalBot.Core.Workflow;

/// <summary>How an ALSP professional stands today: open work, and their record so far.</summary>
public sealed record ProfessionalStats(string AadObjectId, int OpenAssignments, int Completed, int CompletedOnTime)
{
    public double? OnTimeRate => Completed == 0 ? null : (double)CompletedOnTime / Completed;
}

/// <summary>A ranked candidate for an assignment, with the reason in a few words.</summary>
public sealed record AssignmentSuggestion(AlspProfessional Professional, bool Specialist, ProfessionalStats Stats, string Summary);

/// <summary>
/// Orders the active roster for a request: specialists in its type first, then those with room in their
/// weekly capacity, then the lightest load, then the best on-time record.
/// </summary>
public static class AssignmentAdvisor
{
    public static IReadOnlyList<AssignmentSuggestion> Rank(
        string typeKey,
        IEnumerable<AlspProfessional> roster,
        IReadOnlyDictionary<string, ProfessionalStats> stats)
    {
        return [.. roster
            .Where(p => p.Active)
            .Select(p =>
            {
                var s = stats.TryGetValue(p.AadObjectId, out var known) ? known : new ProfessionalStats(p.AadObjectId, 0, 0, 0);
                var specialist = p.Specialties.Contains(typeKey, StringComparer.OrdinalIgnoreCase);
                return new AssignmentSuggestion(p, specialist, s, Summary(p, specialist, s));
            })
            .OrderByDescending(c => c.Specialist)
            .ThenByDescending(c => c.Stats.OpenAssignments < c.Professional.WeeklyCapacity)
            .ThenBy(c => c.Professional.WeeklyCapacity <= 0 ? double.MaxValue : (double)c.Stats.OpenAssignments / c.Professional.WeeklyCapacity)
            .ThenByDescending(c => c.Stats.OnTimeRate ?? 0.5)
            .ThenBy(c => c.Professional.Name, StringComparer.OrdinalIgnoreCase)];
    }

    private static string Summary(AlspProfessional p, bool specialist, ProfessionalStats s)
    {
        var parts = new List<string>();
        if (specialist)
        {
            parts.Add("specialist");
        }

        parts.Add($"{s.OpenAssignments.ToString(CultureInfo.InvariantCulture)}/{p.WeeklyCapacity.ToString(CultureInfo.InvariantCulture)} open");
        parts.Add(s.OnTimeRate is { } rate ? $"{(rate * 100).ToString("0", CultureInfo.InvariantCulture)}% on time" : "new");
        return string.Join(" · ", parts);
    }
}
