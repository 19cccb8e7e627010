namespace CampaignSync.Dashboard;

/// <summary>Records of the requests that completed in one minute (UTC, the minute's start).</summary>
internal sealed record MinuteCount(DateTime Minute, long Records);
