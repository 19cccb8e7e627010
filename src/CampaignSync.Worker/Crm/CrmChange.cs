namespace CampaignSync.Crm;

/// <summary>One outbox row a run writes: an upsert with the mapped attributes, or a delete of a profile key.</summary>
internal sealed record CrmChange(long ContactId, ChangeReason Reason, string ProfileKey, string? AttributesJson)
{
    /// <summary>The outbox operation: <c>upsert</c> or <c>delete</c>.</summary>
    public string Operation => Reason is ChangeReason.New or ChangeReason.Changed or ChangeReason.Resync ? "upsert" : "delete";
}
