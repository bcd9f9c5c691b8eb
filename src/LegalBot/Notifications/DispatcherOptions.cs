using System.ComponentModel.DataAnnotations;
using LegalBot.Core.Sending;

namespace LegalBot.Notifications;

/// <summary>The <c>Notifications</c> configuration section: how the outbox is delivered.</summary>
public sealed class DispatcherOptions : IValidatableObject
{
    public const string Section = "Notifications";

    /// <summary>How often the dispatcher looks for due notifications when it has not been woken.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00", ErrorMessage = Section + ":PollInterval must be between {1} and {2}")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>After this long undelivered, a notification is given up on and the legal team is told.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00", ErrorMessage = Section + ":GiveUpAfter must be between {1} and {2}")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>First retry delay; doubles each attempt (with jitter) up to <see cref="MaxBackoff"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00", ErrorMessage = Section + ":FirstBackoff must be between {1} and {2}")]
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:00.010", "1.00:00:00", ErrorMessage = Section + ":MaxBackoff must be between {1} and {2}")]
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Longest a single call to the channel may take before it counts as a timeout; it starts once the send has its
    /// place in the rate windows, so a wait for room is never a timeout.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = Section + ":SendTimeout must be between {1} and {2}")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages to one conversation in any second (Teams allows 7).</summary>
    [Range(1, 7, ErrorMessage = Section + ":PerConversationPerSecond must be between {1} and {2}")]
    public int PerConversationPerSecond { get; set; } = 7;

    /// <summary>Messages to one conversation in any two seconds (Teams allows 8).</summary>
    [Range(1, 8, ErrorMessage = Section + ":PerConversationPer2Seconds must be between {1} and {2}")]
    public int PerConversationPer2Seconds { get; set; } = 8;

    /// <summary>Messages to one conversation in any thirty seconds (Teams allows 60).</summary>
    [Range(1, 60, ErrorMessage = Section + ":PerConversationPer30Seconds must be between {1} and {2}")]
    public int PerConversationPer30Seconds { get; set; } = 60;

    /// <summary>Messages to one conversation in any hour (Teams allows 1,800).</summary>
    [Range(1, 1800, ErrorMessage = Section + ":PerConversationPerHour must be between {1} and {2}")]
    public int PerConversationPerHour { get; set; } = 1800;

    /// <summary>Messages per second across the app (Teams allows about 50 per tenant).</summary>
    [Range(1, 50, ErrorMessage = Section + ":PerAppPerSecond must be between {1} and {2}")]
    public int PerAppPerSecond { get; set; } = 30;

    /// <summary>
    /// How long notifications staged for a change stay held before the reconciler asks whether the change landed
    /// and releases or drops them: longer than any write to the request store can take.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = Section + ":StagedGracePeriod must be between {1} and {2}")]
    public TimeSpan StagedGracePeriod { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the reconciler looks for staged notifications (also once at start).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = Section + ":ReconcileInterval must be between {1} and {2}")]
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Notifications handled at once.</summary>
    [Range(1, 64, ErrorMessage = Section + ":Concurrency must be between {1} and {2}")]
    public int Concurrency { get; set; } = 8;

    /// <summary>The per-conversation windows: Teams' lengths with the configured limits.</summary>
    public IReadOnlyList<SendWindow> ConversationWindows() =>
    [
        SendWindow.Teams[0] with { Limit = PerConversationPerSecond },
        SendWindow.Teams[1] with { Limit = PerConversationPer2Seconds },
        SendWindow.Teams[2] with { Limit = PerConversationPer30Seconds },
        SendWindow.Teams[3] with { Limit = PerConversationPerHour },
    ];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (FirstBackoff > MaxBackoff)
        {
            yield return new ValidationResult(
                $"{Section}:FirstBackoff ({FirstBackoff:c}) must not exceed {Section}:MaxBackoff ({MaxBackoff:c})",
                [nameof(FirstBackoff), nameof(MaxBackoff)]);
        }
    }
}
