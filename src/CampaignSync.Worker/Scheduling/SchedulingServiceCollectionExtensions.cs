using CampaignSync.Database;
using CampaignSync.Hosting;
using CampaignSync.Pipeline;
using CampaignSync.Polling;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.Options;

namespace CampaignSync.Scheduling;

/// <summary>
/// Hangfire on Postgres, where every feature's jobs run (the status polls, the CRM sync, retention): storage in its
/// own schema and one server. Settings follow what Hangfire.PostgreSql users learned: sliding invisibility timeout on
/// (else a job that outlives the timeout runs twice), short queue and schedule polling, distributed locks that time
/// out quickly (they outlive a crash until then), because correctness lives in our own guarded rows, never in a
/// Hangfire lock. Its settings are the <c>Polling</c> section's
/// (<see cref="PollingOptions"/>): the status polls are what the server is sized for.
/// </summary>
internal static class SchedulingServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddJobScheduling(this IHostApplicationBuilder builder)
    {
        // This host's own storage and activator. AddHangfire would otherwise resolve both from Hangfire's process-wide
        // JobStorage.Current and JobActivator.Current, so two hosts starting together in one process (the test suite
        // runs many) could take each other's: polls scheduled into the other database, or run with the other's
        // services. Registered first, these win over AddHangfire's TryAdd defaults.
        builder.Services.AddSingleton<JobStorage>(sp =>
        {
            var polling = sp.GetRequiredService<IOptions<PollingOptions>>().Value;
            var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var storageOptions = new PostgreSqlStorageOptions
            {
                SchemaName = polling.HangfireSchema,
                // migrate installs the schema (HangfireSchemaInstaller): the runtime role may not run DDL.
                PrepareSchemaIfNecessary = false,
                QueuePollInterval = polling.QueuePollInterval,
                UseSlidingInvisibilityTimeout = true,
                InvisibilityTimeout = TimeSpan.FromMinutes(5),
                DistributedLockTimeout = polling.DistributedLockTimeout,
                JobExpirationCheckInterval = TimeSpan.FromMinutes(15),
            };
            return new PostgreSqlStorage(new NpgsqlConnectionFactory(database.ConnectionString, storageOptions), storageOptions);
        });
        builder.Services.AddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        builder.Services.AddHangfire((sp, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<ILoggerFactory>())));
        builder.Services.AddHangfireServer((sp, server) =>
        {
            var polling = sp.GetRequiredService<IOptions<PollingOptions>>().Value;
            server.Queues = [PollingOptions.Queue, "default"];
            server.WorkerCount = polling.WorkerCount;
            server.SchedulePollingInterval = polling.SchedulePollingInterval;
            // Hangfire aborts the jobs still running this long after SIGTERM (its default is 15 s): the worker's one
            // grace, so a poll is never cut shorter than the claim loop's drain, nor left running after the host quits.
            server.ShutdownTimeout = sp.GetRequiredService<IOptions<ShutdownOptions>>().Value.Timeout;
            server.ServerName = sp.GetRequiredService<WorkerIdentity>().Name;
        });
        builder.Services.AddSingleton<HangfireServerMonitor>();
        return builder;
    }
}
