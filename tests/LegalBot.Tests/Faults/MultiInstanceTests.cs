using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LegalBot.Cards;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Npgsql;
using Xunit.Abstractions;

namespace LegalBot.Tests.Faults;

/// <summary>
/// The bot scaled out: three host processes on one PostgreSQL database behind a round-robin proxy, so the turns of
/// one conversation go to different instances. Many requesters file NDAs through the chat intake while legal staff
/// assign them from their triage cards and ALSP professionals accept; one instance is killed hard mid-way and the
/// database server is restarted once at another moment. Users who get an error, or are told to try again shortly,
/// send the same thing again. Afterwards every request a user saw confirmed is there once with a consistent
/// history, no other request is, every notification owed arrived once (but for the documented window), in order
/// per recipient and request, and no chat got more than Teams allows.
/// </summary>
[Trait(TestCategories.Name, TestCategories.Fault)]
public sealed partial class MultiInstanceTests(ITestOutputHelper output) : IAsyncLifetime, IDisposable
{
    private const int Instances = 3;
    private const int Requesters = 12;

    /// <summary>How many times a user sends the same step again before the test gives up on the bot.</summary>
    private const int MaxAttempts = 12;

    /// <summary>Teams' limits per conversation: messages in any window of this many seconds.</summary>
    private static readonly (int Seconds, int Limit)[] TeamsLimits = [(1, 7), (2, 8), (30, 60), (3600, 1800)];

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));
    /// <summary>The shortest time between two messages or presses of one person.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<string, long> lastSent = new(StringComparer.Ordinal);
    private readonly List<HostProcess> hosts = [];
    private readonly List<string> unrecordedAtCrash = [];
    private readonly TeamsUser[] requesters =
    [
        .. Enumerable.Range(1, Requesters).Select(i =>
            new TeamsUser($"Requester {i:00}", Guid.NewGuid().ToString(), $"requester{i:00}@contoso.example", TeamsUser.DefaultTenant)),
    ];

    private LocalPostgresServer server = null!;
    private string database = string.Empty;
    private FakeChannel channel = null!;
    private RoundRobinProxy proxy = null!;
    private HttpClient http = null!;
    private int turns;
    private int retries;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        server = await LocalPostgresServer.StartDedicatedAsync();
        database = await server.CreateDatabaseAsync();
        channel = await FakeChannel.StartAsync();
        foreach (var user in requesters.Concat([TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp, TeamsUser.SecondAlsp]))
        {
            channel.AddMember(user);
        }

        var connection = new NpgsqlConnectionStringBuilder(database) { Pooling = true, MaxPoolSize = 40, Timeout = 5 }.ConnectionString;
        var started = await Task.WhenAll(Enumerable.Range(1, Instances).Select(i =>
        {
            var settings = new Dictionary<string, string?>(FaultTestBase.Reconcile)
            {
                ["Store:Provider"] = "Postgres",
                ["Store:Postgres:ConnectionString"] = connection,

                // The shortest lease the options allow, so the killed instance's claims go to the others within the test.
                ["Store:Postgres:OutboxClaimLease"] = "00:00:10",
            };
            return HostProcess.StartAsync(TestSettings.For(Path.Combine(directory, $"instance-{i}.db"), settings));
        }));
        hosts.AddRange(started);
        foreach (var host in hosts)
        {
            await host.WaitAsync("/readyz", healthy: true, TimeSpan.FromSeconds(60));
        }

        // The killed instance stays in the rotation: the proxy finds it dead at the connect, as a balancer does.
        proxy = await RoundRobinProxy.StartAsync(() => [.. hosts.Select(h => h.Address)]);
        http = new HttpClient { BaseAddress = proxy.Address, Timeout = TimeSpan.FromMinutes(3) };
    }

    [Fact]
    public async Task ThreeInstancesOneDatabase_KillAndDatabaseRestart_NothingLostOrDoubled_OrderAndRateLimitsKept()
    {
        var titles = requesters.ToDictionary(u => u, u => Enumerable.Range(1, PerRequester(u)).Select(k => $"{u.Name} NDA {k}").ToList());
        var total = titles.Values.Sum(t => t.Count);
        var confirmed = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
        var submitted = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
        using var intakeDone = new CancellationTokenSource();

        foreach (var staff in new[] { TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff })
        {
            await TurnAsync(As(staff), "hi");
        }

        // The faults, each at its own moment: an instance killed once a third of the requests are confirmed, the
        // database restarted at two thirds (after the kill has been judged, so the two do not overlap).
        var victim = hosts[1];
        var faults = Task.Run(async () =>
        {
            await channel.WaitUntilAsync(() => confirmed.Count >= total / 3, "a third of the requests confirmed", TimeSpan.FromMinutes(10));
            await KillAsync(victim);
            var afterKill = Math.Min(total, confirmed.Count + 4);
            await channel.WaitUntilAsync(() => confirmed.Count >= Math.Max(total * 2 / 3, afterKill), "two thirds of the requests confirmed, some after the kill", TimeSpan.FromMinutes(10));
            await server.RestartAsync();
        });

        var staffWork = Task.WhenAll(
            TriageAsync(As(TeamsUser.LegalStaff), parity: 0, intakeDone.Token),
            TriageAsync(As(TeamsUser.SecondLegalStaff), parity: 1, intakeDone.Token),
            AcceptAsync(As(TeamsUser.Alsp), intakeDone.Token),
            AcceptAsync(As(TeamsUser.SecondAlsp), intakeDone.Token));
        try
        {
            await Task.WhenAll(requesters.Select(async user =>
            {
                foreach (var title in titles[user])
                {
                    confirmed[title] = await FileAsync(As(user), title, submitted);
                }
            }));
        }
        finally
        {
            await intakeDone.CancelAsync();
        }

        await faults;
        await staffWork;
        Assert.True(victim.HasExited);
        var survivors = hosts.Where(h => !h.HasExited).ToList();
        Assert.Equal(Instances - 1, survivors.Count);
        await WaitOutboxSettledAsync();

        // Requests: what users saw confirmed, once each, and nothing else; each assigned once and accepted once.
        var requests = await RequestsAsync();
        Assert.Equal(total, confirmed.Count);
        Assert.Equal(confirmed.Keys.Order(), requests.Select(r => r.Title).Order());
        Assert.Empty(requests.Select(r => r.Title).Except(submitted.Keys));
        foreach (var request in requests)
        {
            Assert.Equal(confirmed[request.Title], Deliveries.RequestIdOf(request.Number));
            FaultTestBase.AssertConsistent(request);
            Assert.Equal(["created", "assign", "accept"], request.History);
            Assert.Equal("InProgress", request.State);
        }

        // Notifications: everything owed delivered, once but for the documented window, and what people see.
        var outbox = await OutboxAsync();
        var (delivered, duplicated) = Deliveries.AssertOwedDelivered(channel, outbox, unrecordedAtCrash);
        var requesterOf = await RequesterOfAsync();
        foreach (var request in requests)
        {
            var id = Deliveries.RequestIdOf(request.Number);
            var requester = requesters.Single(u => u.AadObjectId == requesterOf[request.Number]);
            var texts = channel.Proactive(requester.PersonalConversationId).Select(a => (string?)a["text"]).OfType<string>().ToList();
            Assert.Contains(texts, t => t.StartsWith($"{id} has been assigned to ", StringComparison.Ordinal));
            Assert.Contains($"{id} is now In progress.", texts);
            foreach (var staff in new[] { TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, AssigneeOf(request) })
            {
                Assert.True(Scenarios.LatestCard(channel, staff, id) is not null, $"{staff.Name} never got the card about {id}.");
            }

            Assert.Contains("In progress", Scenarios.LatestCard(channel, AssigneeOf(request), id)!.Json(), StringComparison.Ordinal);
        }

        AssertInOrderPerRecipient(outbox);

        // Rate: no chat got more than Teams allows in any window, counted from what the channel accepted.
        var peaks = PeakSends();

        // The summary goes out before the limits are judged, so a run over them still shows what it measured.
        var perInstance = hosts.Select(h => proxy.Served.Count(s => s.Instance == h.Address).ToString(CultureInfo.InvariantCulture));
        output.WriteLine(
            $"Multi-instance: {Instances} instances on one PostgreSQL database (one SIGKILLed, the server restarted once); "
            + $"{requesters.Length + 4} users; {confirmed.Count} requests confirmed, each assigned and accepted; {Volatile.Read(ref turns)} turns, "
            + $"per instance {string.Join("/", perInstance)} ({proxy.Refused} connects refused by the dead instance, {proxy.Failed} answered 502); "
            + $"{Volatile.Read(ref retries)} retries after errors; {delivered} notifications delivered, {duplicated.Count} duplicated"
            + (unrecordedAtCrash.Count > 0 ? $" (documented window: {string.Join("; ", unrecordedAtCrash)})" : " (documented window not hit)")
            + "; most messages to one chat " + string.Join(", ", TeamsLimits.Select(l => $"{peaks[l.Seconds].Peak} in {l.Seconds} s (limit {l.Limit}, {NameOf(peaks[l.Seconds].Conversation)})")) + ".");
        foreach (var (seconds, limit) in TeamsLimits)
        {
            var (conversation, peak) = peaks[seconds];
            Assert.True(peak <= limit, $"{NameOf(conversation)} got {peak} messages within {seconds} s (Teams allows {limit}): {DescribeWindow(conversation, seconds)}.");
        }

        // Every conversation's turns went to more than one instance.
        var spread = requesters.Select(u => proxy.Served.Where(s => s.ConversationId == u.PersonalConversationId).Select(s => s.Instance).Distinct().Count()).ToList();
        Assert.All(spread, instances => Assert.True(instances >= 2, "A conversation's turns all went to one instance."));

        // Each requester's last answer: 'my requests' lists exactly the requests they filed.
        foreach (var user in requesters)
        {
            var mine = await TurnAsync(As(user), "my requests");
            var listed = RequestId().Matches(mine.AllText).Select(m => m.Value).ToHashSet();
            var theirs = requests.Where(r => requesterOf[r.Number] == user.AadObjectId).Select(r => Deliveries.RequestIdOf(r.Number)).ToHashSet();
            Assert.Equal(theirs.Order(), listed.Order());
        }

        foreach (var host in survivors)
        {
            Assert.Equal(200, await host.StatusAsync("/readyz", TimeSpan.FromSeconds(10)));
        }

    }

    private static int PerRequester(TeamsUser user) => user.Name.EndsWith('0') || user.Name.EndsWith('5') ? 3 : 2;

    private TeamsClient As(TeamsUser user) => new(http, channel, user);

    /// <summary>
    /// Files one NDA through the chat intake, answering whatever the bot asks; returns the id the bot confirmed. A user
    /// who lost their place checks 'my requests' before starting over when they had already said yes.
    /// </summary>
    private async Task<string> FileAsync(TeamsClient user, string title, ConcurrentDictionary<string, byte> submitted)
    {
        var next = "I need an NDA";
        var saidYes = false;
        for (var step = 0; step < 40; step++)
        {
            var replies = await TurnAsync(user, next);
            if (Filed().Match(replies.AllText) is { Success: true } filed)
            {
                return filed.Groups[1].Value;
            }

            var question = replies.Texts.LastOrDefault() ?? "";
            if (question.Contains("Shall I submit it?", StringComparison.Ordinal))
            {
                // The user reads the summary before saying yes: a title taken from a repeated message is not theirs.
                saidYes = replies.AllText.Contains(title, StringComparison.Ordinal);
                if (saidYes)
                {
                    submitted[title] = 0;
                }

                next = saidYes ? "yes" : "cancel";
                continue;
            }

            next = question switch
            {
                _ when question.Contains("**Title**?", StringComparison.Ordinal) => title,
                _ when question.Contains("**Description**?", StringComparison.Ordinal) => "We will share our product roadmap with a new supplier.",
                _ when question.StartsWith("Business unit?", StringComparison.Ordinal) => "Sales",
                _ when question.Contains("**Counterparty**?", StringComparison.Ordinal) => "Globex Ltd",
                _ when question.Contains("information flow", StringComparison.Ordinal) => "Mutual",
                _ => "",
            };
            if (next.Length > 0)
            {
                continue;
            }

            // Not a question of the intake: the filing is gone (ended, or cleared by an error). Was it filed?
            if (saidYes)
            {
                var mine = await TurnAsync(user, "my requests");
                if (ListedAs(mine, title) is { } id)
                {
                    return id;
                }
            }

            saidYes = false;
            next = "I need an NDA";
        }

        throw new Xunit.Sdk.XunitException($"{user.User.Name} could not file '{title}'.");
    }

    /// <summary>The id of the request titled <paramref name="title"/> in a 'my requests' answer, if listed.</summary>
    private static string? ListedAs(BotReplies mine, string title)
    {
        foreach (var card in mine.Cards)
        {
            foreach (var node in Walk(card))
            {
                if (node is JsonObject container && container.Json().Contains(title, StringComparison.Ordinal)
                    && RequestId().Matches(container.Json()).Select(m => m.Value).Distinct().ToList() is [var only])
                {
                    return only;
                }
            }
        }

        return null;
    }

    private static IEnumerable<JsonNode?> Walk(JsonNode? node) => node switch
    {
        JsonObject o => [o, .. o.Select(p => p.Value).SelectMany(Walk)],
        JsonArray a => [a, .. a.SelectMany(Walk)],
        _ => [node],
    };

    /// <summary>Legal staff assign the requests of their share as triage cards arrive, each from the card's Assign button.</summary>
    private async Task TriageAsync(TeamsClient staff, int parity, CancellationToken intakeDone)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        await WorkAsync(staff, done, async id =>
        {
            if (Number(id) % 2 != parity)
            {
                return;
            }

            var professional = Number(id) % 4 < 2 ? TeamsUser.Alsp : TeamsUser.SecondAlsp;
            await PressAsync(staff, id, "Assign", Scenarios.Input(WorkflowAction.Assign, CardActions.AssigneeField, professional.AadObjectId));
        }, intakeDone);
    }

    /// <summary>An ALSP professional accepts each assignment from its card.</summary>
    private Task AcceptAsync(TeamsClient professional, CancellationToken intakeDone) =>
        WorkAsync(professional, new HashSet<string>(StringComparer.Ordinal), id => PressAsync(professional, id, "Accept", null), intakeDone);

    /// <summary>Handles each request card arriving in the user's chat, until the intake is over and nothing is left.</summary>
    private async Task WorkAsync(TeamsClient user, HashSet<string> done, Func<string, Task> handle, CancellationToken intakeDone)
    {
        var idle = Stopwatch.StartNew();
        while (true)
        {
            var arrived = channel.Posted(user.ConversationId).SelectMany(Scenarios.RequestIdsIn).Distinct().Where(done.Add).ToList();
            foreach (var id in arrived)
            {
                await handle(id);
                idle.Restart();
            }

            // Once filing is over, the last cards may still be on their way (a dead instance's, after its lease).
            if (arrived.Count == 0 && intakeDone.IsCancellationRequested && idle.Elapsed > TimeSpan.FromSeconds(45))
            {
                return;
            }

            try
            {
                await channel.WaitUntilAsync(() => false, "a channel call", TimeSpan.FromMilliseconds(300));
            }
            catch (TimeoutException)
            {
            }
        }
    }

    /// <summary>
    /// Presses the button on the request's card as it is shown; after an error, or a card that changed meanwhile, the
    /// user presses it again on the card they see now, until it no longer offers the button (the change is made).
    /// </summary>
    private async Task PressAsync(TeamsClient user, string id, string button, JsonObject? inputs)
    {
        var card = Scenarios.LatestCard(channel, user.User, id);
        for (var attempt = 1; card is not null && BotReplies.ExecuteTitles(card).Contains(button); attempt++)
        {
            Assert.True(attempt <= MaxAttempts, $"{user.User.Name} pressed {button} on {id} {MaxAttempts} times without an answer.");
            var (verb, data) = BotReplies.ExecuteAction(card, button);
            foreach (var (key, value) in inputs ?? [])
            {
                data[key] = value?.DeepClone();
            }

            var activity = TeamsActivities.Execute(user.User, channel.ServiceUrl, $"{user.User.AadObjectId[..8]}-{Guid.NewGuid():N}", verb, data);
            var (status, body) = await SendAsync(user, activity);
            var answer = status == 200 && body is not null ? new InvokeAnswer(JsonNode.Parse(body)!.AsObject()) : null;
            if (answer?.Type == "application/vnd.microsoft.card.adaptive")
            {
                // The change was made, or the card had changed since it was shown: the answer is the card as it is now.
                card = answer.Card;
                continue;
            }

            Interlocked.Increment(ref retries);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
            card = Scenarios.LatestCard(channel, user.User, id);
        }
    }

    /// <summary>
    /// One message turn; a user who gets an error (no answer, a 5xx, an apology, 'try again shortly') sends the
    /// same message again after a moment.
    /// </summary>
    private async Task<BotReplies> TurnAsync(TeamsClient user, string text)
    {
        for (var attempt = 1; ; attempt++)
        {
            var activity = user.Message(text, null);
            var (status, _) = await SendAsync(user, activity);
            var replies = new BotReplies([.. channel.Posted(user.ConversationId).Where(a => (string?)a["replyToId"] == (string?)activity["id"])]);
            if (status is >= 200 and < 300 && !replies.Texts.Any(IsError))
            {
                return replies;
            }

            Assert.True(attempt < MaxAttempts, $"{user.User.Name} sent '{text}' {MaxAttempts} times without an answer (last {status}).");
            Interlocked.Increment(ref retries);
            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>The turn's error boundary apologised, or the store could not be reached: nothing of the turn may have been kept.</summary>
    private static bool IsError(string text) =>
        text.StartsWith("Sorry, something went wrong", StringComparison.Ordinal) || text.Contains("Please try again shortly", StringComparison.Ordinal);

    /// <summary>
    /// Posts an activity through the proxy, at a person's pace: at least <see cref="Pace"/> after the user's previous
    /// one (they read the answer, then type or press). Returns the status (0: no answer at all) and body.
    /// </summary>
    private async Task<(int Status, string? Body)> SendAsync(TeamsClient user, JsonObject activity)
    {
        var previous = lastSent.GetValueOrDefault(user.User.AadObjectId);
        var wait = Pace - Stopwatch.GetElapsedTime(previous);
        if (previous != 0 && wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        lastSent[user.User.AadObjectId] = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref turns);
        try
        {
            using var response = await user.PostAsync(activity);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return (0, null);
        }
    }

    /// <summary>
    /// Kills an instance hard and notes what the channel took from it that the outbox does not record. The others
    /// keep posting meanwhile: what they posted they record within moments, while the dead instance's claims hold
    /// for the lease, so what is still unrecorded a moment after its calls are over is the dead instance's.
    /// </summary>
    private async Task KillAsync(HostProcess victim)
    {
        await victim.KillAsync();
        var killedAt = Stopwatch.GetTimestamp();
        await channel.WaitUntilAsync(() => !channel.AnsweringCallsBefore(killedAt), "the channel done with the killed instance's calls", TimeSpan.FromSeconds(60));
        IReadOnlySet<(long, string)> cards;
        await using (var connection = await OpenAsync())
        {
            cards = await OutboxRows.PostedCardsAsync(connection);
        }

        var suspects = Deliveries.TakenUnrecorded(channel, await OutboxAsync(), cards);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var outbox = (await OutboxAsync()).ToDictionary(r => r.Id);
        unrecordedAtCrash.AddRange(suspects.Where(s => outbox.TryGetValue(s.Id, out var now) && now is { Status: "pending", ActivityId: null }).Select(Deliveries.Describe));
    }

    /// <summary>Per recipient and request, the texts and the card arrived in the order the outbox has them.</summary>
    private void AssertInOrderPerRecipient(IReadOnlyList<OutboxRow> outbox)
    {
        foreach (var owed in outbox.Where(r => r.Recipient != LegalBot.Core.Stores.Notification.TriageChannel && r.Kind is "text" or "card").GroupBy(r => (r.Recipient, r.Number)))
        {
            var chat = channel.Proactive("a:personal-" + owed.Key.Recipient);
            var id = Deliveries.RequestIdOf(owed.Key.Number);
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            var arrivals = new List<(int At, string What)>();
            foreach (var row in owed.OrderBy(r => r.Id))
            {
                var at = -1;
                if (row.Kind == "card")
                {
                    at = Index(chat, a => Scenarios.RequestIdsIn(a).Contains(id), 0);
                }
                else
                {
                    var nth = seen.GetValueOrDefault(row.Text!);
                    seen[row.Text!] = nth + 1;
                    at = Index(chat, a => (string?)a["text"] == row.Text, nth);
                }

                arrivals.Add((at, Deliveries.Describe(row)));
            }

            Assert.True(
                arrivals.Zip(arrivals.Skip(1)).All(p => p.First.At < p.Second.At),
                $"Out of order: {string.Join(" then ", arrivals.Select(a => $"{a.What} (#{a.At})"))}");
        }
    }

    private static int Index(IReadOnlyList<JsonObject> chat, Func<JsonObject, bool> match, int nth)
    {
        for (var i = 0; i < chat.Count; i++)
        {
            if (match(chat[i]) && nth-- == 0)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>For each of Teams' windows, the chat that got the most accepted messages within it, and how many.</summary>
    private Dictionary<int, (string Conversation, int Peak)> PeakSends()
    {
        var sends = channel.Calls
            .Where(c => c.Accepted && c.Operation is ChannelOperation.Post or ChannelOperation.Reply or ChannelOperation.Update)
            .GroupBy(c => c.ConversationId)
            .Select(g => (Conversation: g.Key, Times: g.Select(c => c.Timestamp).Order().ToArray()))
            .ToList();
        var peaks = new Dictionary<int, (string, int)>();
        foreach (var (seconds, _) in TeamsLimits)
        {
            var window = Stopwatch.Frequency * seconds;
            var peak = ("none", 0);
            foreach (var (conversation, times) in sends)
            {
                for (int from = 0, to = 0; to < times.Length; to++)
                {
                    while (times[to] - times[from] >= window)
                    {
                        from++;
                    }

                    if (to - from + 1 > peak.Item2)
                    {
                        peak = (conversation, to - from + 1);
                    }
                }
            }

            peaks[seconds] = peak;
        }

        return peaks;
    }

    /// <summary>The accepted calls to a chat in its busiest window of <paramref name="seconds"/>: what, and when (ms into the window).</summary>
    private string DescribeWindow(string conversation, int seconds)
    {
        var calls = channel.Calls
            .Where(c => c.ConversationId == conversation && c.Accepted && c.Operation is ChannelOperation.Post or ChannelOperation.Reply or ChannelOperation.Update)
            .OrderBy(c => c.Timestamp)
            .ToList();
        var window = Stopwatch.Frequency * seconds;
        var best = (From: 0, Count: 0);
        for (int from = 0, to = 0; to < calls.Count; to++)
        {
            while (calls[to].Timestamp - calls[from].Timestamp >= window)
            {
                from++;
            }

            if (to - from + 1 > best.Count)
            {
                best = (from, to - from + 1);
            }
        }

        var start = calls[best.From].Timestamp;
        return string.Join(", ", calls.Skip(best.From).Take(best.Count).Select(c =>
            $"{c.Operation} +{(c.Timestamp - start) * 1000 / Stopwatch.Frequency} ms"));
    }

    private string NameOf(string conversation) =>
        requesters.Concat([TeamsUser.LegalStaff, TeamsUser.SecondLegalStaff, TeamsUser.Alsp, TeamsUser.SecondAlsp])
            .FirstOrDefault(u => u.PersonalConversationId == conversation)?.Name ?? conversation;

    private static TeamsUser AssigneeOf(RequestRow request) =>
        request.AssignedTo == TeamsUser.Alsp.AadObjectId ? TeamsUser.Alsp : TeamsUser.SecondAlsp;

    private static long Number(string id) => long.Parse(id.AsSpan(3), CultureInfo.InvariantCulture);

    /// <summary>Waits until the surviving instances have handled every notification, the dead one's included.</summary>
    private async Task WaitOutboxSettledAsync()
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var open = (await OutboxAsync()).Count(r => r.Status is "pending" or "staged");
            if (open == 0)
            {
                return;
            }

            Assert.True(watch.Elapsed < TimeSpan.FromMinutes(3), $"The outbox still has {open} pending or staged rows.");
            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }

    private async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        return connection;
    }

    private async Task<IReadOnlyList<OutboxRow>> OutboxAsync()
    {
        await using var connection = await OpenAsync();
        return await OutboxRows.ReadAsync(connection);
    }

    private async Task<IReadOnlyList<RequestRow>> RequestsAsync()
    {
        await using var connection = await OpenAsync();
        return await SqliteRequests.ReadAsync(connection);
    }

    private async Task<Dictionary<long, string>> RequesterOfAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = new NpgsqlCommand("SELECT number, requester_aad_id FROM requests", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var requesterOf = new Dictionary<long, string>();
        while (await reader.ReadAsync())
        {
            requesterOf[reader.GetInt64(0)] = reader.GetString(1);
        }

        return requesterOf;
    }

    /// <summary>The confirmation of a filing: "filed as **LR-1001**", or "already filed as" when it was sent again.</summary>
    [GeneratedRegex(@"filed as \*\*(LR-\d+)\*\*")]
    private static partial Regex Filed();

    [GeneratedRegex(@"LR-\d+")]
    private static partial Regex RequestId();

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        if (proxy is not null)
        {
            await proxy.DisposeAsync();
        }

        if (channel is not null)
        {
            Assert.Empty(channel.Unexpected);
            await channel.DisposeAsync();
        }

        if (server is not null)
        {
            await server.DisposeAsync();
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still closing on a slow disk; the temp folder is cleaned by the OS.
        }
    }

    public void Dispose() => http?.Dispose();
}
