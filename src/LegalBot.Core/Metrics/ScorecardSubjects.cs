using System.Globalization;
using LegalBot.Core.Access;
using LegalBot.Core.Stores;

namespace LegalBot.Core.Metrics;

/// <summary>Whom a scorecard is about: one ALSP professional or a provider firm.</summary>
public abstract record ScorecardSubject(string Name)
{
    public const string ProfessionalPrefix = "professional:";
    public const string FirmPrefix = "firm:";

    /// <summary>What a choice button carries to name this subject exactly (not trusted: it is looked up again).</summary>
    public abstract string Key { get; }
}

/// <summary>A professional on the roster (active or not), or a former one found only in the requests' assignments.</summary>
/// <param name="Firm">Their firm; null for a former professional, whose firm is not known.</param>
/// <param name="WeeklyCapacity">Open assignments they can carry in a week; null for a former professional.</param>
/// <param name="HourlyRate">Their rate on the roster; null for a former professional.</param>
public sealed record ProfessionalSubject(string AadObjectId, string Name, string? Firm, bool Active, bool Former, int? WeeklyCapacity, decimal? HourlyRate, string? Email = null)
    : ScorecardSubject(Name)
{
    public override string Key => ProfessionalPrefix + AadObjectId;

    public IReadOnlySet<string> Ids => new HashSet<string>([AadObjectId], StringComparer.OrdinalIgnoreCase);
}

/// <summary>A provider firm on the roster and its professionals, by name.</summary>
public sealed record FirmSubject(string Name, IReadOnlyList<ProfessionalSubject> Members) : ScorecardSubject(Name)
{
    public override string Key => FirmPrefix + Name;

    /// <summary>What the active members can carry in a week.</summary>
    public int WeeklyCapacity => Members.Where(m => m.Active).Sum(m => m.WeeklyCapacity ?? 0);
}

/// <summary>Everyone a scorecard can be about, and finding them by what legal staff type.</summary>
public sealed class ScorecardDirectory
{
    private ScorecardDirectory(IReadOnlyList<FirmSubject> firms, IReadOnlyList<ProfessionalSubject> professionals)
    {
        Firms = firms;
        Professionals = professionals;
    }

    /// <summary>The roster's firms, by name.</summary>
    public IReadOnlyList<FirmSubject> Firms { get; }

    /// <summary>The roster's professionals, then former ones, each by name.</summary>
    public IReadOnlyList<ProfessionalSubject> Professionals { get; }

    /// <summary>
    /// The roster's professionals and firms, plus the former professionals: assigned requests in
    /// <paramref name="facts"/> but no longer on the roster, known by the name their last assignment recorded.
    /// </summary>
    public static ScorecardDirectory Of(IEnumerable<AlspProfessional> roster, IEnumerable<RequestFacts> facts)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(facts);
        var onRoster = roster
            .Where(p => !string.IsNullOrWhiteSpace(p.AadObjectId))
            .Select(p => new ProfessionalSubject(
                p.AadObjectId.Trim(), p.Name.Trim(), string.IsNullOrWhiteSpace(p.Firm) ? null : p.Firm.Trim(), p.Active, Former: false, p.WeeklyCapacity, p.HourlyRate, p.Email))
            .ToList();
        var known = new HashSet<string>(onRoster.Select(p => p.AadObjectId), StringComparer.OrdinalIgnoreCase);
        var former = facts
            .SelectMany(f => f.Assignments)
            .Where(a => !string.IsNullOrWhiteSpace(a.ProfessionalId) && !known.Contains(a.ProfessionalId))
            .GroupBy(a => a.ProfessionalId, StringComparer.OrdinalIgnoreCase)
            .Select(g => g.MaxBy(a => a.At)!)
            .Select(a => new ProfessionalSubject(a.ProfessionalId, string.IsNullOrWhiteSpace(a.ProfessionalName) ? "Former professional" : a.ProfessionalName.Trim(), null, Active: false, Former: true, null, null));
        var firms = onRoster
            .Where(p => p.Firm is not null)
            .GroupBy(p => p.Firm!, StringComparer.OrdinalIgnoreCase)
            .Select(g => new FirmSubject(g.First().Firm!, [.. g.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)]))
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase)
            .ToList();
        return new ScorecardDirectory(firms, [.. onRoster.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase), .. former.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)]);
    }

    /// <summary>Firms first, then professionals.</summary>
    public IEnumerable<ScorecardSubject> All => Firms.Cast<ScorecardSubject>().Concat(Professionals);

    /// <summary>The subject a choice button names by its <see cref="ScorecardSubject.Key"/>; null when there is none now.</summary>
    public ScorecardSubject? ByKey(string key) =>
        All.FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Whom <paramref name="query"/> names, case-insensitively: those whose whole name (or a professional's email) it
    /// is, when any; otherwise those whose name contains it, or whose name has a word starting with each of its words
    /// ("ja smi" finds "Jane Smith"). Firms first, then professionals; empty when nobody matches.
    /// </summary>
    public IReadOnlyList<ScorecardSubject> Match(string query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var q = Normalize(query);
        if (q.Length == 0)
        {
            return [];
        }

        var exact = All.Where(s => Normalize(s.Name) == q || (s is ProfessionalSubject { Email: { } email } && Normalize(email) == q)).ToList();
        if (exact.Count > 0)
        {
            return exact;
        }

        var words = q.Split(' ');
        return [.. All.Where(s =>
        {
            var name = Normalize(s.Name);
            var nameWords = name.Split(' ');
            return name.Contains(q, StringComparison.Ordinal) || words.All(w => nameWords.Any(n => n.StartsWith(w, StringComparison.Ordinal)));
        })];
    }

    /// <summary>Lowercase, single spaces, trimmed: how names are compared.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Join(' ', text.ToLower(CultureInfo.InvariantCulture).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }
}
