using System.Net;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace LegalBot.Tests.Hosting;

/// <summary>
/// Configuration that cannot work stops the host at boot with a message naming the key, instead of a bot
/// that starts and then quietly misbehaves (nobody to triage, a triage channel ignored, retries that never back off).
/// </summary>
public sealed class ConfigurationStartupTests : IDisposable
{
    private static readonly Dictionary<string, string?> LocalMode = new() { ["Bot:AllowUnauthenticatedLocalMode"] = "true" };

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(directory, "legalbot.db");

    [Fact]
    public void Production_WithoutLegalStaff_RefusesToStart_NamingRolesLegalStaff()
    {
        using var host = new BotHost(DatabasePath, LocalMode, "Production", testRoster: false);

        var message = host.StartupFailure();

        Assert.Contains("Roles:LegalStaff is empty", message);
    }

    [Fact]
    public void Production_WithOnlyBlankLegalStaffIds_RefusesToStart()
    {
        using var host = new BotHost(DatabasePath, new Dictionary<string, string?>(LocalMode) { ["Roles:LegalStaff:0"] = " ", ["Roles:LegalStaff:1"] = "" }, "Production");

        var message = host.StartupFailure();

        Assert.Contains("Roles:LegalStaff is empty", message);
    }

    [Fact]
    public async Task Development_WithoutLegalStaff_Starts()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new BotHost(DatabasePath, new Dictionary<string, string?> { ["Roles:LegalStaff:0"] = "", ["Roles:LegalStaff:1"] = "" }, "Development");
        using var http = host.Start();
        var user = new TeamsClient(http, channel, TeamsUser.Requester);

        using var response = await user.PostAsync(user.Message("help", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("Roles:Alsp:0:Specialties:0", "ndaa", "Roles:Alsp:0:Specialties:0 'ndaa' is not a request type key")]
    [InlineData("Roles:Alsp:1:AadObjectId", "d4e5f6a7-b8c9-4d0e-9f1a-3b4c5d6e7f80", "Roles:Alsp:1:AadObjectId repeats Roles:Alsp:0:AadObjectId")]
    [InlineData("Roles:Alsp:0:HourlyRate", "-5", "Roles:Alsp:0:HourlyRate must be between")]
    [InlineData("Triage:ChannelConversationId", "19:triage@thread.tacv2", "Triage:ChannelServiceUrl is missing")]
    [InlineData("Triage:ChannelServiceUrl", "https://smba.trafficmanager.net/emea/", "Triage:ChannelConversationId is missing")]
    [InlineData("Notifications:FirstBackoff", "00:00:10", "Notifications:FirstBackoff (00:00:10) must not exceed Notifications:MaxBackoff")]
    [InlineData("Notifications:PerConversationPerSecond", "20", "Notifications:PerConversationPerSecond must be between 1 and 7")]
    [InlineData("Notifications:PerConversationPer2Seconds", "9", "Notifications:PerConversationPer2Seconds must be between 1 and 8")]
    [InlineData("Notifications:PerConversationPer30Seconds", "0", "Notifications:PerConversationPer30Seconds must be between 1 and 60")]
    [InlineData("Notifications:PerConversationPerHour", "1801", "Notifications:PerConversationPerHour must be between 1 and 1800")]
    [InlineData("Bot:MaxRequestBodyBytes", "1000", "Bot:MaxRequestBodyBytes must be between")]
    [InlineData("Bot:AllowedTenants:0", "contoso", "Bot:AllowedTenants:0 must be a tenant id")]
    [InlineData("Conversation:PageSize", "0", "Conversation:PageSize must be between 1 and 10")]
    [InlineData("Sla:TimeZone", "Mars/Olympus_Mons", "Sla:TimeZone must be an IANA time zone name")]
    [InlineData("Sla:Holidays:0", "25 December", "Sla:Holidays:0 must be a date written yyyy-MM-dd")]
    [InlineData("Metrics:OutsideCounselRates:nda", "-400", "Metrics:OutsideCounselRates:nda must be between 0 and 10000 per hour")]
    [InlineData("Metrics:DefaultOutsideCounselRate", "450000", "Metrics:DefaultOutsideCounselRate must be between 0 and 10000 per hour")]
    [InlineData("Metrics:Currency", "dollars", "Metrics:Currency must be an ISO 4217 code")]
    [InlineData("Export:MaxRows", "0", "Export:MaxRows must be between 1 and 100000")]
    [InlineData("Export:ConsentLifetime", "00:00:10", "Export:ConsentLifetime must be between 00:01:00 and 7.00:00:00")]
    [InlineData("Export:UploadTimeout", "00:30:00", "Export:UploadTimeout must be between 00:00:01 and 00:05:00")]
    [InlineData("Telemetry:OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint must be an absolute http or https address")]
    [InlineData("Roles:RefreshInterval", "00:00:00.500", "Roles:RefreshInterval must be between 00:00:01 and 01:00:00")]
    [InlineData("Roles:LegalStaffGroupId", "Legal Team", "Roles:LegalStaffGroupId must be the object id (a GUID) of a Microsoft Entra ID group")]
    [InlineData("Roles:AlspGroupId", "3b2f6d1e-8c4a-4f0e-9b7d-2a1c5e8f0d3b", "Roles:AlspGroupId needs Store:Provider 'SharePoint'")]
    [InlineData("Notifications:ActivityFeed:Enabled", "true", "Notifications:ActivityFeed:Enabled needs Store:Provider 'SharePoint'")]
    [InlineData("Profiles:Enabled", "true", "Profiles:Enabled needs Store:Provider 'SharePoint'")]
    [InlineData("Profiles:DepartmentMap:Finance", "Finance", "Profiles:DepartmentMap:Finance needs Store:Provider 'SharePoint'")]
    [InlineData("Profiles:CacheFor", "00:00:10", "Profiles:CacheFor must be between 00:01:00 and 1.00:00:00")]
    [InlineData("Profiles:Timeout", "00:00:30", "Profiles:Timeout must be between 00:00:00.100 and 00:00:10")]
    public void Production_WithAnInvalidKey_RefusesToStart_NamingIt(string key, string value, string expected)
    {
        using var host = new BotHost(DatabasePath, new Dictionary<string, string?>(LocalMode) { [key] = value }, "Production");

        var message = host.StartupFailure();

        Assert.Contains(expected, message);
    }

    [Theory]
    [InlineData(null, "Store:Postgres:ConnectionString must be an Npgsql connection string")]
    [InlineData("Host=;Database=legalbot", "Store:Postgres:ConnectionString names no server")]
    [InlineData("Host=db;Password=hunter2;Frobnicate=yes", "Store:Postgres:ConnectionString is not an Npgsql connection string")]
    public void Production_OnPostgres_WithoutAUsableConnectionString_RefusesToStart_NamingIt_AndNotItsPassword(string? connectionString, string expected)
    {
        using var host = new BotHost(
            DatabasePath,
            new Dictionary<string, string?>(LocalMode) { ["Store:Provider"] = "Postgres", ["Store:Postgres:ConnectionString"] = connectionString },
            "Production");

        var message = host.StartupFailure();

        Assert.Contains(expected, message);
        Assert.DoesNotContain("hunter2", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SharePoint", "Redis", "Store:LocalProvider 'Redis' is not supported. Use 'Sqlite' (one instance) or 'Postgres' (several instances).")]
    [InlineData("Sqlite", "Postgres", "Store:LocalProvider applies only with Store:Provider 'SharePoint'")]
    [InlineData("Postgres", "Sqlite", "Store:LocalProvider applies only with Store:Provider 'SharePoint'")]
    public void Production_WithALocalProviderThatCannotApply_RefusesToStart_NamingIt(string provider, string local, string expected)
    {
        using var host = new BotHost(
            DatabasePath,
            new Dictionary<string, string?>(LocalMode)
            {
                ["Store:Provider"] = provider,
                ["Store:LocalProvider"] = local,
                ["Store:Postgres:ConnectionString"] = "Host=db.example;Database=legalbot;Username=legalbot",
            },
            "Production");

        Assert.Contains(expected, host.StartupFailure());
    }

    [Theory]
    [InlineData("Store:Graph:TeamsAppId", "5d2b7e1a-9c4f-4a8e-b3d6-1f0e2c4a6b8d")]
    [InlineData("Store:Graph:DocumentsDriveId", "b!Xo3h5mVvZ0-legal-documents")]
    public void Production_WithAGraphSettingOutsideTheMicrosoft365Mode_RefusesToStart_NamingIt(string key, string value)
    {
        using var host = new BotHost(
            DatabasePath,
            new Dictionary<string, string?>(LocalMode) { [key] = value },
            "Production");

        Assert.Contains($"{key} applies only with Store:Provider 'SharePoint'", host.StartupFailure());
    }

    [Fact]
    public void Production_OnSharePointWithPostgresLocalStores_WithoutAConnectionString_RefusesToStart_NamingIt()
    {
        using var host = new BotHost(
            DatabasePath,
            new Dictionary<string, string?>(LocalMode)
            {
                ["Store:Provider"] = "SharePoint",
                ["Store:LocalProvider"] = "Postgres",
                ["Store:Graph:TenantId"] = "0f3c5b9e-2d4a-4f61-8b7e-9a1c2d3e4f50",
                ["Store:Graph:ClientId"] = "5d2b7e1a-9c4f-4a8e-b3d6-1f0e2c4a6b8d",
                ["Store:Graph:Credential"] = "ClientSecret",
                ["Store:Graph:ClientSecret"] = "secret",
                ["Store:Graph:SiteId"] = "contoso.sharepoint.com,1,2",
            },
            "Production");

        Assert.Contains("Store:Postgres:ConnectionString must be an Npgsql connection string", host.StartupFailure());
    }

    [Fact]
    public void Production_OnPostgres_WithAClaimLeaseOutOfRange_RefusesToStart_NamingIt()
    {
        using var host = new BotHost(
            DatabasePath,
            new Dictionary<string, string?>(LocalMode)
            {
                ["Store:Provider"] = "Postgres",
                ["Store:Postgres:ConnectionString"] = "Host=db.example;Database=legalbot;Username=legalbot",
                ["Store:Postgres:OutboxClaimLease"] = "00:00:01",
            },
            "Production");

        Assert.Contains("Store:Postgres:OutboxClaimLease must be between 00:00:10 and 01:00:00", host.StartupFailure());
    }

    [Fact]
    public async Task Production_WithTheTestConfiguration_Starts()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new BotHost(DatabasePath, LocalMode, "Production");
        using var http = host.Start();
        var user = new TeamsClient(http, channel, TeamsUser.Requester);

        using var response = await user.PostAsync(user.Message("help", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Production_WithTheSampleConfiguration_StartsAndIsReady()
    {
        var sample = Path.Combine(Node.RepositoryRoot, "appsettings.sample.json");
        using var host = new BotHost(DatabasePath, environment: "Production", testRoster: false, configure: builder =>
            builder.ConfigureAppConfiguration(config => config
                .AddJsonFile(sample, optional: false)
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Store:Sqlite:Path"] = DatabasePath })));
        using var http = host.Start();

        using var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Never created (the host stopped before opening the database); the temp folder is cleaned by the OS.
        }
    }
}
