namespace CampaignSync.Benchmark;

/// <summary>One drain by the worker process: from its start to the last row's final outcome.</summary>
internal sealed record WorkerDrainResult(TimeSpan Elapsed, double PeakRssMegabytes, IReadOnlyList<DrainSample> Samples, UpsertBatchFacts Batches)
{
    public SimulatorCounts Final => Samples[^1].Counts;
}
