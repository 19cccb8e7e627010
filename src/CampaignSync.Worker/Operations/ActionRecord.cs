namespace CampaignSync.Operations;

/// <summary>A recorded operator action: its id in <c>campaign_sync.operator_action</c> and how many rows it changed.</summary>
internal sealed record ActionRecord(long ActionId, int RowCount);
