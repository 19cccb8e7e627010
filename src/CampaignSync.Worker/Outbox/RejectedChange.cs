namespace CampaignSync.Outbox;

/// <summary>A claimed row that ends without being sent (failed or superseded), with the code and reason of its outcome.</summary>
internal sealed record RejectedChange(long Id, string Code, string Reason);
