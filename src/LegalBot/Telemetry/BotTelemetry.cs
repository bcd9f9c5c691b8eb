using System.Diagnostics;
using System.Diagnostics.Metrics;
using LegalBot.Core.Stores;

namespace LegalBot.Telemetry;

/// <summary>
/// The bot's own traces and metrics (source and meter "LegalBot"). Spans and tags carry ids, request numbers,
/// activity types and statuses, never what people wrote.
/// </summary>
public sealed class BotTelemetry
{
    public const string Name = "LegalBot";

    public const string RequestNumberTag = "legalbot.request.number";

    public static readonly ActivitySource Source = new(Name);

    private readonly Counter<long> turns;
    private readonly Histogram<double> turnDuration;
    private readonly Counter<long> refusals;
    private readonly Counter<long> delivered;
    private readonly Counter<long> retried;
    private readonly Counter<long> throttled;
    private readonly Counter<long> givenUp;
    private readonly Counter<long> remindersQueued;
    private readonly TimeProvider time;
    private OutboxDepth depth = new(0, null);
    private DateTimeOffset? lastReminderPass;

    public BotTelemetry(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.time = time;
        var meter = meters.Create(Name);
        turns = meter.CreateCounter<long>("legalbot.turns", "{turn}", "Activities received at /api/messages, by type and HTTP status answered.");
        turnDuration = meter.CreateHistogram<double>("legalbot.turn.duration", "ms", "Time from receiving an activity to answering it.");
        refusals = meter.CreateCounter<long>("legalbot.refusals", "{activity}", "Activities refused (4xx), by HTTP status.");
        delivered = meter.CreateCounter<long>("legalbot.notifications.delivered", "{notification}", "Notifications delivered, by kind.");
        retried = meter.CreateCounter<long>("legalbot.notifications.retried", "{notification}", "Deliveries that failed and will be retried.");
        throttled = meter.CreateCounter<long>("legalbot.channel.throttled", "{call}", "Calls the Teams channel answered 429.");
        givenUp = meter.CreateCounter<long>("legalbot.notifications.given_up", "{notification}", "Notifications given up on, by kind.");
        meter.CreateObservableGauge("legalbot.outbox.depth", () => depth.Pending, "{notification}", "Notifications released and not yet delivered or given up on.");
        meter.CreateObservableGauge(
            "legalbot.outbox.oldest_age",
            () => depth.OldestSince is { } since ? Math.Max(0, (this.time.GetUtcNow() - since).TotalSeconds) : 0,
            "s",
            "Age of the oldest undelivered notification.");
        remindersQueued = meter.CreateCounter<long>("legalbot.reminders.queued", "{notification}", "Reminders, escalations and digests the reminder passes queued.");
        meter.CreateObservableGauge(
            "legalbot.reminders.lag",
            () => lastReminderPass is { } at ? [new Measurement<double>(Math.Max(0, (this.time.GetUtcNow() - at).TotalSeconds))] : Array.Empty<Measurement<double>>(),
            "s",
            "Time since the last completed reminder pass: how late a reminder owed just after it is queued. Passes run every Reminders:PollInterval; more means the passes fail or hang.");
    }

    /// <summary>One activity answered: counted by type and status, timed, and counted as a refusal when 4xx.</summary>
    public void Turn(string type, int status, TimeSpan elapsed)
    {
        var tags = new TagList { { "activity.type", type }, { "http.response.status_code", status } };
        turns.Add(1, tags);
        turnDuration.Record(elapsed.TotalMilliseconds, tags);
        if (status is >= 400 and < 500)
        {
            refusals.Add(1, new TagList { { "activity.type", type }, { "http.response.status_code", status } });
        }
    }

    public void Delivered(string kind) => delivered.Add(1, new KeyValuePair<string, object?>("notification.kind", kind));

    public void Retried(string kind) => retried.Add(1, new KeyValuePair<string, object?>("notification.kind", kind));

    public void GaveUp(string kind) => givenUp.Add(1, new KeyValuePair<string, object?>("notification.kind", kind));

    public void Throttled() => throttled.Add(1);

    /// <summary>A reminder pass completed, queuing <paramref name="queued"/> notifications.</summary>
    public void RemindersPassed(int queued)
    {
        remindersQueued.Add(queued);
        lastReminderPass = time.GetUtcNow();
    }

    /// <summary>The outbox as last sampled (the gauges report it).</summary>
    public void Outbox(OutboxDepth sampled) => depth = sampled;
}
