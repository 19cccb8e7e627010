namespace CampaignSync.Simulator.Processing;

/// <summary>A processed async upsert: how many records were applied and the error file, if any record failed.</summary>
internal sealed record AsyncResult(long UpdateCount, string? ErrorFile);
