using LegalBot.Testing;

namespace LegalBot.Tests.Infrastructure;

/// <summary>
/// The configuration every test host runs with, in-process (<see cref="BotHost"/>) or as a child process:
/// its own database, local mode, fast notification timings and, by default, the roles of <see cref="TeamsUser"/>.
/// </summary>
public static class TestSettings
{
    public static Dictionary<string, string?> For(string databasePath, IDictionary<string, string?>? overrides = null, bool testRoster = true)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Store:Sqlite:Path"] = databasePath,
            ["Triage:NotifyStaffDirectly"] = "true",
            ["Notifications:PollInterval"] = "00:00:00.100",
            ["Notifications:FirstBackoff"] = "00:00:00.050",
            ["Notifications:MaxBackoff"] = "00:00:00.500",
            ["MicrosoftAppId"] = "",
            ["MicrosoftAppPassword"] = "",
            // Reminders are time-driven messages of their own; the reminder tests turn them on.
            ["Reminders:Enabled"] = "false",
        };
        if (testRoster)
        {
            foreach (var (key, value) in Roster)
            {
                settings[key] = value;
            }
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return settings;
    }

    private static Dictionary<string, string?> Roster => new()
    {
        ["Roles:LegalStaff:0"] = TeamsUser.LegalStaff.AadObjectId,
        ["Roles:LegalStaff:1"] = TeamsUser.SecondLegalStaff.AadObjectId,
        ["Roles:Alsp:0:AadObjectId"] = TeamsUser.Alsp.AadObjectId,
        ["Roles:Alsp:0:Name"] = TeamsUser.Alsp.Name,
        ["Roles:Alsp:0:Email"] = TeamsUser.Alsp.Email,
        ["Roles:Alsp:0:Firm"] = "Provider Firm A",
        ["Roles:Alsp:0:Specialties:0"] = "nda",
        ["Roles:Alsp:0:HourlyRate"] = "120",
        ["Roles:Alsp:0:WeeklyCapacity"] = "5",
        ["Roles:Alsp:1:AadObjectId"] = TeamsUser.SecondAlsp.AadObjectId,
        ["Roles:Alsp:1:Name"] = TeamsUser.SecondAlsp.Name,
        ["Roles:Alsp:1:Email"] = TeamsUser.SecondAlsp.Email,
        ["Roles:Alsp:1:Firm"] = "Provider Firm B",
        ["Roles:Alsp:1:Specialties:0"] = "contract-review",
        ["Roles:Alsp:1:HourlyRate"] = "150",
        ["Roles:Alsp:1:WeeklyCapacity"] = "3",
    };
}
