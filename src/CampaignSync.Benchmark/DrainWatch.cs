using System.Diagnostics;
using System.Globalization;

namespace CampaignSync.Benchmark;

/// <summary>Waits until no outbox row is pending, claimed or in flight, printing progress now and then.</summary>
internal static class DrainWatch
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CountEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Returns the time on <paramref name="clock"/> when the last row was seen final (to within a second);
    /// <paramref name="onTick"/> runs every quarter second (sampling, or checking that the worker still runs).
    /// </summary>
    /// <exception cref="TimeoutException">Rows were still open after <paramref name="timeout"/>.</exception>
    public static async Task<TimeSpan> UntilNoneOpenAsync(BenchmarkStore store, Stopwatch clock, TimeSpan timeout,
        Func<Task>? onTick, CancellationToken cancellationToken)
    {
        var nextCount = TimeSpan.Zero;
        var nextProgress = ProgressEvery;
        while (true)
        {
            if (onTick is not null)
            {
                await onTick();
            }

            if (clock.Elapsed >= nextCount)
            {
                var open = await store.CountOpenAsync(cancellationToken);
                if (open == 0)
                {
                    return clock.Elapsed;
                }

                if (clock.Elapsed > timeout)
                {
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{open:N0} rows were still open after {timeout}."));
                }

                if (clock.Elapsed >= nextProgress)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,5:F0} s] {open:N0} rows open"));
                    nextProgress += ProgressEvery;
                }

                nextCount = clock.Elapsed + CountEvery;
            }

            await Task.Delay(Tick, cancellationToken);
        }
    }
}
