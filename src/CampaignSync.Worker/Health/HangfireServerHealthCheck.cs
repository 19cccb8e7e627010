using CampaignSync.Scheduling;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CampaignSync.Health;

/// <summary>
/// Readiness: this process's Hangfire server (the one that runs the status polls) is listed in the storage and its
/// heartbeat is recent. Without it, submitted requests of this replica would only be polled by other replicas.
/// </summary>
internal sealed class HangfireServerHealthCheck(HangfireServerMonitor monitor, TimeProvider timeProvider) : IHealthCheck
{
    /// <summary>
    /// How old the heartbeat may be: Hangfire beats every 30 s by default, so this allows one missed beat plus
    /// clock skew between pods. Hangfire itself drops a server after 5 minutes without a beat.
    /// </summary>
    public static readonly TimeSpan MaxHeartbeatAge = TimeSpan.FromSeconds(90);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var heartbeat = await monitor.LastHeartbeatAsync(cancellationToken);
        if (heartbeat is null)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "the Hangfire server of this process is not running");
        }

        var age = timeProvider.GetUtcNow() - heartbeat.Value;
        return age <= MaxHeartbeatAge
            ? HealthCheckResult.Healthy("the Hangfire server of this process is running")
            : new HealthCheckResult(context.Registration.FailureStatus,
                $"the Hangfire server of this process last beat {age.TotalSeconds:F0} s ago");
    }
}
