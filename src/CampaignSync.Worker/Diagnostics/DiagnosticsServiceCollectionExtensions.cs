using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace CampaignSync.Diagnostics;

/// <summary>Metrics and traces: the CampaignSync meter (with the backlog gauges) exported for Prometheus, and the activity source.</summary>
internal static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The Prometheus scraping path.</summary>
    public const string MetricsPath = "/metrics";

    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BacklogSampler>();
        builder.Services.AddCampaignSyncMetrics();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(CampaignSyncMetrics.MeterName).AddPrometheusExporter())
            .WithTracing(tracing => tracing.AddSource(CampaignSyncActivity.SourceName));
        return builder;
    }

    /// <summary>The counters alone (the Campaign client's registration needs them, also without a database).</summary>
    public static IServiceCollection AddCampaignSyncMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<CampaignSyncMetrics>();
        return services;
    }
}
