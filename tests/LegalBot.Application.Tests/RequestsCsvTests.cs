using LegalBot.Application.Export;
using LegalBot.Core.Metrics;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;

namespace LegalBot.Application.Tests;

/// <summary>The export's rows: what each column holds, and which requests are kept past the row limit.</summary>
public sealed class RequestsCsvTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly CostRates Rates = new(new Dictionary<string, decimal> { ["p1"] = 100m }, new Dictionary<string, decimal> { ["nda"] = 300m }, 450m);

    private static readonly ExportNames Names = new(type => type == "nda" ? "NDA" : type, id => id == "p1" ? ("Pat One", "-Firm+") : null);

    private static RequestFacts Facts(long number, int day, RequestState state = RequestState.InTriage, decimal? hours = null, string? assignee = null, int? completedDay = null) => new(
        new RequestNumber(number), "nda", state, Start.AddDays(day), DateOnly.FromDateTime(Start.AddDays(day + 5).UtcDateTime),
        Start.AddDays(day).AddHours(2), null, null, null, completedDay is { } c ? Start.AddDays(c) : null, assignee, hours, null, []);

    private static IReadOnlyList<string[]> Lines(RequestsFile file) =>
        [.. System.Text.Encoding.UTF8.GetString(file.Bytes, 3, file.Bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(','))];

    private static RequestsFile Write(IReadOnlyCollection<RequestFacts> facts, int maxRows = 100) =>
        RequestsCsv.Write(facts, maxRows, Rates, new BusinessCalendar([]), TimeZoneInfo.Utc, new DateOnly(2026, 11, 30), Names);

    [Fact]
    public void PastTheRowLimit_TheMostRecentlyFiledAreKept_OldestFirst()
    {
        var file = Write([Facts(3, 3), Facts(1, 1), Facts(4, 4), Facts(2, 2)], maxRows: 2);

        Assert.True(file.Truncated);
        Assert.Equal((2, 4), (file.Rows, file.Total));
        Assert.Equal(["LR-3", "LR-4"], Lines(file).Skip(1).Select(l => l[0]));
    }

    [Fact]
    public void ACompletedRequest_HasItsCostTurnaroundAndWhetherItWasOnTime()
    {
        var file = Write([Facts(7, 0, RequestState.Completed, hours: 2.5m, assignee: "p1", completedDay: 3)]);

        var row = Lines(file)[1];

        Assert.False(file.Truncated);
        Assert.Equal(RequestsCsv.Headers.Count, row.Length);
        Assert.Equal(
            ["LR-7", "NDA", "Completed", "2026-11-02 09:00:00", "2026-11-02 11:00:00", "", "", "2026-11-05 09:00:00", "2026-11-07", "yes", "3", "2.5", "250", "750", "500", "", "Pat One", "'-Firm+"],
            row);
    }

    [Fact]
    public void SomeoneNoLongerOnTheRoster_IsAFormerProfessional_WithoutCost()
    {
        var row = Lines(Write([Facts(8, 0, RequestState.InProgress, hours: 1m, assignee: "gone")]))[1];

        Assert.Equal("Former professional", row[16]);
        Assert.Equal(["", "", ""], row[12..15]);
        Assert.Equal("", row[9]);
    }
}
