using System.Diagnostics;

namespace LegalBot.Bench;

/// <summary>A closed-loop workload: each simulated user sends a turn, waits for its answer, and sends the next.</summary>
internal abstract class Workload
{
    public abstract string Name { get; }

    /// <summary>What one <see cref="Lane.Unit"/> is, e.g. "requests filed"; null when a unit is a turn.</summary>
    public virtual string? UnitName => null;

    /// <summary>Runs one user's loop until <paramref name="stop"/>; every turn goes through <paramref name="lane"/>.</summary>
    public abstract Task RunUserAsync(int user, Lane lane, CancellationToken stop);

    /// <summary>Figures this workload adds to its result (e.g. notification delivery), read after the run.</summary>
    public virtual IReadOnlyDictionary<string, double> Extra(Window window) => new Dictionary<string, double>();
}

/// <summary>The measured window: turns that start and finish inside it count.</summary>
internal sealed class Window
{
    private long start = long.MaxValue;
    private long end = long.MaxValue;

    public bool Contains(long started, long finished) => started >= Volatile.Read(ref start) && finished <= Volatile.Read(ref end);

    public bool IsOpen(long at) => at >= Volatile.Read(ref start) && at <= Volatile.Read(ref end);

    public void Open() => Volatile.Write(ref start, Stopwatch.GetTimestamp());

    public void Close() => Volatile.Write(ref end, Stopwatch.GetTimestamp());

    public TimeSpan Length => Stopwatch.GetElapsedTime(start, end);
}

/// <summary>One user's record: latencies of the turns inside the window, errors, and completed units.</summary>
internal sealed class Lane(Window window)
{
    public List<double> Latencies { get; } = new(4096);

    public int Errors { get; private set; }

    public int Units { get; private set; }

    /// <summary>The last failure, for the report (ids only, never user text).</summary>
    public string? LastError { get; private set; }

    /// <summary>Runs one turn and records it; returns false when it failed (the caller starts its cycle again).</summary>
    public async Task<bool> TurnAsync(Func<Task<string?>> turn)
    {
        var started = Stopwatch.GetTimestamp();
        string? error;
        try
        {
            error = await turn();
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            error = ex.GetType().Name;
        }

        var finished = Stopwatch.GetTimestamp();
        if (window.Contains(started, finished))
        {
            if (error is null)
            {
                Latencies.Add(Stopwatch.GetElapsedTime(started, finished).TotalMilliseconds);
            }
            else
            {
                Errors++;
                LastError = error;
            }
        }

        return error is null;
    }

    /// <summary>Counts a completed unit (a request filed, a request triaged) if it finished inside the window.</summary>
    public void Unit()
    {
        if (window.IsOpen(Stopwatch.GetTimestamp()))
        {
            Units++;
        }
    }
}

/// <summary>Runs a workload with warm-up, then the measured window, and sums the lanes.</summary>
internal static class LoadRunner
{
    public static async Task<LoadResult> RunAsync(Workload workload, int users, TimeSpan warmup, TimeSpan measure, Func<TimeSpan> cpuTime)
    {
        var window = new Window();
        var lanes = Enumerable.Range(0, users).Select(_ => new Lane(window)).ToArray();
        using var stop = new CancellationTokenSource();
        var running = lanes.Select((lane, i) => Task.Run(() => workload.RunUserAsync(i, lane, stop.Token))).ToArray();

        await Task.Delay(warmup);
        var cpuBefore = cpuTime();
        window.Open();
        await Task.Delay(measure);
        window.Close();
        var cpu = cpuTime() - cpuBefore;
        await stop.CancelAsync();
        try
        {
            await Task.WhenAll(running);
        }
        catch (OperationCanceledException)
        {
            // The users stop at the end of the window.
        }

        var latencies = lanes.SelectMany(l => l.Latencies).Order().ToArray();
        var seconds = window.Length.TotalSeconds;
        return new LoadResult(
            workload.Name,
            users,
            latencies.Length,
            latencies.Length / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? 0 : latencies[^1],
            lanes.Sum(l => l.Errors),
            lanes.Select(l => l.LastError).LastOrDefault(e => e is not null),
            workload.UnitName,
            workload.UnitName is null ? null : lanes.Sum(l => l.Units) / seconds,
            latencies.Length == 0 ? 0 : cpu.TotalMilliseconds / latencies.Length,
            workload.Extra(window));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}

/// <summary>What one workload measured (before the process figures are added).</summary>
internal sealed record LoadResult(
    string Workload,
    int Users,
    int Turns,
    double TurnsPerSecond,
    double P50Ms,
    double P99Ms,
    double MaxMs,
    int Errors,
    string? LastError,
    string? UnitName,
    double? UnitsPerSecond,
    double CpuMsPerTurn,
    IReadOnlyDictionary<string, double> Extra);
