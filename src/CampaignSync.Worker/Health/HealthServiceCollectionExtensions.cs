using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace CampaignSync.Health;

/// <summary>
/// The probes the Helm chart points at (issue 8; issue 5, item 4): <c>/healthz</c> answers 200 while the process
/// runs (liveness: no dependency is checked, so a Postgres outage never restarts every pod at once);
/// <c>/readyz</c> answers 200 when Postgres answers, the schema is current and the Hangfire server beats, else 503.
/// </summary>
internal static class HealthServiceCollectionExtensions
{
    public const string LivenessPath = "/healthz";
    public const string ReadinessPath = "/readyz";

    private const string ReadyTag = "ready";

    /// <summary>Each check gets this long before it counts as failed; the chart's probe timeout is longer.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(5);

    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("postgres", tags: [ReadyTag], timeout: CheckTimeout)
            .AddCheck<HangfireServerHealthCheck>("hangfire-server", tags: [ReadyTag], timeout: CheckTimeout);
        return builder;
    }

    /// <summary>Maps both probes; they stay anonymous whatever authorization the dashboard adds.</summary>
    public static WebApplication MapHealth(this WebApplication app)
    {
        app.MapHealthChecks(LivenessPath, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(ReadinessPath, new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag) }).AllowAnonymous();
        return app;
    }
}
