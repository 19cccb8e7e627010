using System.Diagnostics;
using System.Globalization;

namespace CampaignSync.Benchmark;

/// <summary>
/// Waits until no outbox row is pending, claimed or in flight, printing progress now and then. Whether any row is
/// open is asked each second through the open-rows index; the full count only for the progress line, since it scans
/// the whole table on the database the measured run is using.
/// </summary>
internal static class DrainWatch
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Returns the time on <paramref name="clock"/> when the last row was seen final (to within a second);
    /// <paramref name="onTick"/> runs every quarter second (sampling, or checking that the worker still runs).
    /// </summary>
    /// <exception cref="TimeoutException">Rows were still open after <paramref name="timeout"/>.</exception>
    public static async Task<TimeSpan> UntilNoneOpenAsync(BenchmarkStore store, Stopwatch clock, TimeSpan timeout,
        Func<Task>? onTick, CancellationToken cancellationToken)
    {
        var nextCheck = TimeSpan.Zero;
        var nextProgress = ProgressEvery;
        while (true)
        {
            if (onTick is not null)
            {
                await onTick();
            }

            if (clock.Elapsed >= nextCheck)
            {
                if (!await store.AnyOpenAsync(cancellationToken))
                {
                    return clock.Elapsed;
                }

                if (clock.Elapsed > timeout)
                {
                    var open = await store.CountOpenAsync(cancellationToken);
                    throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"{open:N0} rows were still open after {timeout}."));
                }

                if (clock.Elapsed >= nextProgress)
                {
                    var open = await store.CountOpenAsync(cancellationToken);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  [{clock.Elapsed.TotalSeconds,5:F0} s] {open:N0} rows open"));
                    nextProgress += ProgressEvery;
                }

                nextCheck = clock.Elapsed + CheckEvery;
            }

            await Task.Delay(Tick, cancellationToken);
        }
    }
}
