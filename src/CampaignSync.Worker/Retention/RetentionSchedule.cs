using Hangfire;

namespace CampaignSync.Retention;

/// <summary>Puts the retention job (<see cref="RetentionJob"/>) into Hangfire at start-up, on every replica alike.</summary>
internal sealed class RetentionSchedule(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // Resolved when started, not injected, for the reason CrmSyncSchedule gives.
        services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<RetentionJob>(RetentionJob.RecurringJobId, job => job.RunAsync(CancellationToken.None), RetentionJob.Cron);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
