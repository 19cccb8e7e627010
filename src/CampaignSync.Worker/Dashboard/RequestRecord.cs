namespace CampaignSync.Dashboard;

/// <summary>One record of a request and the outcome the request gave it (none yet while it is in flight).</summary>
internal sealed record RequestRecord(
    long OutboxId,
    string ProfileKey,
    int Attempt,
    string State,
    string? Code,
    string? Description,
    DateTime? RecordedAt);
