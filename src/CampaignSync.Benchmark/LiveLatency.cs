namespace CampaignSync.Benchmark;

/// <summary>
/// Live rows written while a bulk backfill drains: the median and slowest time from their <c>created_at</c> to their
/// final outcome, and how many bulk rows became final after the last live one (the backlog they did not wait for).
/// Null when no live row was final: the backfill was done before they were written, and the worker stopped.
/// </summary>
internal sealed record LiveLatency(double? Median, double? Slowest, long BulkFinishedAfter);
