namespace CampaignSync.Outbox;

/// <summary>Who claimed a set of rows and under which fence; every write that follows is guarded by both.</summary>
internal sealed record ClaimTicket(string Owner, long Fence);
