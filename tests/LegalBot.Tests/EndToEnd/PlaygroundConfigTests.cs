using System.Text.Json.Nodes;

namespace LegalBot.Tests.EndToEnd;

/// <summary>
/// The Agents Playground configurations, one per role played (<c>.m365agentsplayground.yml</c> for the
/// requester, <c>tests/js/playground/legal-staff.yml</c>, <c>tests/js/playground/alsp-professional.yml</c>), describe one
/// mock tenant, and the Development roster gives each current user the role the file is for.
/// </summary>
public sealed class PlaygroundConfigTests
{
    private static readonly string RepoRoot = FindRepoRoot();

    private static readonly (string File, string Role)[] Files =
    [
        (".m365agentsplayground.yml", "requester"),
        ("tests/js/playground/legal-staff.yml", "legal staff"),
        ("tests/js/playground/alsp-professional.yml", "ALSP professional"),
    ];

    [Fact]
    public void EveryRoleFile_DescribesTheSameTenant_WithAnotherCurrentUser()
    {
        var configs = Files.Select(f => (f.File, Config: PlaygroundConfig.Read(Path.Combine(RepoRoot, f.File)))).ToList();
        var (firstFile, first) = configs[0];
        foreach (var (file, config) in configs)
        {
            // The Playground's schema (0.1.1) wants exactly five users besides the current one.
            Assert.True(config.Users.Count == 5, $"{file} lists {config.Users.Count} users; the Playground wants exactly five besides the current user.");
            Assert.Equal(first.People.Order(), config.People.Order());
            foreach (var (section, text) in first.Shared)
            {
                Assert.True(config.Shared.TryGetValue(section, out var other), $"{file} has no `{section}` section.");
                Assert.True(text == other, $"`{section}` differs between {firstFile} and {file}:\n{text}\n---\n{other}");
            }

            Assert.Equal(first.Shared.Keys.Order(), config.Shared.Keys.Order());
        }

        Assert.Equal(configs.Count, configs.Select(c => c.Config.CurrentUser).Distinct().Count());
        Assert.Equal(configs.Count, configs.Select(c => c.Config.PersonalChatId).Distinct().Count());
    }

    [Fact]
    public void DevelopmentRoster_GivesEachCurrentUser_TheRoleOfTheirFile()
    {
        var settings = JsonNode.Parse(File.ReadAllText(Path.Combine(RepoRoot, "src", "LegalBot", "appsettings.Development.json")))!;
        var legalStaff = settings["Roles"]!["LegalStaff"]!.AsArray().Select(n => (string)n!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var alsp = settings["Roles"]!["Alsp"]!.AsArray().ToDictionary(n => (string)n!["AadObjectId"]!, n => (string)n!["Name"]!, StringComparer.OrdinalIgnoreCase);

        foreach (var (file, role) in Files)
        {
            var me = PlaygroundConfig.Read(Path.Combine(RepoRoot, file)).CurrentUserFields;
            var id = me["aadObjectId"];
            var actual = legalStaff.Contains(id) ? "legal staff" : alsp.ContainsKey(id) ? "ALSP professional" : "requester";
            Assert.True(role == actual, $"{file}'s current user {me["name"]} ({id}) is {actual} in appsettings.Development.json, not {role}.");
            if (alsp.TryGetValue(id, out var name))
            {
                Assert.True(name == me["name"], $"appsettings.Development.json names {id} \"{name}\", {file} \"{me["name"]}\".");
            }
        }
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LegalBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LegalBot.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>
    /// The parts of a Playground configuration compared here, read line by line (the files are plain
    /// block YAML: top-level keys, two-space indents, one list of users).
    /// </summary>
    private sealed record PlaygroundConfig(
        Dictionary<string, string> CurrentUserFields,
        List<string> Users,
        string PersonalChatId,
        Dictionary<string, string> Shared)
    {
        public string CurrentUser => Describe(CurrentUserFields);

        /// <summary>Everyone the file knows: the current user and the other users, each as one line.</summary>
        public IEnumerable<string> People => [CurrentUser, .. Users];

        public static PlaygroundConfig Read(string path)
        {
            var sections = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            List<string>? current = null;
            foreach (var raw in File.ReadAllLines(path))
            {
                var line = raw.TrimEnd();
                if (line.Length == 0 || line.TrimStart().StartsWith('#'))
                {
                    continue;
                }

                if (!char.IsWhiteSpace(line[0]))
                {
                    var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
                    current = sections[key] = [line];
                }
                else
                {
                    Assert.True(current is not null, $"{path}: an indented line comes before any top-level key: {line}");
                    current!.Add(line);
                }
            }

            foreach (var required in (string[])["currentUser", "users", "personalChat"])
            {
                Assert.True(sections.ContainsKey(required), $"{path} has no `{required}` section.");
            }

            var users = new List<string>();
            Dictionary<string, string>? user = null;
            foreach (var line in sections["users"].Skip(1))
            {
                var entry = line.TrimStart();
                if (entry.StartsWith("- ", StringComparison.Ordinal))
                {
                    user = new Dictionary<string, string>(StringComparer.Ordinal);
                    users.Add("");
                    entry = entry[2..];
                }

                Assert.True(user is not null, $"{path}: `users` must be a list: {line}");
                var (key, value) = Field(path, entry);
                user![key] = value;
                users[^1] = Describe(user);
            }

            var me = sections["currentUser"].Skip(1).Select(l => Field(path, l.Trim())).ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal);
            foreach (var field in (string[])["id", "name", "aadObjectId"])
            {
                Assert.True(me.ContainsKey(field), $"{path}: the current user has no `{field}`.");
            }

            var chat = sections["personalChat"].Skip(1).Select(l => Field(path, l.Trim())).FirstOrDefault(f => f.Key == "id").Value;
            var shared = sections
                .Where(s => s.Key is not ("currentUser" or "users" or "personalChat"))
                .ToDictionary(s => s.Key, s => string.Join('\n', s.Value), StringComparer.Ordinal);
            return new PlaygroundConfig(me, users, chat ?? "", shared);
        }

        private static (string Key, string Value) Field(string path, string line)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.True(colon > 0, $"{path}: not a `key: value` line: {line}");
            return (line[..colon].Trim(), line[(colon + 1)..].Trim());
        }

        private static string Describe(Dictionary<string, string> fields) =>
            string.Join("; ", fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
    }
}
