using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Stores;
using LegalBot.Core.Workflow;
using LegalBot.Notifications;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace LegalBot.Tests.Notifications;

/// <summary>
/// Host tests of notification delivery under channel faults. The host runs on a <see cref="FakeTimeProvider"/>
/// the test advances (no waiting for wall-clock time), and its workflow store is wrapped in an
/// <see cref="ObservedWorkflowStore"/> to know when the dispatcher has settled and to inject store failures.
/// Every test ends by checking the delivery invariants on the channel and the outbox.
/// </summary>
public abstract class NotificationTestBase(ITestOutputHelper output) : HostTestBase
{
    /// <summary>The dispatcher's poll interval in <see cref="BotHost"/>'s settings.</summary>
    protected static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    protected static readonly TimeSpan FirstBackoff = TimeSpan.FromMilliseconds(50);

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(20);

    protected ITestOutputHelper Output { get; } = output;

    /// <summary>The clock of every host this test starts; it moves only when the test advances it.</summary>
    protected FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero));

    /// <summary>False to run the hosts on the system clock (rate limits measured on the wire in real time).</summary>
    protected virtual bool UsesFakeClock => true;

    /// <summary>The running host's workflow store wrapper.</summary>
    protected ObservedWorkflowStore Observed => (ObservedWorkflowStore)Host.Services.GetRequiredService<INotificationStore>();

    protected override TimeProvider? HostClock => UsesFakeClock ? Clock : null;

    protected override void ConfigureServices(IServiceCollection services)
    {
        var store = services.Last(d => d.ServiceType == typeof(INotificationStore)).ImplementationType
            ?? throw new InvalidOperationException("The workflow store is expected to be registered by type.");
        services.RemoveAll<INotificationStore>();
        services.AddSingleton(store);
        services.AddSingleton<INotificationStore>(sp => new ObservedWorkflowStore((INotificationStore)sp.GetRequiredService(store)));
    }

    /// <summary>
    /// Wakes the dispatcher and waits until it finds nothing due at the clock's current time, or until a send waits
    /// for room in a rate window (Teams' windows: a chat that had its replies and notifications may have to wait).
    /// </summary>
    protected async Task SettleAsync()
    {
        var observed = Observed;
        var since = observed.DueCalls;
        var at = UsesFakeClock ? Clock.GetUtcNow() : TimeProvider.System.GetUtcNow();
        Host.Services.GetRequiredService<NotificationDispatcher>().Notify();
        var throttle = Host.Services.GetRequiredService<SendThrottle>();
        await observed.WaitIdleAsync(since, at, SettleTimeout, UsesFakeClock ? () => throttle.Waiting > 0 : null);
    }

    /// <summary>Moves the clock forward step by step, letting the dispatcher settle after each step.</summary>
    protected async Task AdvanceAsync(TimeSpan by, TimeSpan? step = null)
    {
        var each = step ?? PollInterval;
        for (var moved = TimeSpan.Zero; moved < by; moved += each)
        {
            Clock.Advance(each < by - moved ? each : by - moved);
            await SettleAsync();
        }
    }

    /// <summary>Legal staff have talked to the bot; the requester files an NDA, whose triage card reaches staff; a second passes.</summary>
    protected async Task<(string Id, JsonObject TriageCard)> FileAsync(string title = "Acme distribution NDA")
    {
        if (Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Count == 0)
        {
            await As(TeamsUser.LegalStaff).SayAsync("hi");
        }

        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), title);
        var card = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);

        // A moment passes before anyone acts on it: the filing's replies leave the chat's rate-limit window.
        await AdvanceAsync(TimeSpan.FromSeconds(1));
        return (id, card);
    }

    protected Task<InvokeAnswer> AssignAsync(JsonObject triageCard, TeamsUser professional) =>
        As(TeamsUser.LegalStaff).ExecuteAsync(
            triageCard,
            "Assign",
            new JsonObject { [CardActions.InputId(WorkflowAction.Assign, CardActions.AssigneeField)] = professional.AadObjectId });

    protected static RequestNumber Number(string id) =>
        RequestNumber.TryParse(id, out var number) ? number.Value : throw new ArgumentException("Not a request id: " + id, nameof(id));

    /// <summary>The texts an assignment owes, as the requester and the professional read them.</summary>
    protected static (string ToProfessional, string ToRequester) AssignmentTexts(string id, TeamsUser professional) =>
        ($"New assignment from {TeamsUser.LegalStaff.Name}: {id}. Please accept or decline it on the card.", $"{id} has been assigned to {professional.Name}.");

    /// <summary>Notification posts (not turn replies) to the conversation that answered with this status.</summary>
    protected IReadOnlyList<ChannelCall> PostsTo(TeamsUser user, int? status = null) =>
        [.. Channel.Calls.Where(c => c.Operation == ChannelOperation.Post && c.ConversationId == user.PersonalConversationId && (status is null || c.Status == status))];

    protected void Report(string line) => Output.WriteLine(line);

    // Invariants

    protected Task<IReadOnlyList<OutboxRow>> OutboxAsync() => TestDatabase.OutboxAsync(DatabasePath);

    /// <summary>
    /// Every notification owed was handled, and the ones that reached someone reached them exactly once: each
    /// delivered text is in its recipient's chat once (under the id the outbox recorded), each request card
    /// was posted once per chat and then only updated, and nothing was posted that the outbox does not owe.
    /// Nothing is left pending; only the expected notifications were given up on.
    /// The one exception is the documented open window (README, "Faults"): a post the channel took while the bot
    /// gave up waiting for its answer (a send timeout) is sent again, so an earlier copy the bot never learned the
    /// id of may precede the recorded one, at most one per timed-out attempt of that notification.
    /// </summary>
    /// <returns>How many notifications were delivered, how many given up on, and how many copies the open window repeated.</returns>
    protected async Task<(int Delivered, int Failed, int Repeated)> AssertEachOwedNotificationDeliveredOnceAsync(Func<OutboxRow, bool>? expectedFailure = null)
    {
        var rows = await OutboxAsync();
        Assert.Empty(rows.Where(r => r.Status == "pending").Select(r => r.Key));
        Assert.Equal(
            [.. rows.Where(r => expectedFailure?.Invoke(r) == true).Select(r => r.Key)],
            [.. rows.Where(r => r.Status == "failed").Select(r => r.Key)]);

        var recorded = rows.Select(r => r.ActivityId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var repeats = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows.Where(r => r.Status == "delivered" && r.Recipient != Notification.TriageChannel))
        {
            var conversation = "a:personal-" + row.Recipient;
            switch (row.Kind)
            {
                case "text":
                    var post = OnceButForTimedOutRepeats(row, [.. Channel.Proactive(conversation).Where(a => (string?)a["text"] == row.Text)], recorded, repeats);
                    if (row.ActivityId is not null)
                    {
                        Assert.Equal(row.ActivityId, (string?)post["id"]);
                    }

                    break;
                case "card":
                    var id = "LR-" + row.Number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    OnceButForTimedOutRepeats(row, [.. Channel.Posted(conversation).Where(a => Scenarios.RequestIdsIn(a).Contains(id))], recorded, repeats);
                    break;
            }
        }

        foreach (var conversation in Channel.Conversations)
        {
            var recipient = conversation.Replace("a:personal-", "", StringComparison.Ordinal);
            var texts = Channel.Proactive(conversation).Where(a => !repeats.Contains((string)a["id"]!)).Select(a => (string?)a["text"]).OfType<string>().ToList();
            var owed = rows.Where(r => r.Kind == "text" && r.Status == "delivered" && r.Recipient == recipient).Select(r => r.Text!).ToList();
            Assert.Equal(owed.Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));

            var cards = Channel.Posted(conversation).Where(a => !repeats.Contains((string)a["id"]!)).SelectMany(a => Scenarios.RequestIdsIn(a)).GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key);
            Assert.Empty(cards);
        }

        return (rows.Count(r => r.Status == "delivered"), rows.Count(r => r.Status == "failed"), repeats.Count);
    }

    /// <summary>
    /// The one copy of a notification in its chat; earlier copies are allowed only as the open window leaves them:
    /// each one a post whose id the bot never recorded, from an attempt of this notification that timed out.
    /// </summary>
    private static JsonObject OnceButForTimedOutRepeats(OutboxRow row, List<JsonObject> copies, HashSet<string> recorded, HashSet<string> repeats)
    {
        if (copies.Count <= 1 || row.ActivityId is null)
        {
            return Assert.Single(copies);
        }

        var kept = Assert.Single(copies, c => (string?)c["id"] == row.ActivityId);
        var earlier = copies.TakeWhile(c => c != kept).ToList();
        var what = $"{row.Kind} {row.Key} (attempts {row.Attempts}, last error {row.LastError ?? "none"})";
        Assert.True(earlier.Count == copies.Count - 1, $"A copy of {what} was posted after the one the bot recorded.");
        Assert.True(row.LastError == "timeout" && earlier.Count <= row.Attempts, $"{what} was posted {copies.Count} times, not from timed-out attempts.");
        Assert.All(earlier, c => Assert.DoesNotContain((string)c["id"]!, recorded));
        repeats.UnionWith(earlier.Select(c => (string)c["id"]!));
        return kept;
    }

    /// <summary>The request is saved in the state expected, with every history line, in order.</summary>
    protected async Task AssertRequestAsync(string id, RequestState state, params string[] history)
    {
        var request = await Store.GetAsync(Number(id));
        Assert.NotNull(request);
        Assert.Equal(state, request.State);
        Assert.Equal(history, (await Store.GetHistoryAsync(request.Number)).Select(h => h.Action));
    }

}
