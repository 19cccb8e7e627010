namespace CampaignSync.Crm;

/// <summary>
/// Thrown by the scheduled entry point when a run did not succeed, so the Hangfire dashboard shows the job as
/// failed with the run's id and numbers (the run table holds the same facts).
/// </summary>
internal sealed class CrmSyncFailedException(CrmRunResult result)
    : Exception($"CRM sync run {result?.RunId.ToString() ?? "(none)"} ended {result?.Outcome}: {result?.Detail}")
{
    public CrmRunResult? Result { get; } = result;
}
