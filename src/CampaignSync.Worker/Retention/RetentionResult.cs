namespace CampaignSync.Retention;

/// <summary>What one retention pass deleted, by kind of record.</summary>
internal sealed record RetentionResult(long FinalRows, long FailedRows, long Batches, long OperatorActions, long CrmRuns);
