namespace CampaignSync.Benchmark;

/// <summary>The simulator's counts at one moment of a drain, <paramref name="At"/> after the worker started.</summary>
internal sealed record DrainSample(TimeSpan At, SimulatorCounts Counts);
