using System.Diagnostics;
using LegalBot.Application.Workflow;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// Many assignments at once, against a channel that enforces Teams' per-conversation rate limit the way Teams
/// does (429 past seven a second). Runs on the system clock: the pace is measured on the wire. Runs alone, so
/// its half-minute of load neither slows other tests past their timeouts nor is skewed by them.
/// </summary>
[Collection(BurstCollection.Name)]
[Trait(TestCategories.Name, TestCategories.Fault)]
public sealed class BurstTests(ITestOutputHelper output) : NotificationTestBase(output)
{
    private const int Requests = 200;
    private const int Limit = 7;

    protected override bool UsesFakeClock => false;

    [Fact]
    public async Task TwoHundredAssignmentsAtOnce_AllArriveOnce_NeverMoreThanSevenASecondInAChat_AndNothingIsThrottled()
    {
        var requesters = new[] { TeamsUser.Requester, TeamsUser.OtherRequester };
        var professionals = new[] { TeamsUser.Alsp, TeamsUser.SecondAlsp };
        // The replies to these count against the same limit as the notifications that follow at once.
        Channel.PerConversationPerSecond = Limit;
        foreach (var user in requesters.Append(TeamsUser.LegalStaff))
        {
            await As(user).SayAsync("hi");
        }

        var numbers = await SeedAsync(requesters);
        var workflow = Host.Services.GetRequiredService<WorkflowService>();
        var staff = new Person(TeamsUser.LegalStaff.AadObjectId, TeamsUser.LegalStaff.Name);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < numbers.Count; i++)
        {
            var inputs = new Dictionary<string, string> { [CardActions.AssigneeField] = professionals[i % 2].AadObjectId };
            var result = await workflow.ActAsync(staff, new WorkflowCommand(numbers[i], WorkflowAction.Assign, 1, inputs), CancellationToken.None);
            Assert.True(result.Changed, result.Message);
        }

        var assigning = clock.Elapsed;

        // Each assignment owes the professional a card and a text, and the requester a text.
        await Channel.WaitUntilAsync(
            () => Channel.Calls.Count(c => c.Operation == ChannelOperation.Post && c.Accepted) >= Requests * 3,
            "every assignment's card and texts",
            TimeSpan.FromMinutes(3));
        await SettleAsync();
        var delivering = clock.Elapsed;

        Assert.DoesNotContain(Channel.Calls, c => c.Status == 429);
        var busiest = Channel.Calls.Where(c => c.Accepted && c.Operation != ChannelOperation.Create)
            .GroupBy(c => c.ConversationId)
            .ToDictionary(g => g.Key, g => BusiestSecond([.. g.Select(c => c.Timestamp).Order()]));
        Assert.All(busiest, b => Assert.True(b.Value <= Limit, $"{b.Value} calls within one second to {b.Key}."));
        foreach (var (number, i) in numbers.Select((n, i) => (n, i)))
        {
            var id = number.ToString();
            var (toProfessional, toRequester) = AssignmentTexts(id, professionals[i % 2]);
            Assert.Contains(toProfessional, Scenarios.TextsTo(Channel, professionals[i % 2]));
            Assert.Contains(toRequester, Scenarios.TextsTo(Channel, requesters[i % 2]));
            await AssertRequestAsync(id, RequestState.Assigned, "created", "assign");
        }

        var (delivered, _, _) = await AssertEachOwedNotificationDeliveredOnceAsync();
        Report($"{Requests} assignments in {assigning.TotalSeconds:0.0} s; {delivered} notifications delivered once in {delivering.TotalSeconds:0.0} s; "
            + $"{Channel.Calls.Count(c => c.Accepted && c.Operation is ChannelOperation.Post or ChannelOperation.Update)} posts and updates, busiest second per chat: "
            + string.Join(", ", busiest.Values.Order()) + $" (limit {Limit}); 429s: 0.");
    }

    /// <summary>Requests filed straight into the store, alternating between the requesters.</summary>
    private async Task<IReadOnlyList<RequestNumber>> SeedAsync(IReadOnlyList<TeamsUser> requesters)
    {
        var store = Host.Services.GetRequiredService<IRequestStore>();
        var now = TimeProvider.System.GetUtcNow();
        var numbers = new List<RequestNumber>();
        for (var i = 0; i < Requests; i++)
        {
            var requester = requesters[i % requesters.Count];
            var draft = new RequestDraft { TypeKey = "nda", Title = $"Burst NDA {i}", Description = "Mutual NDA.", BusinessUnit = "Sales", Priority = Priority.Normal };
            var created = await store.CreateAsync(new NewRequest(
                $"burst-{i}",
                draft,
                new Person(requester.AadObjectId, requester.Name, requester.Email),
                requester.TenantId,
                now,
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(10)));
            numbers.Add(created.Request.Number);
        }

        return numbers;
    }

    /// <summary>The most calls that fell within any one second, from sorted <see cref="Stopwatch"/> timestamps.</summary>
    private static int BusiestSecond(IReadOnlyList<long> timestamps)
    {
        var most = 0;
        for (int start = 0, end = 0; start < timestamps.Count; start++)
        {
            while (end < timestamps.Count && timestamps[end] - timestamps[start] < Stopwatch.Frequency)
            {
                end++;
            }

            most = Math.Max(most, end - start);
        }

        return most;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BurstCollection
{
    public const string Name = "Burst";
}
