using System.Diagnostics;
using CampaignSync.Campaign;
using CampaignSync.ErrorFiles;
using CampaignSync.Scheduling;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace CampaignSync.Benchmark;

/// <summary>
/// Runs <see cref="BaselineRecordJob"/> for every pending row: enqueues one Hangfire job per row, then waits until
/// every row is final. Hangfire here has its own storage object, server and client (no global JobStorage), in a
/// schema of its own, with the worker's Campaign client registration.
/// </summary>
internal static class OneJobPerRecordBaseline
{
    public const string HangfireSchema = "campaign_sync_benchmark_baseline";

    /// <summary>Hangfire's own default is min(5 × cores, 20); the baseline gets 20 whatever the cores.</summary>
    public const int WorkerCount = 20;

    public static async Task<TimeSpan> RunAsync(string connectionString, Uri simulator, string apiKey, BenchmarkStore store,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Campaign:BaseUrl"] = simulator.ToString(),
            ["Campaign:ApiKey"] = apiKey,
        });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddCampaignClient();
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddSingleton<BenchmarkStore>();
        builder.Services.AddSingleton<ErrorFileReader>();
        builder.Services.AddTransient<BaselineRecordJob>();
        using var host = builder.Build();
        await host.StartAsync(cancellationToken);

        var options = new PostgreSqlStorageOptions
        {
            SchemaName = HangfireSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.FromMilliseconds(200),
            UseSlidingInvisibilityTimeout = true,
        };
        // Hangfire's logging is process-wide (LibLog): point it at this host's factory, not one that a host started
        // earlier in this process (a test run holds many) may already have disposed.
        GlobalConfiguration.Configuration.UseLogProvider(new HostLogProvider(host.Services.GetRequiredService<ILoggerFactory>()));
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        var ids = await store.PendingIdsAsync(cancellationToken);
        var clock = Stopwatch.StartNew();
        TimeSpan elapsed;
        using (new BackgroundJobServer(new BackgroundJobServerOptions
        {
            WorkerCount = WorkerCount,
            Queues = ["default"],
            Activator = new AspNetCoreJobActivator(host.Services.GetRequiredService<IServiceScopeFactory>()),
        }, storage))
        {
            var jobs = new BackgroundJobClient(storage);
            foreach (var id in ids)
            {
                jobs.Enqueue<BaselineRecordJob>(job => job.SendAsync(id, CancellationToken.None));
            }

            var monitoring = storage.GetMonitoringApi();
            elapsed = await DrainWatch.UntilNoneOpenAsync(store, clock, timeout, () => monitoring.FailedCount() == 0
                ? Task.CompletedTask
                : throw new InvalidOperationException(FirstFailure(monitoring)), cancellationToken);
        }

        await host.StopAsync(cancellationToken);
        return elapsed;
    }

    private static string FirstFailure(IMonitoringApi monitoring)
    {
        var failed = monitoring.FailedJobs(0, 1).Select(j => j.Value).FirstOrDefault();
        return $"A baseline job failed ({failed?.ExceptionType}: {failed?.ExceptionMessage}); see the Hangfire schema {HangfireSchema}.";
    }
}
