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

    // Counts real-API calls as "METHOD path-template STATUS", and per UTC second of their arrival (before any added
    // latency), with those answered 429; /_sim calls are not counted, so reading the stats does not change them.
    private static async Task CountRequestAsync(HttpContext context, RequestDelegate next)
    {
        var arrived = context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().ToUnixTimeSeconds();
        await next(context);
        if (context.Request.Path.StartsWithSegments(CampaignApiEndpoints.Prefix, StringComparison.Ordinal))
        {
            var template = (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(unmatched)";
            var stats = context.RequestServices.GetRequiredService<SimulatorStats>();
            stats.CountRequest(context.Request.Method, template, context.Response.StatusCode);
            stats.CountCallAt(arrived, context.Response.StatusCode == StatusCodes.Status429TooManyRequests);
        }
    }
}
