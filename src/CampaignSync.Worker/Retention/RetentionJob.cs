using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.Options;

namespace CampaignSync.Retention;

/// <summary>
/// The Hangfire entry point of retention (issue 14), every quarter of an hour on one replica: our tables through
/// <see cref="RetentionStore"/>, then Hangfire's own failed jobs, which Hangfire keeps for ever. A failed job older than
/// <see cref="RetentionOptions.HangfireFailedJobs"/> is moved to Deleted, a final state Hangfire expires after a day.
/// </summary>
internal sealed class RetentionJob(
    RetentionStore store, JobStorage storage, IBackgroundJobClient jobs, IOptions<RetentionOptions> options, TimeProvider timeProvider,
    ILogger<RetentionJob> logger)
{
    /// <summary>The id of the recurring job in Hangfire.</summary>
    public const string RecurringJobId = "retention";

    /// <summary>Every 15 minutes: each pass deletes in small chunks, so it may run at any hour.</summary>
    public const string Cron = "*/15 * * * *";

    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (await store.RunAsync(cancellationToken) is null)
        {
            return;
        }

        var settings = options.Value;
        var before = timeProvider.GetUtcNow().UtcDateTime - settings.HangfireFailedJobs;
        var monitoring = storage.GetMonitoringApi();
        var deleted = 0;
        var from = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var page = monitoring.FailedJobs(from, settings.ChunkSize);
            if (page.Count == 0)
            {
                break;
            }

            var deletedNow = page.Where(job => job.Value.FailedAt < before).Count(job => jobs.Delete(job.Key, FailedState.StateName));
            deleted += deletedNow;
            // The deleted ones left the failed list; the rest (kept, or changed state meanwhile) are skipped.
            from += page.Count - deletedNow;
        }

        logger.FailedJobsDeleted(deleted);
    }
}
