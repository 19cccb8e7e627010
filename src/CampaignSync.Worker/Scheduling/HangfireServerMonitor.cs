using CampaignSync.Pipeline;
using Hangfire;

namespace CampaignSync.Scheduling;

/// <summary>
/// Reads this process's Hangfire server from the storage's server list, so readiness can tell whether the poll
/// server runs and beats (issue 5, item 4). Beside the storage and server it reads (<c>Scheduling/</c>).
/// </summary>
internal sealed class HangfireServerMonitor(JobStorage storage, WorkerIdentity identity)
{
    /// <summary>
    /// The last heartbeat (UTC) of the server this process started, or <see langword="null"/> when the storage lists
    /// none: not started yet, stopped, or removed as timed out by another replica.
    /// </summary>
    public Task<DateTimeOffset?> LastHeartbeatAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        // Hangfire names a server "{ServerName}:{guid}"; ServerName is this process's identity (SchedulingServiceCollectionExtensions).
        var prefix = identity.Name + ":";
        var heartbeats = storage.GetMonitoringApi().Servers()
            .Where(s => s.Name.StartsWith(prefix, StringComparison.Ordinal) && s.Heartbeat is not null)
            .Select(s => new DateTimeOffset(DateTime.SpecifyKind(s.Heartbeat!.Value, DateTimeKind.Utc)))
            .ToList();
        return heartbeats.Count == 0 ? (DateTimeOffset?)null : heartbeats.Max();
    }, cancellationToken);
}
