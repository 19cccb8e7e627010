namespace CampaignSync.Dashboard;

/// <summary>One recorded operator action (<c>campaign_sync.operator_action</c>), from the CLI or the dashboard.</summary>
internal sealed record OperatorActionEntry(long Id, string Action, string Actor, DateTime ActedAt, string Filter, int RowCount);
