using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Reminders;

/// <summary>
/// Over real HTTP on a fake clock: the reminder poller queues the ALSP professional's reminders and the escalations to
/// legal staff through the outbox, each once, also across a restart on the same database.
/// </summary>
public sealed class ReminderHostTests : HostTestBase
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

    [Fact]
    public async Task TheProfessional_IsRemindedOnceBeforeTheDueDate_NotAgainAfterARestart_ThenMissedDateEscalatesToLegalStaff()
    {
        var (id, _) = await FileForTriageAsync();
        var staff = As(TeamsUser.LegalStaff);
        var professional = As(TeamsUser.Alsp);
        await staff.ExecuteAsync(
            await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id),
            "Assign",
            Scenarios.Input(LegalBot.Core.Workflow.WorkflowAction.Assign, LegalBot.Cards.CardActions.AssigneeField, TeamsUser.Alsp.AadObjectId));
        await professional.ExecuteAsync(await Scenarios.CardAboutAsync(Channel, TeamsUser.Alsp, id), "Accept");
        await DeliveredAsync();

        // An NDA takes two business days: due Wednesday 9 December; the reminder comes Tuesday at 09:00.
        string[] DueSoon() => [.. Scenarios.TextsTo(Channel, TeamsUser.Alsp).Where(t => t.StartsWith($"Reminder: {id} is due on 9 Dec 2026", StringComparison.Ordinal))];
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 8, 50, 0, TimeSpan.Zero));
        Assert.Empty(DueSoon());
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 9, 0, 0, TimeSpan.Zero));
        Assert.Single(DueSoon());
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 9, 10, 0, TimeSpan.Zero));
        await DeliveredAsync();
        Assert.Single(DueSoon());

        await StopHostsAsync();
        StartHost();
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 9, 20, 0, TimeSpan.Zero));

        // Thursday: the date was missed. The professional is told, and so is each legal staff member, once.
        string[] Missed() => [.. Scenarios.TextsTo(Channel, TeamsUser.Alsp).Where(t => t.StartsWith($"{id} was due on 9 Dec 2026", StringComparison.Ordinal))];
        string[] Overdue(TeamsUser user) => [.. Scenarios.TextsTo(Channel, user).Where(t => t.StartsWith($"{id} is overdue", StringComparison.Ordinal))];
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 10, 9, 0, 0, TimeSpan.Zero));
        Assert.Single(Missed());
        var again = await AdvanceToAsync(new DateTimeOffset(2026, 12, 10, 9, 10, 0, TimeSpan.Zero));
        await DeliveredAsync();

        // Ten minutes on, the same reminder and escalations (and the day's digests) are still owed, and none is written again.
        Assert.True(again.Planned >= 3, $"planned {again.Planned}");
        Assert.Equal(0, again.Queued);
        Assert.Single(DueSoon());
        Assert.Single(Missed());
        Assert.Equal($"{id} is overdue: it was due on 9 Dec 2026 and is with {TeamsUser.Alsp.Name}. Please check on it, or reassign it.", Assert.Single(Overdue(TeamsUser.LegalStaff)));
        Assert.Single(Overdue(TeamsUser.SecondLegalStaff));
        Assert.Empty(Overdue(TeamsUser.Requester));
    }

    [Fact]
    public async Task EachLegalStaffMember_GetsOneDigestCardPerBusinessDay_AtTheDigestTime_AlsoAcrossARestart()
    {
        var (id, _) = await FileForTriageAsync();
        string[] Digests(TeamsUser user) =>
        [
            .. Channel.Posted(user.PersonalConversationId)
                .SelectMany(a => new BotReplies([a]).Cards)
                .Select(c => c.Json())
                .Where(json => json.Contains("Legal requests on", StringComparison.Ordinal)),
        ];

        // Monday 10:00 is past the 08:30 digest time: Monday's digest goes at once, counting the new request.
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 7, 10, 5, 0, TimeSpan.Zero));
        var monday = Assert.Single(Digests(TeamsUser.LegalStaff));
        Assert.Contains("Legal requests on 7 Dec 2026", monday, StringComparison.Ordinal);
        Assert.Contains($"New since yesterday: 1 ({id})", monday, StringComparison.Ordinal);
        Assert.Contains($"In triage: 1 ({id})", monday, StringComparison.Ordinal);
        Assert.Single(Digests(TeamsUser.SecondLegalStaff));

        // Its buttons open the request's card and the metrics.
        var digest = Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId)
            .SelectMany(a => new BotReplies([a]).Cards)
            .Single(c => c.Json().Contains("Legal requests on", StringComparison.Ordinal));
        var staff = As(TeamsUser.LegalStaff);
        var opened = await staff.SubmitAsync(BotReplies.ActionData(digest, id));
        Assert.Equal("Submitted", Scenarios.Fact(opened.Card, "State"));
        Assert.Contains(id, opened.Card.Json(), StringComparison.Ordinal);
        Assert.NotNull(opened.Card["refresh"]);
        var metrics = await staff.SubmitAsync(BotReplies.ActionData(digest, "Metrics (last 30 days)"));
        Assert.Contains("last 30 days", metrics.Card.Json(), StringComparison.OrdinalIgnoreCase);

        await AdvanceToAsync(new DateTimeOffset(2026, 12, 7, 16, 0, 0, TimeSpan.Zero));
        await StopHostsAsync();
        StartHost();
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 8, 25, 0, TimeSpan.Zero));
        Assert.Single(Digests(TeamsUser.LegalStaff));

        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 8, 30, 0, TimeSpan.Zero));
        await AdvanceToAsync(new DateTimeOffset(2026, 12, 8, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(2, Digests(TeamsUser.LegalStaff).Length);
        Assert.Contains("Legal requests on 8 Dec 2026", Digests(TeamsUser.LegalStaff)[1], StringComparison.Ordinal);
        Assert.Equal(2, Digests(TeamsUser.SecondLegalStaff).Length);
        Assert.Empty(Digests(TeamsUser.Requester));
    }

    private Task DeliveredAsync() => ClockedDelivery.DeliveredAsync(Channel, clock, DatabasePath);

    /// <summary>
    /// Moves the clock to <paramref name="at"/> (the poller's interval runs out and it makes its own pass), then makes
    /// a pass there too, so the test knows one ran at that moment, and waits until the outbox is delivered.
    /// </summary>
    private async Task<LegalBot.Application.Reminders.ReminderPass> AdvanceToAsync(DateTimeOffset at)
    {
        clock.Advance(at - clock.GetUtcNow());
        var pass = await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<LegalBot.Application.Reminders.ReminderService>(Host.Services)
            .RunAsync(CancellationToken.None);
        await DeliveredAsync();
        return pass;
    }
}
