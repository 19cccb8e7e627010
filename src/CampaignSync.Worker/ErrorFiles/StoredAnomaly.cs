namespace CampaignSync.ErrorFiles;

/// <summary>One anomaly as stored in <c>batch.anomalies</c> and shown to operators.</summary>
internal sealed record StoredAnomaly(long Line, string Reason, string Raw);
