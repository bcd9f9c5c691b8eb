using System.ComponentModel;
using System.Diagnostics;

namespace LegalBot.Cards.Tests;

/// <summary>
/// Runs every card variant through the official Adaptive Cards JavaScript SDK and the official 1.5 JSON
/// schema, using <c>tests/js/validate-cards.mjs</c> (needs Node.js and <c>npm ci</c> in <c>tests/js</c>).
/// </summary>
public sealed class OfficialValidatorTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task AllCards_PassOfficialSdkAndSchema()
    {
        var root = RepositoryRoot();
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

            var (exitCode, output) = await RunNode(script, dir.FullName);

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

    private static async Task<(int ExitCode, string Output)> RunNode(string script, string dir)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(script)!,
        };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(dir);

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException("Node.js is needed to validate cards with the official SDK; put node on the PATH.", e);
        }

        using (process)
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"validate-cards.mjs did not finish within {Timeout}.");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }

    private static string RepositoryRoot()
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
}
