using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace CampaignSync.Diagnostics;

/// <summary>
/// Metrics and traces: the CampaignSync meter (with the backlog gauges, sampled in the background) and the meters of the
/// libraries and runtime under it (<see cref="LibraryMeters"/>) exported for Prometheus, and the activity
/// source's spans exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> names a collector (the exporter's own
/// standard variables, <c>OTEL_EXPORTER_OTLP_PROTOCOL</c> and the others, apply).
/// </summary>
internal static class DiagnosticsServiceCollectionExtensions
{
    /// <summary>The Prometheus scraping path.</summary>
    public const string MetricsPath = "/metrics";

    /// <summary>The OpenTelemetry standard variable that turns the trace exporter on.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// The built-in meters exported with ours: Polly (the Campaign pipeline's retries, breaker and limiter), HttpClient
    /// and its DNS lookups, Npgsql (the connection pool and commands) and the .NET runtime (GC, thread pool, memory).
    /// </summary>
    public static readonly string[] LibraryMeters = ["Polly", "System.Net.Http", "System.Net.NameResolution", "Npgsql", "System.Runtime"];

    public static IHostApplicationBuilder AddDiagnostics(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<BacklogSampler>();
        builder.Services.AddHostedService(static services => services.GetRequiredService<BacklogSampler>());
        builder.Services.AddCampaignSyncMetrics();
        builder.Services.AddOpenTelemetry()
            .WithMetrics(metrics => metrics.AddMeter(CampaignSyncMetrics.MeterName).AddMeter(LibraryMeters).AddPrometheusExporter())
            .WithTracing(tracing =>
            {
                tracing.AddSource(CampaignSyncActivity.SourceName);
                if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
                {
                    tracing.AddOtlpExporter();
                }
            });
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
