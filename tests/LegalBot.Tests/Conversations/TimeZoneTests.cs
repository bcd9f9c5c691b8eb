using System.Globalization;
using System.Text.Json.Nodes;
using LegalBot.Cards;
using LegalBot.Core.Requests;
using LegalBot.Core.Workflow;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace LegalBot.Tests.Conversations;

/// <summary>
/// Over real HTTP: a user whose Teams client reports its time zone sees every time in it, named, also on
/// cards the bot updates later and after a restart; others see the default zone. (Daylight saving changes
/// are covered by the card tests, on fixed instants either side of one.)
/// </summary>
public sealed class TimeZoneTests : HostTestBase
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary>A message as Teams sends it from a client in Berlin: localTimezone and the clientInfo entity.</summary>
    private static JsonObject FromBerlin(TeamsClient client, string text)
    {
        var activity = client.Message(text, null);
        activity["localTimezone"] = "Europe/Berlin";
        activity["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["locale"] = "de-DE", ["country"] = "DE", ["platform"] = "Web", ["timezone"] = "Europe/Berlin" });
        return activity;
    }

    /// <summary>The history card the bot answers "history LR-…" with, one line per text.</summary>
    internal static async Task<string> HistoryAsync(TeamsClient client, string id) =>
        string.Join("\n", BotReplies.TextLines((await client.SayAsync($"history {id}")).Card));

    private static string Shown(DateTimeOffset at, TimeZoneInfo zone, string name) =>
        TimeZoneInfo.ConvertTime(at, zone).ToString("d MMM yyyy, HH:mm", CultureInfo.InvariantCulture) + " " + name;

    [Fact]
    public async Task TimesAreShownInTheViewersZone_NamingIt_OnCardsHistoryAndAfterARestart()
    {
        var requester = As(TeamsUser.Requester);
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        await requester.SendAsync(FromBerlin(requester, "hi"));
        var id = await Scenarios.FileNdaAsync(requester);
        var triage = await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, id);
        await staff.ExecuteAsync(triage, "Keep in-house");
        var number = RequestNumber.TryParse(id, out var n) ? n.Value : default;
        var lines = await Store.GetHistoryAsync(number);
        var filed = lines[0].At;
        var kept = lines[^1].At;

        // The requester's card, updated in place by the background dispatcher, is in their zone.
        await Channel.WaitUntilAsync(
            () => Scenarios.LatestCard(Channel, TeamsUser.Requester, id)?.Json() is { } json && json.Contains("Kept in-house", StringComparison.Ordinal) && json.Contains(Shown(kept, Berlin, "Europe/Berlin"), StringComparison.Ordinal),
            "the requester's card shows the change in Berlin time");

        var history = await HistoryAsync(requester, id);
        Assert.Contains($"{Shown(filed, Berlin, "Europe/Berlin")} · Business Requester · Filed", history, StringComparison.Ordinal);
        Assert.Contains($"{Shown(kept, Berlin, "Europe/Berlin")} · Legal Counsel · Kept in-house", history, StringComparison.Ordinal);

        // Legal staff's client reported no zone: they see the configured default.
        var staffHistory = await HistoryAsync(staff, id);
        Assert.Contains($"{Shown(filed, TimeZoneInfo.Utc, "UTC")} · Business Requester · Filed", staffHistory, StringComparison.Ordinal);

        // The zone was saved: after a restart, a message without it still gets Berlin time.
        await StopHostsAsync();
        var restarted = As(TeamsUser.Requester, StartHost());
        var again = await HistoryAsync(restarted, id);
        Assert.Contains($"{Shown(kept, Berlin, "Europe/Berlin")} · Legal Counsel · Kept in-house", again, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HostileTimeZone_IsIgnored_AndTheDefaultIsShown()
    {
        var requester = As(TeamsUser.Requester);
        var hello = requester.Message("hi", null);
        hello["localTimezone"] = "../../../etc/passwd";
        hello["entities"] = new JsonArray(new JsonObject { ["type"] = "clientInfo", ["timezone"] = "<script>x</script>" });
        await requester.SendAsync(hello);
        var id = await Scenarios.FileNdaAsync(requester);
        var filed = (await Store.GetHistoryAsync(RequestNumber.TryParse(id, out var n) ? n.Value : default))[0].At;

        var history = await HistoryAsync(requester, id);

        Assert.Contains($"{Shown(filed, TimeZoneInfo.Utc, "UTC")} · Business Requester · Filed", history, StringComparison.Ordinal);
    }
}

/// <summary>Over real HTTP on a fake clock: the same person's times before and after a daylight saving change.</summary>
public sealed class TimeZoneDaylightSavingTests : HostTestBase
{
    // Europe/Berlin leaves summer time (UTC+2) for winter time (UTC+1) at 01:00 UTC on 25 Oct 2026.
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 10, 24, 22, 30, 0, TimeSpan.Zero));

    protected override TimeProvider HostClock => clock;

    [Fact]
    public async Task History_ShowsEachTimeWithTheOffsetItHadInTheViewersZone()
    {
        var requester = As(TeamsUser.Requester);
        var hello = requester.Message("hi", null);
        hello["localTimezone"] = "Europe/Berlin";
        await requester.SendAsync(hello);
        var id = await Scenarios.FileNdaAsync(requester);

        clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(10) + TimeSpan.FromMinutes(35));
        var card = (await requester.SayAsync($"status {id}")).Card;
        var cancelled = await requester.ExecuteAsync(card, "Cancel request", new JsonObject { [CardActions.InputId(WorkflowAction.Cancel, CardActions.NoteField)] = "Not needed any more." });
        Assert.Contains("Cancelled", cancelled.Card.Json(), StringComparison.Ordinal);

        var history = await TimeZoneTests.HistoryAsync(requester, id);
        Assert.Contains("25 Oct 2026, 00:30 Europe/Berlin · Business Requester · Filed", history, StringComparison.Ordinal);
        Assert.Contains("26 Oct 2026, 10:05 Europe/Berlin · Business Requester · Cancelled", history, StringComparison.Ordinal);
        Assert.Contains("26 Oct 2026, 10:05 Europe/Berlin", cancelled.Card.Json(), StringComparison.Ordinal);
    }
}
