using System.ComponentModel.DataAnnotations;

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

    /// <summary>Longest a single send may take before it counts as a timeout.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00", ErrorMessage = Section + ":SendTimeout must be between {1} and {2}")]
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Messages per second to one conversation (Teams allows 7).</summary>
    [Range(1, 7, ErrorMessage = Section + ":PerConversationPerSecond must be between {1} and {2}")]
    public int PerConversationPerSecond { get; set; } = 7;

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
