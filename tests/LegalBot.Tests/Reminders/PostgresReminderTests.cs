using LegalBot.Application.Reminders;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Reminders;

/// <summary>
/// Two instances on one PostgreSQL database, each with its reminder poller, on one fake clock: a reminder both plan at
/// the same moment is queued and sent once.
/// </summary>
public sealed class PostgresReminderTests : HostTestBase
{
    // Monday 7 December 2026, 10:00 in London (UTC in winter).
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 10, 0, 0, TimeSpan.Zero));

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?>
    {
        ["Sla:TimeZone"] = "Europe/London",
        ["Reminders:Enabled"] = "true",
        ["Reminders:PollInterval"] = "00:00:30",
    };

    protected override TimeProvider HostClock => clock;

    protected override bool OnPostgres => true;

    [Fact]
    public async Task TwoInstancesPlanningTheSameReminderAtOnce_QueueAndSendItOnce()
    {
        var first = Host;
        StartHost();
        var second = Host;
        var (id, _) = await FileForTriageAsync();
        await As(TeamsUser.LegalStaff).ExecuteAsync(
            await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id),
            "Assign",
            Scenarios.Input(LegalBot.Core.Workflow.WorkflowAction.Assign, LegalBot.Cards.CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await As(TeamsUser.Alsp).ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        await DeliveredAsync();

        // Due Wednesday 9 December; the reminder is owed from Tuesday 09:00. Both instances' passes run at that moment
        // (and their pollers may run one of their own as the clock moves: whichever queues it first, it is queued once).
        clock.Advance(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero) - clock.GetUtcNow());
        var passes = await Task.WhenAll(
            Task.Run(() => first.Services.GetRequiredService<ReminderService>().RunAsync(CancellationToken.None)),
            Task.Run(() => second.Services.GetRequiredService<ReminderService>().RunAsync(CancellationToken.None)));
        await DeliveredAsync();
        clock.Advance(TimeSpan.FromMinutes(10));
        var later = await first.Services.GetRequiredService<ReminderService>().RunAsync(CancellationToken.None);
        await DeliveredAsync();

        var reminders = Scenarios.TextsTo(Channel, TeamsUser.Alsp).Where(t => t.StartsWith($"Reminder: {id} is due on 9 Dec 2026", StringComparison.Ordinal)).ToList();
        Assert.Single(reminders);
        Assert.All(passes, p => Assert.True(p.Planned >= 1, $"planned {p.Planned}"));
        Assert.Equal(0, later.Queued);
        Assert.Equal(1L, await ScalarAsync("SELECT count(*) FROM outbox WHERE key LIKE 'reminder:due-soon:%'"));
    }

    private Task DeliveredAsync() =>
        Channel.WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromMilliseconds(100));
                return (long)ScalarAsync("SELECT count(*) FROM outbox WHERE status IN ('pending', 'staged')").GetAwaiter().GetResult()! == 0;
            },
            "every notification handled");

    private Task<object?> ScalarAsync(string sql) => PostgresTestServer.ScalarAsync(PostgresDatabase, sql);
}
