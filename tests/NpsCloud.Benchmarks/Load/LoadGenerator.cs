using System.Diagnostics;

namespace NpsCloud.Benchmarks.Load;

/// <summary>What a closed loop measured: operations in the measured window and their latencies.</summary>
public sealed record LoadResult(int Operations, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Operations / Elapsed.TotalSeconds;

    public double P50 => Stats.Percentile(LatenciesMs, 50);

    public double P99 => Stats.Percentile(LatenciesMs, 99);
}

public static class LoadGenerator
{
    /// <summary>
    /// A closed loop: one task per connection, each starting its next operation when the last one ended,
    /// for <paramref name="warmUp"/> (not counted) and then <paramref name="duration"/> (counted). The
    /// operation gets the worker's number and the worker's own running count, and returns false for an error.
    /// </summary>
    public static async Task<LoadResult> ClosedLoopAsync(int concurrency, TimeSpan warmUp, TimeSpan duration, Func<int, int, Task<bool>> operation)
    {
        var clock = Stopwatch.StartNew();
        var measuredFrom = warmUp;
        var measuredUntil = warmUp + duration;
        var latencies = new List<double>[concurrency];
        var errors = new int[concurrency];
        var workers = Enumerable.Range(0, concurrency).Select(worker => Task.Run(async () =>
        {
            var mine = latencies[worker] = new List<double>(16_384);
            for (var i = 0; clock.Elapsed < measuredUntil; i++)
            {
                var started = clock.Elapsed;
                var ok = await operation(worker, i);
                var ended = clock.Elapsed;
                if (started < measuredFrom || ended > measuredUntil) continue;
                if (ok) mine.Add((ended - started).TotalMilliseconds);
                else errors[worker]++;
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var all = latencies.SelectMany(l => l).ToArray();
        return new LoadResult(all.Length, errors.Sum(), duration, all);
    }

    /// <summary>
    /// An open loop: starts operation number i at <c>i / ratePerSecond</c> seconds, whether or not earlier
    /// ones have finished (so a slow server builds a queue, as real traffic does), for <paramref name="duration"/>.
    /// Returns when every started operation has ended.
    /// </summary>
    public static async Task<int> OpenLoopAsync(double ratePerSecond, TimeSpan duration, Func<int, Task> operation)
    {
        var clock = Stopwatch.StartNew();
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var running = new List<Task>(total);
        var started = 0;
        while (started < total)
        {
            var due = Math.Min(total, (int)(clock.Elapsed.TotalSeconds * ratePerSecond) + 1);
            for (; started < due; started++)
            {
                var number = started;
                running.Add(Task.Run(() => operation(number)));
            }

            await Task.Delay(2);
        }

        await Task.WhenAll(running);
        return started;
    }
}

public static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0) return double.NaN;
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100.0 * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public static double Median(IReadOnlyCollection<double> values) => Percentile(values, 50);
}

public static class Wait
{
    /// <summary>
    /// Polls with a deadline, but less often than the tests' Poll (every 50 ms): a probe that calls the host
    /// (the metrics API) would otherwise add load to the very catch-up it waits for.
    /// </summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan timeout, TimeSpan? interval = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        using var ticks = new PeriodicTimer(interval ?? TimeSpan.FromMilliseconds(500));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"Timed out after {timeout.TotalSeconds:N0} s waiting for {what}.");
            await ticks.WaitForNextTickAsync();
        }
    }
}
