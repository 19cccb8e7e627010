using CampaignSync.Campaign;
using CampaignSync.Crm;
using CampaignSync.Dashboard;
using CampaignSync.Diagnostics;
using CampaignSync.ErrorFiles;
using CampaignSync.Health;
using CampaignSync.Polling;
using CampaignSync.Retention;
using CampaignSync.Scheduling;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.Options;

namespace CampaignSync.Hosting;

/// <summary>Composes the worker: each stage's registration in pipeline order, then the health probes and the dashboard.</summary>
internal static class CampaignSyncHost
{
    /// <summary>
    /// ASP.NET Core logs each request's path and query at Information and its route matches at Debug: the defaults keep
    /// them at Warning, so a URL reaches no log unless an operator asks for it (issue 15).
    /// </summary>
    private static readonly KeyValuePair<string, string?>[] DefaultLogLevels =
    [
        new("Logging:LogLevel:Microsoft.AspNetCore.Hosting", "Warning"),
        new("Logging:LogLevel:Microsoft.AspNetCore.Routing", "Warning"),
    ];

    /// <summary>
    /// The worker's builder; <paramref name="settings"/> override configuration (the demo and tests use it), and
    /// <paramref name="environmentName"/> overrides ASPNETCORE_ENVIRONMENT (the demo runs as Development).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings = null, string? environmentName = null)
    {
        var builder = WebApplication.CreateBuilder(WorkerConfiguration.Options(environmentName));
        // Below every other source, so any configured level wins.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = DefaultLogLevels });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddDatabase();
        builder.AddDiagnostics();
        builder.AddCrmSync();
        builder.AddOutbox();
        builder.AddBatching();
        builder.AddCampaignClient();
        builder.AddSubmission();
        builder.AddJobScheduling();
        builder.AddStatusPolling();
        builder.AddCrmSyncSchedule();
        builder.AddRetention();
        builder.AddErrorFiles();
        builder.AddOutcomes();
        builder.AddSyncWorker();
        builder.AddHealth();
        builder.AddDashboard();
        return builder;
    }

    /// <summary>
    /// Builds the host and validates every setting before anything else runs: mapping the dashboard resolves Hangfire's
    /// storage, which connects to the database (retrying for about half a minute when it is unreachable) and creates
    /// its schema, so a bad setting must stop start-up first (issue 2: fail fast with a message naming the key).
    /// </summary>
    /// <exception cref="OptionsValidationException">One options class is not valid.</exception>
    /// <exception cref="AggregateException">Several are; each inner exception is an <see cref="OptionsValidationException"/>.</exception>
    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();
        app.Services.GetRequiredService<IStartupValidator>().Validate();

        // First, so every later step sees the client and the scheme a known proxy forwarded.
        app.UseForwardedHeaders();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapDashboard();
        // Created now, so the backlog gauges exist before the first scrape.
        app.Services.GetRequiredService<CampaignSyncMetrics>();
        app.MapPrometheusScrapingEndpoint(DiagnosticsServiceCollectionExtensions.MetricsPath);
        return app;
    }
}
