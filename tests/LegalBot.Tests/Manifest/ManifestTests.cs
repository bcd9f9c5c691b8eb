using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LegalBot.Core.Sending;
using LegalBot.Testing.Graph;
using LegalBot.Tests.Infrastructure;

namespace LegalBot.Tests.Manifest;

/// <summary>The Teams app manifest and package, checked with the official schema from npm @microsoft/app-manifest.</summary>
public sealed class ManifestTests
{
    [Fact]
    public async Task Manifest_PassesOfficialSchema_IconsAndCommands()
    {
        var (exit, output) = await Node.RunAsync(["tests/js/validate-manifest.mjs"]);

        Assert.True(exit == 0, output);
        Assert.Contains("OK manifest.json", output);
    }

    [Fact]
    public void EveryActivityTypeTheBotSends_IsDeclared_WithExactlyItsTemplateParameters()
    {
        var declared = TeamsAppManifest.ActivityTypes().ToDictionary(t => t.Type, t => t.TemplateText, StringComparer.Ordinal);

        Assert.Equal(ActivityFeedTypes.Parameters.Keys.Order(StringComparer.Ordinal), declared.Keys.Order(StringComparer.Ordinal));
        foreach (var (type, parameters) in ActivityFeedTypes.Parameters)
        {
            // {actor} is Teams' own parameter (the app's name); every other placeholder is one the bot sends.
            var placeholders = Regex.Matches(declared[type], @"\{([A-Za-z0-9_]+)\}").Select(m => m.Groups[1].Value).Where(p => p != "actor");
            Assert.Equal(parameters.Order(StringComparer.Ordinal), placeholders.Distinct().Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void TheManifest_NamesTheBotsAppInWebApplicationInfo_WhichTheActivityFeedNeeds()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(TeamsAppManifest.Path))!;

        Assert.Equal("${{BOT_ID}}", (string?)manifest["webApplicationInfo"]?["id"]);
        Assert.Equal("${{BOT_ID}}", (string?)manifest["bots"]![0]!["botId"]);
    }

    [Fact]
    public async Task BuildPackage_WritesZipWithFilledIds()
    {
        var zip = Path.Combine(Path.GetTempPath(), "legalbot-manifest-" + Guid.NewGuid().ToString("N"), "legalbot.zip");
        var appId = "11111111-2222-4333-8444-555555555555";
        var botId = "66666666-7777-4888-9999-000000000000";

        var (exit, output) = await Node.RunAsync(
            ["manifest/build-package.mjs", "--out", zip],
            new Dictionary<string, string> { ["TEAMS_APP_ID"] = appId, ["BOT_ID"] = botId, ["BOT_DOMAIN"] = "legalbot.contoso.example" });

        Assert.True(exit == 0, output);
        using var archive = ZipFile.OpenRead(zip);
        Assert.Equal(["color.png", "manifest.json", "outline.png"], archive.Entries.Select(e => e.FullName).Order());
        using var manifestStream = archive.GetEntry("manifest.json")!.Open();
        var manifest = JsonNode.Parse(manifestStream)!;
        Assert.Equal(appId, (string?)manifest["id"]);
        Assert.Equal(botId, (string?)manifest["bots"]![0]!["botId"]);
        Assert.Equal(botId, (string?)manifest["webApplicationInfo"]!["id"]);
        Assert.Equal("legalbot.contoso.example", (string?)manifest["validDomains"]![0]);
        Assert.DoesNotContain("${{", manifest.ToJsonString());
    }

    [Fact]
    public async Task BuildPackage_WithoutSettings_NamesWhatIsMissing()
    {
        var (exit, output) = await Node.RunAsync(
            ["manifest/build-package.mjs", "--out", Path.Combine(Path.GetTempPath(), "unused.zip")],
            new Dictionary<string, string> { ["TEAMS_APP_ID"] = "", ["BOT_ID"] = "", ["BOT_DOMAIN"] = "" });

        Assert.NotEqual(0, exit);
        Assert.Contains("TEAMS_APP_ID", output);
        Assert.Contains("BOT_DOMAIN", output);
    }

    [Fact]
    public async Task Validators_RejectKnownBadCardsAndAcceptGoodOnes()
    {
        var (exit, output) = await Node.RunAsync(["--test", "tests/js/selftest.test.mjs"]);

        Assert.True(exit == 0, output);
    }
}
