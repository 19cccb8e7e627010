namespace CampaignSync.Dashboard;

/// <summary>Exact counts of the finished outbox states that no index holds.</summary>
internal sealed record FinishedCounts(long Succeeded, long Superseded);
