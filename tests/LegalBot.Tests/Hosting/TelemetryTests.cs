using System.Net;
using System.Text;
using LegalBot.Cards;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace LegalBot.Tests.Hosting;

/// <summary>
/// What an operator sees with telemetry on: the Prometheus scrape and the traces, over real HTTP through the real host.
/// Spans carry ids and request numbers, never what people wrote.
/// </summary>
public sealed class TelemetryTests : HostTestBase
{
    private const string Secret = "Project Nightingale merger NDA";

    private readonly Exported exported = new();

    // Reminders are on here (the test settings turn them off elsewhere) so this host's poller reports its lag.
    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true", ["Reminders:Enabled"] = "true" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(exported));

    private async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    // Meters are named process-wide and other hosts run in this process at the same time, so a count is at least
    // what this test caused, not exactly it.
    [Fact]
    public async Task Metrics_CountTurnsByTypeAndStatus_RefusalsAndTheOutbox()
    {
        await As(TeamsUser.Requester).SayAsync("help");
        using (var refused = await Http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("{\"type\": 5}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await As(TeamsUser.Requester).InvokeAsync(CardActions.AssignVerb, new System.Text.Json.Nodes.JsonObject { [CardActions.NumberKey] = id, [CardActions.VersionKey] = "1" });
        await Channel.WaitUntilAsync(() => Channel.Proactive(TeamsUser.LegalStaff.PersonalConversationId).Count > 0, "the triage notification");

        string metrics = "";
        await Channel.WaitUntilAsync(
            () =>
            {
                metrics = ScrapeAsync().GetAwaiter().GetResult();
                return metrics.Contains("legalbot_notifications_delivered_total", StringComparison.Ordinal)
                    && metrics.Contains("legalbot_reminders_lag_seconds", StringComparison.Ordinal);
            },
            "the delivery counted");

        Assert.Matches("legalbot_turns_total\\{[^}]*activity_type=\"message\"[^}]*http_response_status_code=\"200\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("legalbot_refusals_total\\{[^}]*http_response_status_code=\"400\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("legalbot_turn_duration_milliseconds_bucket\\{", metrics);
        Assert.Contains("legalbot_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Matches("legalbot_workflow_refusals_total\\{[^}]*refusal_reason=\"NotYourAction\"[^}]*workflow_action=\"Assign\"[^}]*\\} [1-9]", metrics);
        Assert.Contains("legalbot_outbox_oldest_age_seconds", metrics, StringComparison.Ordinal);

        // The reminder poller made its pass at start: the time since it, and what passes queued.
        Assert.Matches("legalbot_reminders_lag_seconds(\\{[^}]*\\})? [0-9]", metrics);
        Assert.Matches("legalbot_reminders_queued_total(\\{[^}]*\\})? [0-9]", metrics);
    }

    [Fact]
    public async Task Traces_ATurnAndItsStoreCalls_NameTheRequestNumber_AndNeverTheText()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Secret);
        var status = await As(TeamsUser.Requester).SayAsync("status " + id);
        var activityId = (string)status.Activities[0]["replyToId"]!;

        // Other hosts run in this process at the same time: this test's turn is found by its activity id.
        var spans = exported.Snapshot();
        var turn = Assert.Single(spans, s => s.OperationName == "turn" && (string?)s.GetTagItem("activity.id") == activityId);
        Assert.Equal("message", turn.GetTagItem("activity.type"));
        Assert.Equal(200, turn.GetTagItem("http.response.status_code"));
        Assert.Contains(spans, s => s.OperationName == "store.get" && s.ParentSpanId == turn.SpanId && (string?)s.GetTagItem("legalbot.request.number") == id);
        Assert.Contains(spans, s => s.OperationName == "store.create" && (string?)s.GetTagItem("legalbot.request.number") == id);
        Assert.All(spans, s => Assert.All(s.TagObjects, tag => Assert.DoesNotContain("Nightingale", tag.Value?.ToString() ?? "", StringComparison.Ordinal)));
    }

    /// <summary>The spans exported so far; the exporter adds from other threads while the test reads.</summary>
    private sealed class Exported : ICollection<System.Diagnostics.Activity>
    {
        private readonly List<System.Diagnostics.Activity> items = [];
        private readonly Lock gate = new();

        public int Count
        {
            get
            {
                lock (gate)
                {
                    return items.Count;
                }
            }
        }

        public bool IsReadOnly => false;

        public List<System.Diagnostics.Activity> Snapshot()
        {
            lock (gate)
            {
                return [.. items];
            }
        }

        public void Add(System.Diagnostics.Activity item)
        {
            lock (gate)
            {
                items.Add(item);
            }
        }

        public void Clear()
        {
            lock (gate)
            {
                items.Clear();
            }
        }

        public bool Contains(System.Diagnostics.Activity item) => Snapshot().Contains(item);

        public void CopyTo(System.Diagnostics.Activity[] array, int arrayIndex) => Snapshot().CopyTo(array, arrayIndex);

        public bool Remove(System.Diagnostics.Activity item)
        {
            lock (gate)
            {
                return items.Remove(item);
            }
        }

        public IEnumerator<System.Diagnostics.Activity> GetEnumerator() => Snapshot().GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
