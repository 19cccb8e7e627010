namespace CampaignSync.Crm;

/// <summary>What the snapshot holds for one contact: the key and hash last written to the outbox.</summary>
internal sealed record SnapshotEntry(long ContactId, string ProfileKey, string Hash);
