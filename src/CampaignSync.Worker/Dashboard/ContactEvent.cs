namespace CampaignSync.Dashboard;

/// <summary>
/// One outcome in a row's story, with the request it came from: a history line (<c>campaign_sync.outcome</c>: a retry,
/// a final outcome an operator retry took back, an operator's retry) or, last, the final outcome the row holds.
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
