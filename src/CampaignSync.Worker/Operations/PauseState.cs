namespace CampaignSync.Operations;

/// <summary>The operators' pause switch (<c>campaign_sync.pause_switch</c>): on or off, and who changed it last, when.</summary>
internal sealed record PauseState(bool Paused, string? Actor, DateTime? ChangedAt, long? ActionId);
