using LegalBot.Cards;
using LegalBot.Core.Export;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Export;

/// <summary>What a CSV export holds: the file, and how many requests it has of how many there were.</summary>
public sealed record RequestsFile(byte[] Bytes, int Rows, int Total)
{
    public bool Truncated => Rows < Total;
}

/// <summary>How the names in an export are found: request types by key, professionals by AAD object id.</summary>
/// <param name="Professional">The roster's name and firm of a professional, or null for someone no longer on it.</param>
public sealed record ExportNames(Func<string, string> TypeName, Func<string, (string Name, string Firm)?> Professional);

/// <summary>
/// The requests of a period as a CSV file, one row per request with its metric fields: when it moved through the
/// workflow, its due date and whether it was met, turnaround, hours, cost against outside counsel, rating, and who did
/// the work. No text of the request (not even its title): the file leaves the bot's access control once saved, and
/// the request number finds the rest (<c>status LR-…</c>). Times are UTC (see <see cref="CsvWriter"/>).
/// </summary>
public static class RequestsCsv
{
    public static readonly IReadOnlyList<string> Headers =
    [
        "Request", "Type", "State", "Filed (UTC)", "Triaged (UTC)", "Assigned (UTC)", "Accepted (UTC)", "Completed (UTC)",
        "Due date", "On time", "Turnaround (days)", "Hours", "ALSP cost", "Outside counsel cost", "Saved", "Rating",
        "Assignee", "Assignee firm",
    ];

    /// <summary>
    /// The file for <paramref name="facts"/>, oldest filed first; past <paramref name="maxRows"/> only the most recently
    /// filed are kept. Costs are of the hours logged, at the professional's rate and at outside counsel's for the type.
    /// </summary>
    public static RequestsFile Write(IReadOnlyCollection<RequestFacts> facts, int maxRows, CostRates rates, BusinessCalendar calendar, TimeZoneInfo zone, DateOnly today, ExportNames names)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(rates);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(names);
        var rows = facts.OrderByDescending(f => f.FiledAt).ThenByDescending(f => f.Number.Value).Take(maxRows).Reverse().ToList();
        var csv = new CsvWriter();
        foreach (var header in Headers)
        {
            csv.Text(header);
        }

        csv.EndRow();
        foreach (var f in rows)
        {
            var due = ServiceLevels.DueDate(f.TargetDate, f.Pauses, calendar, zone, today);
            var completed = f.State == RequestState.Completed ? f.CompletedAt : null;
            bool? onTime = completed is { } at ? DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime) <= due : null;
            var alspRate = f.AssigneeId is { } id && rates.Professionals.TryGetValue(id, out var rate) ? rate : (decimal?)null;
            var cost = f.HoursSpent is { } hours && alspRate is { } r ? Cost.None.Add(hours, r, rates.OutsideCounsel(f.TypeKey)) : null;
            var assignee = f.AssigneeId is { } who ? names.Professional(who) ?? ("Former professional", "") : ((string, string)?)null;
            csv.Text(f.Number.ToString())
                .Text(names.TypeName(f.TypeKey))
                .Text(f.State.Describe())
                .Time(f.FiledAt)
                .Time(f.TriagedAt)
                .Time(f.AssignedAt)
                .Time(f.AcceptedAt)
                .Time(completed)
                .Date(due)
                .Text(onTime switch { true => "yes", false => "no", null => null })
                .Number(completed is { } done ? (done - f.FiledAt).TotalDays : null, 2)
                .Number(f.HoursSpent)
                .Number(cost?.Alsp)
                .Number(cost?.OutsideCounsel)
                .Number(cost?.Saved)
                .Number(f.Rating)
                .Text(assignee?.Item1)
                .Text(assignee?.Item2)
                .EndRow();
        }

        return new RequestsFile(csv.ToBytes(), rows.Count, facts.Count);
    }
}
