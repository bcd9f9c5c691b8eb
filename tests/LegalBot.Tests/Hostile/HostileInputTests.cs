using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LegalBot.Application;
using LegalBot.Core.Requests;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace LegalBot.Tests.Hostile;

/// <summary>
/// Hostile input against the real host. The quick run (part of every test run) tries a fixed, seeded set;
/// the long run tries as many as fit in LEGALBOT_FUZZ_SECONDS seconds, e.g.
/// <c>LEGALBOT_FUZZ_SECONDS=600 dotnet test tests/LegalBot.Tests --filter FullyQualifiedName~Hostile</c>.
/// After every input: no 5xx, no dropped connection, and every invoke answered (never 501, a body for card
/// actions); at the end: no Error or exception in the log, no raw control or format character in it, no
/// apology, nothing changed that the senders could not change, nothing shown to another person renders as a
/// link they did not write, and the bot still answers.
/// </summary>
public sealed partial class HostileInputTests(ITestOutputHelper output) : HostTestBase
{
    private const int QuickCases = 1500;
    private const string HostileTitle = "[click me](https://evil.example) <b>bold</b> **loud**";

    [Fact]
    public async Task HostileInputs_NeverBreakTheBot_OrChangeWhatTheSenderMayNotChange()
    {
        var staff = As(TeamsUser.LegalStaff);
        await staff.SayAsync("hi");
        var victimId = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), HostileTitle);
        await Scenarios.CardAboutAsync(Channel, TeamsUser.LegalStaff, victimId);
        var victim = Number(victimId);

        var seconds = int.TryParse(Environment.GetEnvironmentVariable("LEGALBOT_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : 0;
        var seed = int.TryParse(Environment.GetEnvironmentVariable("LEGALBOT_FUZZ_SEED"), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var given) ? given : 20261126;
        var inputs = new HostileInputs(new Random(seed), user => As(user), victimId);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var tried = 0;
        var invokes = 0;
        var dropped = new List<string>();
        var byKind = new Dictionary<string, int>();
        var statuses = new Dictionary<int, int>();
        while (tried < QuickCases || clock.Elapsed.TotalSeconds < seconds)
        {
            var input = inputs.Next();
            var what = $"case {tried} ({input.Kind}{(input.Detail is null ? "" : ": " + input.Detail)}, seed {seed})";
            using var content = new ByteArrayContent(input.Body);
            content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(input.ContentType);
            tried++;
            byKind[input.Kind] = byKind.GetValueOrDefault(input.Kind) + 1;
            HttpResponseMessage response;
            try
            {
                response = await Http.PostAsync("/api/messages", content);
            }
            catch (HttpRequestException ex)
            {
                dropped.Add($"{what}: {ex.Message}");
                continue;
            }

            using (response)
            {
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                Assert.True(status < 500, $"{what} answered {status}: {body}");
                if (input.InvokeName is { } invoke)
                {
                    // An invoke is owed an invoke response: never the framework's 501, and a body wherever there is an answer to give.
                    invokes++;
                    Assert.True(status != 501, $"{what}: invoke answered 501");
                    Assert.True(status is not (>= 400 and < 500) || body.Length > 0, $"{what}: invoke refused with {status} and no body");
                    if (invoke == "adaptiveCard/action" && status == 200)
                    {
                        var answer = JsonNode.Parse(body)!.AsObject();
                        Assert.True(answer["statusCode"] is not null && answer["type"] is not null, $"{what}: card action answered without an invoke response body: {body}");
                    }
                }
            }
        }

        // Invariants.
        Assert.True(dropped.Count == 0, "dropped connections: " + string.Join(" | ", dropped.Take(5)));
        var errors = Logs.Entries.Where(e => e.Level >= LogLevel.Error || e.Exception is not null).ToList();
        Assert.True(errors.Count == 0, "error-level or exception log lines: " + string.Join(" | ", errors.Take(5).Select(e => $"{e.Level} {e.Category} {e.EventId.Id}: {e.Message} {e.Exception}")));
        var unescaped = Logs.Entries.Where(e => e.Message.Any(IsInvisible)).ToList();
        Assert.True(unescaped.Count == 0, "log lines with raw control or format characters: " + string.Join(" | ", unescaped.Take(3).Select(e => e.EventId.Id + " " + LogSafe.Id(e.Message))));
        var redirected = Channel.TakeUnexpected();
        Assert.All(redirected, call => Assert.Contains("/" + StructuralMutations.Elsewhere + "/v3/", call, StringComparison.Ordinal));
        foreach (var attacker in new[] { TeamsUser.OtherRequester, TeamsUser.SecondAlsp, TeamsUser.Alsp })
        {
            Assert.DoesNotContain(Scenarios.TextsTo(Channel, attacker), t => t.StartsWith("Sorry, something went wrong", StringComparison.Ordinal));
        }

        var after = (await Store.GetAsync(victim))!;
        Assert.Equal(RequestState.Submitted, after.State);
        Assert.Equal(1, after.Version);
        Assert.Single(await Store.GetHistoryAsync(victim));
        foreach (var user in new[] { TeamsUser.OtherRequester, TeamsUser.SecondAlsp })
        {
            Assert.Empty((await Store.ListByRequesterAsync(user.AadObjectId, null, 1)).Items);
        }

        var shownToOthers = Channel.Posted(TeamsUser.LegalStaff.PersonalConversationId).Concat(Channel.Updates.Select(u => u.Activity)).ToList();
        foreach (var activity in shownToOthers)
        {
            // Cards render a Markdown subset and no HTML in TextBlocks and facts (RichTextBlock runs are plain);
            // chat messages may render both unless sent as plain text.
            foreach (var text in MarkdownTexts(activity))
            {
                Assert.False(UnescapedLink().IsMatch(text), "renders as a link: " + text);
                Assert.DoesNotContain("<b>", text, StringComparison.OrdinalIgnoreCase);
            }

            // Nothing in a card opens an address: no link action, no clickable element, no image from elsewhere.
            foreach (var card in new BotReplies([activity]).Cards)
            {
                Assert.DoesNotContain(Walk(card), n => n is JsonObject o && (o.ContainsKey("url") || (string?)o["type"] == "Action.OpenUrl" || o.ContainsKey("selectAction")));
            }
        }

        foreach (var user in new[] { TeamsUser.Requester, TeamsUser.OtherRequester, TeamsUser.SecondAlsp, TeamsUser.LegalStaff })
        {
            Assert.NotEmpty((await As(user).SayAsync("help")).Cards);
        }

        var summary = $"hostile inputs: {tried} tried in {clock.Elapsed.TotalSeconds:F0} s (seed {seed}); by kind: {string.Join(", ", byKind.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"))}; " +
            $"statuses: {string.Join(", ", statuses.OrderBy(k => k.Key).Select(k => $"{k.Key}×{k.Value}"))}; {invokes} invokes, all answered (none 501); {redirected.Count} replies refused by a redirected serviceUrl; " +
            $"invariants held: 0 5xx, 0 dropped connections, 0 error-level or exception log lines, 0 apologies, ids escaped in the log, victim unchanged, no forged requests, no foreign links, bot answers";
        output.WriteLine(summary);
        Console.WriteLine(summary);
    }

    [Fact]
    public async Task ReplayedActivity_IsHarmless()
    {
        var user = As(TeamsUser.Requester);
        var activity = user.Message("new request", null);

        var first = await user.SendAsync(activity);
        var second = await user.SendAsync((JsonObject)activity.DeepClone());

        Assert.NotEmpty(first.Cards);
        Assert.NotEmpty(second.Cards);
        Assert.Empty((await Store.ListByRequesterAsync(TeamsUser.Requester.AadObjectId, null, 1)).Items);
    }

    [Fact]
    public async Task WrongMethod_AndHugeHeaders_Get4xx()
    {
        using var get = await Http.GetAsync("/api/messages");
        Assert.True((int)get.StatusCode is >= 400 and < 500);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 40_000));
        using var response = await Http.SendAsync(request);
        Assert.True((int)response.StatusCode is >= 400 and < 500, response.StatusCode.ToString());
        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    private static bool IsInvisible(char c) =>
        char.GetUnicodeCategory(c) is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static RequestNumber Number(string id) => RequestNumber.TryParse(id, out var n) ? n.Value : throw new ArgumentException(id);

    /// <summary>
    /// Every text a person reads in an activity that the client processes as Markdown: its text unless sent as
    /// plain text (Teams' default is Markdown), and its cards' TextBlocks and fact values.
    /// </summary>
    private static IEnumerable<string> MarkdownTexts(JsonObject activity)
    {
        if ((string?)activity["text"] is { } text && (string?)activity["textFormat"] != "plain")
        {
            yield return text;
        }

        foreach (var card in new BotReplies([activity]).Cards)
        {
            foreach (var node in Walk(card))
            {
                if (node is JsonObject o && ((string?)o["type"] == "TextBlock" || o.ContainsKey("title") && o.ContainsKey("value") && o.Count == 2))
                {
                    if ((string?)o["text"] is { } t)
                    {
                        yield return t;
                    }

                    if (o["value"] is JsonValue v && v.TryGetValue<string>(out var fact))
                    {
                        yield return fact;
                    }
                }
            }
        }
    }

    private static IEnumerable<JsonNode?> Walk(JsonNode? node)
    {
        yield return node;
        if (node is JsonObject o)
        {
            foreach (var child in o.Select(kv => kv.Value).SelectMany(Walk))
            {
                yield return child;
            }
        }
        else if (node is JsonArray a)
        {
            foreach (var child in a.SelectMany(Walk))
            {
                yield return child;
            }
        }
    }

    /// <summary>A Markdown link whose brackets are not escaped.</summary>
    [GeneratedRegex(@"(?<!\\)\[[^\]\n]*(?<!\\)\]\(")]
    private static partial Regex UnescapedLink();
}
