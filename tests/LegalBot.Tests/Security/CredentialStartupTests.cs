using System.Net;
using LegalBot.Testing;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Security;

/// <summary>
/// Outside Development the host must not come up unauthenticated by accident, nor with credentials
/// that cannot work: it refuses to start and names the keys to set.
/// </summary>
public sealed class CredentialStartupTests : IDisposable
{
    private const string AppId = "5d3c1e2f-7a8b-4c9d-8e0f-1a2b3c4d5e6f";

    private readonly string directory = Path.Combine(Path.GetTempPath(), "legalbot-tests", Guid.NewGuid().ToString("N"));

    private string DatabasePath => Path.Combine(directory, "legalbot.db");

    [Fact]
    public void Production_WithoutAppId_RefusesToStart_NamingTheKeys()
    {
        var message = StartupFailure(new Dictionary<string, string?>
        {
            ["Bot:AllowUnauthenticatedLocalMode"] = "false",
        });

        Assert.Contains("MicrosoftAppId", message);
        Assert.Contains("MicrosoftAppPassword", message);
    }

    [Fact]
    public async Task Production_WithoutAppId_ButLocalModeAllowedExplicitly_StartsAndAnswersUnsignedRequests()
    {
        await using var channel = await FakeChannel.StartAsync();
        using var host = new BotHost(DatabasePath, new Dictionary<string, string?> { ["Bot:AllowUnauthenticatedLocalMode"] = "true" }, "Production");
        using var http = host.Start();
        var user = new TeamsClient(http, channel, TeamsUser.Requester);

        using var response = await user.PostAsync(user.Message("help", null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEmpty(channel.Posted(user.ConversationId));
    }

    [Fact]
    public void Production_MultiTenantAppIdWithoutPassword_RefusesToStart_NamingThePassword()
    {
        var message = StartupFailure(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "MultiTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "",
        });

        Assert.Contains("MicrosoftAppPassword", message);
    }

    [Fact]
    public void Production_SingleTenantWithoutTenantId_RefusesToStart_NamingTheTenantId()
    {
        var message = StartupFailure(new Dictionary<string, string?>
        {
            ["MicrosoftAppType"] = "SingleTenant",
            ["MicrosoftAppId"] = AppId,
            ["MicrosoftAppPassword"] = "test-secret",
            ["MicrosoftAppTenantId"] = "",
        });

        Assert.Contains("MicrosoftAppTenantId", message);
        Assert.DoesNotContain("MicrosoftAppPassword", message);
    }

    /// <summary>Starts a Production host that must fail; returns every message in the failure.</summary>
    private string StartupFailure(IDictionary<string, string?> settings)
    {
        using var host = new BotHost(DatabasePath, settings, "Production");
        return host.StartupFailure();
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
            // Never created (the host stopped before opening the database), or a file still closing on
            // a slow disk; the temp folder is cleaned by the OS.
        }
    }
}
