using CampaignSync.Diagnostics;
using CampaignSync.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;

namespace CampaignSync.Campaign;

/// <summary>Registers the Webex Campaign client: options, the shared key state, the rate budget, the one pipeline and the typed HttpClient.</summary>
internal static class CampaignServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddCampaignClient(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<CampaignOptions>()
            .BindConfiguration(CampaignOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CampaignOptions>, CampaignOptionsValidator>());
        services.AddSingleton<IValidateOptions<CampaignOptions>>(static sp => new SecureBaseUrlValidator<CampaignOptions>(
            sp.GetRequiredService<IHostEnvironment>(), "Campaign:BaseUrl", static o => o.BaseUrl));

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<CampaignApiKeys>();
        services.TryAddSingleton<CampaignCircuit>();
        // Read only when Campaign:RequestsPerSecond is set; it needs the worker's NpgsqlDataSource then.
        services.TryAddSingleton<ICampaignRateBudget, PostgresRateBudget>();
        services.AddCampaignSyncMetrics();
        services.AddResiliencePipeline(CampaignDefaults.PipelineKey, CampaignResiliencePipeline.Configure);

        // Typed clients are transient, but pipeline stages are singletons that keep the one they were given. So
        // the handler is never recycled by the factory (infinite lifetime) and instead SocketsHttpHandler renews its
        // pooled connections, which is how DNS changes are picked up (the documented pattern for long-lived clients).
        services.AddHttpClient<ICampaignClient, CampaignClient>(static client =>
            {
                // Polly owns every timeout (per attempt and in total); HttpClient's own would race it.
                client.Timeout = Timeout.InfiniteTimeSpan;
                client.MaxResponseContentBufferSize = CampaignDefaults.MaxJsonResponseBytes;
            })
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler
            {
                PooledConnectionLifetime = CampaignDefaults.PooledConnectionLifetime,
                AutomaticDecompression = System.Net.DecompressionMethods.All,
                // Error-file redirects are followed by hand, each hop checked (ErrorFileUrlRule); the API answers no others.
                AllowAutoRedirect = false,
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            // The factory's own request logs print full URLs at Information (an error-file URL may be pre-signed) and
            // headers at Trace; CampaignLog already logs every call with its code and timing, so they are removed.
            .RemoveAllLoggers();

        return builder;
    }
}
