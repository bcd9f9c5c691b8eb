using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Workflow;

/// <summary>Over real HTTP on a fake clock: the due date on a request's card, counted on the legal team's calendar.</summary>
public sealed class ServiceLevelTests : HostTestBase
{
    // Friday 27 November 2026, 10:00 in London; Monday 30 November is a holiday of the legal team's.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Sla:TimeZone"] = "Europe/London",
        ["Sla:Holidays:0"] = "2026-11-30",
    };

    protected override TimeProvider HostClock => clock;

    [Fact]
    public async Task TheCard_ShowsWhenTheRequestIsDue_SkippingWeekendAndHolidays_ThenThatItIsOverdue()
    {
        var requester = As(TeamsUser.Requester);
        var id = await Scenarios.FileNdaAsync(requester);

        // An NDA takes two business days: Tuesday 1 and Wednesday 2 December (the weekend and Monday's holiday skipped).
        var filed = (await requester.SayAsync($"status {id}")).Card.Json();
        Assert.Contains("2 Dec 2026 · due in 2 business days", filed, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromDays(6));
        var late = (await requester.SayAsync($"status {id}")).Card.Json();
        Assert.Contains("2 Dec 2026 · overdue by 1 business day", late, StringComparison.Ordinal);
    }
}
