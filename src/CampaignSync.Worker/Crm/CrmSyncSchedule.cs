using Hangfire;
using Microsoft.Extensions.Options;

namespace CampaignSync.Crm;

/// <summary>
/// Puts the CRM sync's recurring job into Hangfire at start-up when <c>Crm:Enabled</c> is true (cron and time zone
/// from <c>Crm:Cron</c> and <c>Crm:TimeZone</c>), and removes it when false, so turning the sync off takes effect
/// even though Hangfire keeps recurring jobs in its storage across restarts.
/// </summary>
internal sealed class CrmSyncSchedule(IServiceProvider services, IOptions<CrmOptions> options, ILogger<CrmSyncSchedule> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        // Resolved when started, not injected: the manager takes a logger from Hangfire's process-global log provider
        // when it is built, and building it with the other hosted services (before Hangfire's server has started and
        // configured that provider for this host) once took one from another, disposed host in the tests.
        var recurringJobs = services.GetRequiredService<IRecurringJobManager>();
        if (settings.Enabled)
        {
            recurringJobs.AddOrUpdate<CrmSyncJob>(
                CrmSyncJob.RecurringJobId,
                job => job.RunAsync(CancellationToken.None),
                settings.Cron,
                new RecurringJobOptions { TimeZone = TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone) });
            logger.CrmScheduleRegistered(settings.Cron, settings.TimeZone);
        }
        else
        {
            recurringJobs.RemoveIfExists(CrmSyncJob.RecurringJobId);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
