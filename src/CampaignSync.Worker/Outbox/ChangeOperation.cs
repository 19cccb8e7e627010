namespace CampaignSync.Outbox;

/// <summary>The two operations the outbox accepts (column <c>operation</c>).</summary>
internal enum ChangeOperation
{
    Upsert,
    Delete,
}
