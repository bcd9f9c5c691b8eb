namespace LegalBot.Cards.Tests;

/// <summary>
/// Runs every card variant through the official Adaptive Cards JavaScript SDK and the official 1.5 JSON
/// schema, using <c>tests/js/validate-cards.mjs</c> (needs Node.js and <c>npm ci</c> in <c>tests/js</c>).
/// </summary>
public sealed class OfficialValidatorTests
{
    [Fact]
    public async Task AllCards_PassOfficialSdkAndSchema()
    {
        var root = NodeScript.RepositoryRoot();
        var js = Path.Combine(root, "tests", "js");
        var script = Path.Combine(js, "validate-cards.mjs");
        Assert.True(File.Exists(script), $"The card validator is missing: expected tests/js/validate-cards.mjs under {root}.");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "adaptivecards")), "The card validator's packages are not installed: run npm ci in tests/js.");

        var cards = CardGallery.All().ToList();
        var dir = Directory.CreateTempSubdirectory("legalbot-cards-");
        try
        {
            foreach (var (name, card) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, name + ".json"), CardSerializer.Serialize(card));
            }

            var (exitCode, output) = await NodeScript.RunAsync(script, dir.FullName);

            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var failures = lines.Where(l => l.StartsWith("FAIL ", StringComparison.Ordinal)).ToList();
            Assert.True(failures.Count == 0, "The official validators refused some cards:\n" + string.Join('\n', failures));
            foreach (var (name, _) in cards)
            {
                Assert.Contains($"OK {name}.json", lines);
            }

            Assert.True(exitCode == 0, $"validate-cards.mjs exited with {exitCode}:\n{output}");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
