using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using LegalBot.Testing;

namespace LegalBot.Bench;

/// <summary>Shared by the workloads: a turn that posts an activity and checks the replies the channel received.</summary>
internal abstract class MessageWorkload(HttpClient http, FakeChannel channel) : Workload
{
    protected FakeChannel Channel => channel;

    protected BenchClient User(string aadObjectId, string name)
    {
        var user = new BenchClient(http, channel.ServiceUrl, BenchPeople.User(aadObjectId, name));
        channel.Watch(user.ConversationId);
        return user;
    }

    /// <summary>Sends, then checks what the bot posted to the user's conversation during the turn.</summary>
    protected async Task<string?> ExchangeAsync(BenchClient user, Task<HttpResponseMessage> send, Func<IReadOnlyList<byte[]>, string?> check)
    {
        using var response = await send;
        if (!response.IsSuccessStatusCode)
        {
            channel.Take(user.ConversationId);
            return "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        return check(channel.Take(user.ConversationId));
    }

    protected static string? Expect(IReadOnlyList<byte[]> replies, string text, string what) =>
        Replies.Contains(replies, text) ? null : "no " + what + " in the reply";
}

/// <summary>
/// The bare Bot Builder bot under the same load as <see cref="StatusWorkload"/>: the same message, answered
/// with one text and one small card.
/// </summary>
internal sealed class BaselineWorkload(HttpClient http, FakeChannel channel, string name) : MessageWorkload(http, channel)
{
    public override string Name => name;

    public override async Task RunUserAsync(int user, Lane lane, CancellationToken stop)
    {
        var teams = User(BenchPeople.Requester(user), "Bench Requester");
        var number = 1001 + user;
        while (!stop.IsCancellationRequested)
        {
            await lane.TurnAsync(() => ExchangeAsync(
                teams,
                teams.SayAsync("status LR-" + number.ToString(CultureInfo.InvariantCulture), CancellationToken.None),
                replies => replies.Count == 2 ? Expect(replies, "AdaptiveCard", "card") : "expected a text and a card"));
        }
    }
}

/// <summary><c>status LR-n</c> from requesters about their own requests: the request's card comes back.</summary>
internal sealed class StatusWorkload(HttpClient http, FakeChannel channel, IReadOnlyList<IReadOnlyList<long>> numbersByUser, string name = "status") : MessageWorkload(http, channel)
{
    public override string Name => name;

    public override async Task RunUserAsync(int user, Lane lane, CancellationToken stop)
    {
        var teams = User(BenchPeople.Requester(user), "Bench Requester " + user.ToString(CultureInfo.InvariantCulture));
        var numbers = numbersByUser[user];
        var random = new Random(user);
        while (!stop.IsCancellationRequested)
        {
            var id = "LR-" + numbers[random.Next(numbers.Count)].ToString(CultureInfo.InvariantCulture);
            await lane.TurnAsync(() => ExchangeAsync(
                teams,
                teams.SayAsync("status " + id, CancellationToken.None),
                replies => Expect(replies, "application/vnd.microsoft.card.adaptive", "card") ?? Expect(replies, id, "request id")));
        }
    }
}

/// <summary>
/// A full intake by card, as a user clicks through it: <c>new request</c>, pick NDA on the type picker,
/// submit the form, confirm the summary; the unit is a request filed (its id confirmed).
/// </summary>
internal sealed class IntakeWorkload(HttpClient http, FakeChannel channel, string name = "intake") : MessageWorkload(http, channel)
{
    public override string Name => name;

    public override string UnitName => "requests filed";

    public override async Task RunUserAsync(int user, Lane lane, CancellationToken stop)
    {
        var teams = User(BenchPeople.Filer(user), "Bench Filer " + user.ToString(CultureInfo.InvariantCulture));
        string? draftId = null;
        while (!stop.IsCancellationRequested)
        {
            var ok = await lane.TurnAsync(() => ExchangeAsync(teams, teams.SayAsync("new request", CancellationToken.None), r => Expect(r, "intake.type", "type picker")))
                && await lane.TurnAsync(() => ExchangeAsync(
                    teams,
                    teams.SubmitAsync([new("action", "intake.type"), new("type", "nda")], CancellationToken.None),
                    r => (draftId = Replies.Find(r, "draftId")) is null ? "no form in the reply" : null))
                && await lane.TurnAsync(() => ExchangeAsync(
                    teams,
                    teams.SubmitAsync(
                        [
                            new("action", "intake.submit"), new("draftId", draftId!), new("title", "Distribution NDA " + user.ToString(CultureInfo.InvariantCulture)),
                            new("description", "Mutual NDA before we share pricing and the product roadmap with the distributor."),
                            new("businessUnit", "Sales"), new("counterparty", "Northwind Traders"), new("priority", "Normal"),
                            new("dueDate", ""), new("direction", "Mutual"), new("theirPaper", "false"),
                        ],
                        CancellationToken.None),
                    r => Expect(r, "intake.confirm", "summary")))
                && await lane.TurnAsync(() => ExchangeAsync(
                    teams,
                    teams.SubmitAsync([new("action", "intake.confirm"), new("draftId", draftId!)], CancellationToken.None),
                    r => Expect(r, "is filed as", "confirmed id")));
            if (ok)
            {
                lane.Unit();
            }
        }
    }
}

/// <summary>
/// Triage with Universal Actions: a legal staff member assigns a submitted request to an ALSP professional
/// (Action.Execute), the professional accepts it (Action.Execute), and the requester is notified by the
/// outbox dispatcher. The unit is a request assigned and accepted; notification delivery is reported
/// beside it (the dispatcher paces itself to Teams' per-app rate limit).
/// </summary>
internal sealed partial class TriageWorkload : Workload
{
    private readonly HttpClient http;
    private readonly FakeChannel channel;
    private readonly IReadOnlyList<long> submitted;
    private readonly int users;
    private readonly string name;
    private readonly ConcurrentDictionary<long, long> acceptedAt = new();
    private readonly ConcurrentBag<(long At, double LagMs)> notified = [];

    public TriageWorkload(HttpClient http, FakeChannel channel, IReadOnlyList<long> submitted, int users, string name = "triage")
    {
        this.name = name;
        this.http = http;
        this.channel = channel;
        this.submitted = submitted;
        this.users = users;
        channel.Notified = OnNotified;
    }

    public override string Name => name;

    public override string UnitName => "requests triaged";

    public override async Task RunUserAsync(int user, Lane lane, CancellationToken stop)
    {
        var alspIndex = user % BenchPeople.AlspCount;
        var staff = new BenchClient(http, channel.ServiceUrl, BenchPeople.User(BenchPeople.Staff(user), "Legal Staff " + user.ToString(CultureInfo.InvariantCulture)));
        var alsp = new BenchClient(http, channel.ServiceUrl, BenchPeople.User(BenchPeople.Alsp(alspIndex), BenchPeople.AlspName(alspIndex)));
        for (var i = user; i < submitted.Count && !stop.IsCancellationRequested; i += users)
        {
            var id = "LR-" + submitted[i].ToString(CultureInfo.InvariantCulture);
            var ok = await lane.TurnAsync(() => InvokeAsync(
                    staff,
                    "request.assign",
                    [new("number", id), new("version", "1"), new("request.assign.assignee", alsp.AadObjectId)],
                    "is assigned to"))
                && await lane.TurnAsync(() => InvokeAsync(alsp, "request.accept", [new("number", id), new("version", "2")], "You accepted"));
            if (ok)
            {
                acceptedAt[submitted[i]] = Stopwatch.GetTimestamp();
                lane.Unit();
            }
        }
    }

    public override IReadOnlyDictionary<string, double> Extra(Window window)
    {
        var lags = notified.Where(n => window.IsOpen(n.At)).Select(n => n.LagMs).Order().ToArray();
        return new Dictionary<string, double>
        {
            ["requesters_notified_per_second"] = lags.Length / window.Length.TotalSeconds,
            ["notification_lag_p50_ms"] = lags.Length == 0 ? 0 : lags[lags.Length / 2],
            ["notification_lag_max_ms"] = lags.Length == 0 ? 0 : lags[^1],
        };
    }

    private static async Task<string?> InvokeAsync(BenchClient user, string verb, KeyValuePair<string, string>[] data, string expected)
    {
        using var response = await user.ExecuteAsync(verb, data, CancellationToken.None);
        if (!response.IsSuccessStatusCode)
        {
            return "HTTP " + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
        }

        var body = await response.Content.ReadAsByteArrayAsync();
        return Replies.Contains([body], expected) ? null : verb + " did not answer with the expected card";
    }

    /// <summary>The requester hears that the request is in progress once the professional accepted it.</summary>
    private void OnNotified(string conversationId, byte[] body)
    {
        if (!conversationId.StartsWith(BenchPeople.PersonalConversation(BenchPeople.Requester(0))[..13], StringComparison.Ordinal))
        {
            return;
        }

        var match = InProgress().Match(Encoding.UTF8.GetString(body));
        if (match.Success && long.TryParse(match.Groups[1].ValueSpan, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && acceptedAt.TryGetValue(number, out var accepted))
        {
            var now = Stopwatch.GetTimestamp();
            notified.Add((now, Stopwatch.GetElapsedTime(accepted, now).TotalMilliseconds));
        }
    }

    [GeneratedRegex(@"LR-(\d+) is now in progress", RegexOptions.IgnoreCase)]
    private static partial Regex InProgress();
}
