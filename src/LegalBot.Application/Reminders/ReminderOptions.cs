using System.Globalization;
using Microsoft.Extensions.Options;

namespace LegalBot.Application.Reminders;

/// <summary>
/// <c>Reminders</c>: when the ALSP professional is reminded of a due date, when legal staff are told a request is
/// stuck, and when the daily digest goes out. Times of day are in each recipient's own time zone.
/// </summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public const int MaxLeadBusinessDays = 20;

    public const int MaxEscalationHours = 24 * 30;

    public static readonly TimeSpan MinPollInterval = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan MaxPollInterval = TimeSpan.FromHours(1);

    public bool Enabled { get; set; } = true;

    /// <summary>How many business days before the due date the professional is reminded; 0 sends no such reminder.</summary>
    public int DueSoonLeadBusinessDays { get; set; } = 1;

    /// <summary>Hours a request may wait in triage (submitted, or back in triage) before legal staff are told.</summary>
    public int TriageEscalationHours { get; set; } = 24;

    /// <summary>Hours an assignment may wait for the professional to accept it before legal staff are told.</summary>
    public int AcceptEscalationHours { get; set; } = 24;

    /// <summary>Reminders reach people only inside these hours, in their own time zone, on the team's business days.</summary>
    public WorkingHoursOptions WorkingHours { get; set; } = new();

    /// <summary>When each legal staff member's digest goes out, in their time zone (before the working day ends; it may start earlier).</summary>
    public TimeOnly DigestTime { get; set; } = new(8, 30);

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(5);
}

public sealed class WorkingHoursOptions
{
    public TimeOnly Start { get; set; } = new(9, 0);

    public TimeOnly End { get; set; } = new(17, 0);

    public bool Contains(TimeOnly time) => time >= Start && time < End;
}

/// <summary>Fails at start naming each <c>Reminders</c> key that cannot be right.</summary>
public sealed class ReminderOptionsValidator : IValidateOptions<ReminderOptions>
{
    public ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string at = ReminderOptions.Section;
        var errors = new List<string>();
        if (options.DueSoonLeadBusinessDays is < 0 or > ReminderOptions.MaxLeadBusinessDays)
        {
            errors.Add(Invariant($"{at}:DueSoonLeadBusinessDays must be between 0 (no reminder) and {ReminderOptions.MaxLeadBusinessDays}."));
        }

        if (options.TriageEscalationHours is < 1 or > ReminderOptions.MaxEscalationHours)
        {
            errors.Add(Invariant($"{at}:TriageEscalationHours must be between 1 and {ReminderOptions.MaxEscalationHours}."));
        }

        if (options.AcceptEscalationHours is < 1 or > ReminderOptions.MaxEscalationHours)
        {
            errors.Add(Invariant($"{at}:AcceptEscalationHours must be between 1 and {ReminderOptions.MaxEscalationHours}."));
        }

        if (options.WorkingHours is not { } hours || hours.Start >= hours.End)
        {
            errors.Add($"{at}:WorkingHours:Start must be earlier than {at}:WorkingHours:End (such as 09:00 and 17:00).");
        }
        else if (options.DigestTime >= hours.End)
        {
            errors.Add($"{at}:DigestTime must be earlier than {at}:WorkingHours:End (the digest is not sent after working hours).");
        }

        if (options.PollInterval < ReminderOptions.MinPollInterval || options.PollInterval > ReminderOptions.MaxPollInterval)
        {
            errors.Add($"{at}:PollInterval must be between 00:00:10 and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
