using CampaignSync.Campaign;
using CampaignSync.Diagnostics;
using CampaignSync.ErrorFiles;
using CampaignSync.Hosting.Dashboard;
using CampaignSync.Polling;

namespace CampaignSync.Hosting;

/// <summary>Composes the worker: each stage's registration in pipeline order, then the dashboard.</summary>
internal static class CampaignSyncHost
{
    /// <summary>
    /// The worker's builder; <paramref name="settings"/> override configuration (the demo and tests use it), and
    /// <paramref name="environmentName"/> overrides ASPNETCORE_ENVIRONMENT (the demo runs as Development).
    /// </summary>
    public static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?>? settings = null, string? environmentName = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [], EnvironmentName = environmentName });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddDatabase();
        builder.AddDiagnostics();
        builder.AddOutbox();
        builder.AddBatching();
        builder.AddCampaignClient();
        builder.AddSubmission();
        builder.AddStatusPolling();
        builder.AddErrorFiles();
        builder.AddOutcomes();
        builder.AddSyncWorker();
        builder.AddDashboard();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();

        app.UseAuthentication();
        app.UseAuthorization();
        app.MapDashboard();
        // Created now, so the backlog gauges exist before the first scrape.
        app.Services.GetRequiredService<CampaignSyncMetrics>();
        app.MapPrometheusScrapingEndpoint(DiagnosticsServiceCollectionExtensions.MetricsPath);
        app.MapGet("/healthz", () => Results.Text("ok"));
        return app;
    }
}
