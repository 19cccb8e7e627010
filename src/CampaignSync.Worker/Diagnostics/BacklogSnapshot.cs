namespace CampaignSync.Diagnostics;

/// <summary>One reading of the backlog gauges.</summary>
internal sealed record BacklogSnapshot(
    long Pending, long Due, long InFlight, double OldestPendingAgeSeconds, long OpenRequests, long StalledRequests, long Dead)
{
    public static BacklogSnapshot Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);
}
