namespace CampaignSync.Operations;

/// <summary>A request past its deadline that Campaign still reports processing; its contacts are held.</summary>
internal sealed record StalledRequest(long BatchId, DateTime StalledAt, int RecordCount);
