using System.Text.Json.Nodes;

namespace LegalBot.Testing.Graph;

/// <summary>The repository's Teams app manifest (<c>manifest/manifest.json</c>), as Teams reads it.</summary>
public static class TeamsAppManifest
{
    /// <summary>The manifest's path, found above the test's folder.</summary>
    public static string Path
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(System.IO.Path.Combine(dir.FullName, "LegalBot.sln")))
                {
                    return System.IO.Path.Combine(dir.FullName, "manifest", "manifest.json");
                }
            }

            throw new InvalidOperationException($"No LegalBot.sln above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>The activity types the manifest declares (<c>activities.activityTypes</c>): type and template text.</summary>
    public static IReadOnlyList<(string Type, string TemplateText)> ActivityTypes()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path))!;
        return [.. (manifest["activities"]?["activityTypes"] as JsonArray ?? [])
            .Select(t => ((string)t!["type"]!, (string)t["templateText"]!))];
    }
}
