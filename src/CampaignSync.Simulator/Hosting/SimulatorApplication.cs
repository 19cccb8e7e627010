using CampaignSync.Simulator.Api;
using CampaignSync.Simulator.Inspection;
using CampaignSync.Simulator.Processing;
using CampaignSync.Simulator.State;

namespace CampaignSync.Simulator.Hosting;

/// <summary>Registers the simulator's services and maps its endpoints, for both ways of starting it.</summary>
internal static class SimulatorApplication
{
    public static WebApplication Build(WebApplicationBuilder builder, SimulatorOptions options)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProfileCatalog>();
        services.AddSingleton<ProfileStore>();
        services.AddSingleton<SimulatorStats>();
        services.AddSingleton<KeyRuleMatcher>();
        services.AddSingleton<RecordApplier>();
        services.AddSingleton<TokenBucket>();
        services.AddSingleton<AsyncRequestRegistry>();
        services.AddSingleton<AsyncRequestQueue>();
        services.AddSingleton<AsyncRequestProcessor>();
        services.AddSingleton<AsyncUpsertHandler>();
        services.AddHostedService<AsyncRequestWorker>();

        var app = builder.Build();
        app.Use(CountRequestAsync);
        app.MapCampaignApi();
        app.MapInspection();
        return app;
    }

    // Counts real-API calls as "METHOD path-template STATUS"; /_sim calls are not counted, so reading the stats
    // does not change them.
    private static async Task CountRequestAsync(HttpContext context, RequestDelegate next)
    {
        await next(context);
        if (context.Request.Path.StartsWithSegments(CampaignApiEndpoints.Prefix, StringComparison.Ordinal))
        {
            var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            context.RequestServices.GetRequiredService<SimulatorStats>().CountRequest(context.Request.Method, template, context.Response.StatusCode);
        }
    }
}
