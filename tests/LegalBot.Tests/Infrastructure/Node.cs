using System.Diagnostics;

namespace LegalBot.Tests.Infrastructure;

/// <summary>Runs the repository's Node.js checks (tests/js) and returns what they printed.</summary>
public static class Node
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null, TimeSpan? timeout = null)
    {
        if (!System.IO.Directory.Exists(Path.Combine(RepositoryRoot, "tests", "js", "node_modules")))
        {
            throw new Xunit.Sdk.XunitException("tests/js/node_modules is missing: run `bash .ci/run` (or `npm ci` in tests/js).");
        }

        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LegalBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("LegalBot.sln not found above the test binaries.");
    }
}
