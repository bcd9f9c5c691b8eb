using System.Net;
using System.Text;
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

    private readonly List<System.Diagnostics.Activity> spans = [];

    protected override IDictionary<string, string?>? Settings => new Dictionary<string, string?> { ["Telemetry:Prometheus"] = "true" };

    protected override void ConfigureServices(IServiceCollection services) =>
        services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans));

    private async Task<string> ScrapeAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task Metrics_CountTurnsByTypeAndStatus_RefusalsAndTheOutbox()
    {
        await As(TeamsUser.Requester).SayAsync("help");
        using (var refused = await Http.PostAsync(new Uri("/api/messages", UriKind.Relative), new StringContent("{\"type\": 5}", Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }

        await Scenarios.FileNdaAsync(As(TeamsUser.Requester));
        await Channel.WaitUntilAsync(() => Channel.Proactive(TeamsUser.LegalStaff.PersonalConversationId).Count > 0, "the triage notification");

        string metrics = "";
        await Channel.WaitUntilAsync(
            () =>
            {
                metrics = ScrapeAsync().GetAwaiter().GetResult();
                return metrics.Contains("legalbot_notifications_delivered_total", StringComparison.Ordinal);
            },
            "the delivery counted");

        Assert.Matches("legalbot_turns_total\\{[^}]*activity_type=\"message\"[^}]*http_response_status_code=\"200\"[^}]*\\} [1-9]", metrics);
        Assert.Matches("legalbot_refusals_total\\{[^}]*http_response_status_code=\"400\"[^}]*\\} 1", metrics);
        Assert.Matches("legalbot_turn_duration_milliseconds_bucket\\{", metrics);
        Assert.Contains("legalbot_outbox_depth", metrics, StringComparison.Ordinal);
        Assert.Contains("legalbot_outbox_oldest_age_seconds", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Traces_ATurnAndItsStoreCalls_NameTheRequestNumber_AndNeverTheText()
    {
        var id = await Scenarios.FileNdaAsync(As(TeamsUser.Requester), Secret);
        await As(TeamsUser.Requester).SayAsync("status " + id);

        var turns = spans.Where(s => s.OperationName == "turn").ToList();
        Assert.NotEmpty(turns);
        Assert.All(turns, t => Assert.Equal("message", t.GetTagItem("activity.type")));
        var create = Assert.Single(spans, s => s.OperationName == "store.create");
        Assert.Equal(id, create.GetTagItem("legalbot.request.number"));
        Assert.Contains(spans, s => s.OperationName == "store.get" && (string?)s.GetTagItem("legalbot.request.number") == id && turns.Any(t => t.SpanId == s.ParentSpanId));
        Assert.All(spans, s => Assert.All(s.TagObjects, tag => Assert.DoesNotContain("Nightingale", tag.Value?.ToString() ?? "", StringComparison.Ordinal)));
    }
}
