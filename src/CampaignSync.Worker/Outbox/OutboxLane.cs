namespace CampaignSync.Outbox;

/// <summary>
/// The lanes of the outbox contract's <c>lane</c> column. Live rows (the default) are claimed first; bulk rows (a
/// backfill, a full resync) fill what live rows leave, within <c>Submission:BulkShare</c> of the open requests.
/// </summary>
internal static class OutboxLane
{
    public const string Live = "live";

    public const string Bulk = "bulk";

    public static bool IsKnown(string lane) => lane is Live or Bulk;
}
