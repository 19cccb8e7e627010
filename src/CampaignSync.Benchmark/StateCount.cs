namespace CampaignSync.Benchmark;

/// <summary>Rows in one outbox state.</summary>
internal sealed record StateCount(string Name, long Count);
