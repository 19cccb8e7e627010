namespace CampaignSync.Outbox;

/// <summary>A claimed row the worker cannot send, with the reason it gets as its failed outcome.</summary>
internal sealed record RejectedChange(long Id, string Code, string Reason);
