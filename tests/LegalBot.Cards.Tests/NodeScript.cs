using System.ComponentModel;
using System.Diagnostics;

namespace LegalBot.Cards.Tests;

/// <summary>Runs one of the Node.js checks in <c>tests/js</c> on a folder of cards (needs Node.js and <c>npm ci</c> there).</summary>
internal static class NodeScript
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);

    public static async Task<(int ExitCode, string Output)> RunAsync(string script, string dir)
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
                throw new TimeoutException($"{Path.GetFileName(script)} did not finish within {Timeout}.");
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }

    public static string RepositoryRoot()
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
