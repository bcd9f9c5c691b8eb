using LegalBot.Application.Reminders;

namespace LegalBot.Application.Tests;

public sealed class ReminderOptionsValidatorTests
{
    private static IEnumerable<string> Failures(ReminderOptions options) =>
        new ReminderOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void Validate_Defaults_Succeeds() => Assert.Empty(Failures(new ReminderOptions()));

    [Fact]
    public void Validate_NegativeLead_NamesTheKey() =>
        Assert.Contains(Failures(new ReminderOptions { DueSoonLeadBusinessDays = -1 }), f => f.StartsWith("Reminders:DueSoonLeadBusinessDays", StringComparison.Ordinal));

    [Theory]
    [InlineData(0, 24, "Reminders:TriageEscalationHours")]
    [InlineData(24, 0, "Reminders:AcceptEscalationHours")]
    public void Validate_EscalationHoursOutOfRange_NamesTheKey(int triage, int accept, string key) =>
        Assert.Contains(Failures(new ReminderOptions { TriageEscalationHours = triage, AcceptEscalationHours = accept }), f => f.StartsWith(key, StringComparison.Ordinal));

    [Fact]
    public void Validate_WorkingHoursEndingBeforeTheyStart_NamesTheKey() =>
        Assert.Contains(
            Failures(new ReminderOptions { WorkingHours = new WorkingHoursOptions { Start = new TimeOnly(17, 0), End = new TimeOnly(9, 0) } }),
            f => f.StartsWith("Reminders:WorkingHours:Start", StringComparison.Ordinal));

    [Fact]
    public void Validate_DigestAfterWorkingHours_NamesTheKey() =>
        Assert.Contains(Failures(new ReminderOptions { DigestTime = new TimeOnly(18, 0) }), f => f.StartsWith("Reminders:DigestTime", StringComparison.Ordinal));

    [Theory]
    [InlineData(1)]
    [InlineData(7200)]
    public void Validate_PollIntervalOutOfRange_NamesTheKey(int seconds) =>
        Assert.Contains(Failures(new ReminderOptions { PollInterval = TimeSpan.FromSeconds(seconds) }), f => f.StartsWith("Reminders:PollInterval", StringComparison.Ordinal));
}
