namespace CampaignSync.Dashboard;

/// <summary>
/// One outcome in a row's history (<c>campaign_sync.outcome</c>): a retry, a final state, or an operator's retry,
/// with the request it came from.
/// </summary>
internal sealed record ContactEvent(
    long OutboxId,
    long? BatchId,
    string? RequestId,
    int Attempt,
    string State,
    string? Code,
    string? Description,
    DateTime RecordedAt);
