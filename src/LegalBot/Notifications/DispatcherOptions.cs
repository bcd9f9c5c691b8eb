using System.ComponentModel.DataAnnotations;

namespace LegalBot.Notifications;

/// <summary>The <c>Notifications</c> configuration section: how the outbox is delivered.</summary>
public sealed class DispatcherOptions
{
    public const string Section = "Notifications";

    /// <summary>How often the dispatcher looks for due notifications when it has not been woken.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this long undelivered, a notification is given up on and the legal team is told.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>First retry delay; doubles each attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Longest a single send may take before it counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages per second to one conversation (Teams allows 7).</summary>
    [Range(1, 7)]
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Messages per second across the app (Teams allows about 50 per tenant).</summary>
    [Range(1, 50)]
    public int PerAppPerSecond { get; set; } = 30;

    /// <summary>Notifications handled at once.</summary>
    [Range(1, 64)]
    public int Concurrency { get; set; } = 8;
}
