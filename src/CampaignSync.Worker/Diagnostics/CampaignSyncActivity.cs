using System.Diagnostics;

namespace CampaignSync.Diagnostics;

/// <summary>
/// The worker's one <c>ActivitySource("CampaignSync")</c>. A submit span and each poll span carry the batch id and the
/// Campaign request id, so a trace joins an outbox row (its batch_id column) to the request that carried it.
/// </summary>
internal static class CampaignSyncActivity
{
    public const string SourceName = "CampaignSync";

    public const string BatchIdTag = "campaign_sync.batch.id";

    public const string RequestIdTag = "campaign_sync.request.id";

    public const string RecordCountTag = "campaign_sync.batch.record_count";

    public static readonly ActivitySource Source = new(SourceName);
}
