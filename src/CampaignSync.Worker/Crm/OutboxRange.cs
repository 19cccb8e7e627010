namespace CampaignSync.Crm;

/// <summary>The first and last outbox ids a run wrote (null when it wrote none).</summary>
internal sealed record OutboxRange(long? FirstId, long? LastId);
