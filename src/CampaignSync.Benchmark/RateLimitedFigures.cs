namespace CampaignSync.Benchmark;

/// <summary>
/// The rate-limited drain in steady state: from one second after the first API call (the warm-up) to the first
/// sample in which the simulator had processed every record, so start-up and the tail of the last polls do not count.
/// </summary>
internal sealed record RateLimitedFigures(double RecordsPerSecond, double CallsPerSecond, long ThrottledAfterWarmup)
{
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The calls a request cannot do without, each under the same limit (the API throttles its status endpoint like the
    /// others, and the simulator throttles every real-API call): its submit, one status poll, and the error-file
    /// download when a record failed. Extra polls, second downloads and retried calls are the worker's cost, so they are
    /// not counted here.
    /// </summary>
    public static double CallsNeededPerRequest(SimulatorCounts counts) =>
        counts.AsyncAccepted > 0 ? 2 + (double)Math.Min(counts.ErrorFiles, counts.AsyncAccepted) / counts.AsyncAccepted : 2;

    public static RateLimitedFigures From(IReadOnlyList<DrainSample> samples)
    {
        var final = samples[^1];
        var first = samples.FirstOrDefault(s => s.Counts.Calls > 0);
        if (first is null)
        {
            return new RateLimitedFigures(0, 0, 0);
        }

        var warm = samples.FirstOrDefault(s => s.At >= first.At + WarmUp) ?? final;
        var end = samples.First(s => s.Counts.RecordsProcessed >= final.Counts.RecordsProcessed);
        if (end.At <= warm.At)
        {
            // Too short a run to leave a steady window (a smoke run): take it all.
            (warm, end) = (first, final);
        }

        var seconds = Math.Max((end.At - warm.At).TotalSeconds, 0.001);
        return new RateLimitedFigures(
            (end.Counts.RecordsProcessed - warm.Counts.RecordsProcessed) / seconds,
            (end.Counts.Calls - warm.Counts.Calls) / seconds,
            final.Counts.Throttled - warm.Counts.Throttled);
    }
}
