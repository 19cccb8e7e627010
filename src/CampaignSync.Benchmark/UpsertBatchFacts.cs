namespace CampaignSync.Benchmark;

/// <summary>The completed upsert requests of one drain, from the batch table.</summary>
/// <param name="StillProcessingPolls">Polls that found a request still processing (the final poll is not counted).</param>
internal sealed record UpsertBatchFacts(long Requests, double AverageRecords, long StillProcessingPolls);
