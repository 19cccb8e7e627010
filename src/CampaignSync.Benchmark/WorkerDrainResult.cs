namespace CampaignSync.Benchmark;

/// <summary>One drain by the worker process: from its start to the last row's final outcome.</summary>
/// <param name="WorkerCpu">The worker process's CPU time (user + system) over the drain.</param>
/// <param name="PostgresCpu">The Postgres server's CPU time over the drain (every replica's and the benchmark's queries).</param>
/// <param name="BenchmarkCpu">This process's CPU time over the drain: the simulator, which answers every call, and the sampling.</param>
/// <param name="StartUp">From just before the worker process starts to its first request's batch row.</param>
internal sealed record WorkerDrainResult(TimeSpan Elapsed, double PeakRssMegabytes, IReadOnlyList<DrainSample> Samples, UpsertBatchFacts Batches,
    TimeSpan WorkerCpu, TimeSpan PostgresCpu, TimeSpan BenchmarkCpu, TimeSpan StartUp)
{
    public SimulatorCounts Final => Samples[^1].Counts;
}
